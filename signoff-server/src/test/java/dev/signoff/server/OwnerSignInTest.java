package dev.signoff.server;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OwnerSignInTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void firstStartSetsThePasswordWithThePrintedTokenOnce(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession stranger = server.visitor();
            assertThat(stranger.get("/api/session").json().get("setup_needed").asBoolean()).isTrue();
            var wrong = stranger.post("/api/setup", Map.of("token", "AAAAAAAAAAAAAAAAAAAAAA", "password", "long enough pw"));
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.json().get("error").asText()).contains("setup token");
            assertThat(stranger.post("/api/setup", Map.of("token", server.server().setupToken().orElseThrow(), "password", "short")).status())
                    .isEqualTo(400);

            HttpSession owner = server.owner();
            var session = owner.get("/api/session").json();
            assertThat(session.get("owner").asBoolean()).isTrue();
            assertThat(session.get("setup_needed").asBoolean()).isFalse();
            // The token worked once; now only the password signs in.
            assertThat(stranger.post("/api/setup", Map.of("token", server.server().setupToken().orElseThrow(), "password", "another password")).status())
                    .isEqualTo(403);
            assertThat(stranger.post("/api/login", Map.of("password", "not the password")).status()).isEqualTo(401);
            assertThat(server.owner().get("/api/session").json().get("owner").asBoolean()).isTrue();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void writesNeedTheSessionsCsrfValueAndTheCookieIsHttpOnlyAndStrict(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String csrf = owner.csrf();
            owner.csrf(null);
            var refused = owner.post("/api/logout", "");
            assertThat(refused.status()).isEqualTo(403);
            owner.csrf("x" + csrf);
            assertThat(owner.post("/api/logout", "").status()).isEqualTo(403);
            owner.csrf(csrf);
            var cross = owner.send("POST", "/api/logout", new byte[0], "Origin", "http://evil.example");
            assertThat(cross.status()).isEqualTo(403);
            assertThat(owner.post("/api/logout", "").status()).isEqualTo(204);
            assertThat(owner.get("/api/session").json().get("owner").asBoolean()).isFalse();

            HttpSession fresh = server.visitor();
            var login = fresh.post("/api/login", Map.of("password", TestServer.OWNER_PASSWORD));
            assertThat(login.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict").contains("Secure");
        }
    }
}
