package dev.signoff.server.access;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Changing the owner's password: needs the current one, ends every other owner session, keeps this one. */
class OwnerPasswordTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aNewPasswordEndsTheOtherSessionsAndTheOldPasswordStopsWorking(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession laptop = server.owner(), phone = server.owner();
            assertThat(laptop.post("/api/password", Map.of("current", "not it at all", "password", "a brand new one")).json().get("error").asText())
                    .contains("current password is not right");
            assertThat(laptop.post("/api/password", Map.of("current", TestServer.OWNER_PASSWORD, "password", "short")).status()).isEqualTo(400);
            String csrf = laptop.csrf();
            laptop.csrf(null);
            assertThat(laptop.post("/api/password", Map.of("current", TestServer.OWNER_PASSWORD, "password", "a brand new one")).status())
                    .as("without the CSRF value").isEqualTo(403);
            laptop.csrf(csrf);

            var changed = laptop.post("/api/password", Map.of("current", TestServer.OWNER_PASSWORD, "password", "a brand new one"));
            assertThat(changed.status()).isEqualTo(200);
            laptop.csrf(changed.json().get("csrf").asText());
            assertThat(laptop.get("/api/session").json().get("owner").asBoolean()).as("this browser stays signed in").isTrue();
            assertThat(phone.get("/api/session").json().get("owner").asBoolean()).as("the other one is signed out").isFalse();
            assertThat(server.visitor().post("/api/login", Map.of("password", TestServer.OWNER_PASSWORD)).status()).isEqualTo(401);
            assertThat(server.visitor().post("/api/login", Map.of("password", "a brand new one")).status()).isEqualTo(200);
            assertThat(laptop.post("/api/logout", "").status()).isEqualTo(204);
        }
    }
}
