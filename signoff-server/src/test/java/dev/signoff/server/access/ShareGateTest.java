package dev.signoff.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.AdjustableClock;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The listener's side of a link: its session, unlocking with a password, and links that stop working. */
class ShareGateTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void anOpenLinkTellsWhatItGrantsAndGivesItsPageACsrfValue(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Night Drive");
            String path = server.owner().post("/api/projects/" + song.id() + "/links", Map.of("label", "The Reds", "audience", "band")).json().get("path").asText();

            HttpSession listener = server.visitor();
            var reply = listener.get(path + "/api/session");
            assertThat(reply.status()).isEqualTo(200);
            JsonNode s = reply.json();
            assertThat(s.get("label").asText()).isEqualTo("The Reds");
            assertThat(s.get("audience").asText()).isEqualTo("band");
            assertThat(s.get("can_comment").asBoolean()).isTrue();
            assertThat(s.get("can_download").asBoolean()).isFalse();
            assertThat(s.get("needs_password").asBoolean()).isFalse();
            assertThat(s.get("project_name").asText()).isEqualTo("Night Drive");
            assertThat(s.get("csrf").asText()).hasSize(22);
            assertThat(reply.header("Set-Cookie")).startsWith("signoff_share=").contains("Path=" + path).contains("HttpOnly").contains("SameSite=Strict");
            assertThat(listener.get(path + "/api/session").json().get("csrf").asText()).as("the same session on the next visit").isEqualTo(s.get("csrf").asText());
            assertThat(listener.post(path + "/api/unlock", Map.of("password", "whatever")).json().get("error").asText()).contains("no password");
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aPasswordLinkTellsNothingUntilUnlocked(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Night Drive");
            String path = server.owner().post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana", "password", "blue moon")).json().get("path").asText();

            HttpSession listener = server.visitor();
            JsonNode locked = listener.get(path + "/api/session").json();
            assertThat(locked.get("needs_password").asBoolean()).isTrue();
            assertThat(locked.has("csrf")).isFalse();
            assertThat(locked.get("label").isNull()).isTrue();
            assertThat(locked.get("project_name").isNull()).isTrue();
            assertThat(locked.toString()).doesNotContain("Night Drive").doesNotContain("Ana");

            var wrong = listener.post(path + "/api/unlock", Map.of("password", "red moon"));
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().get("error").asText()).contains("password is not right");
            assertThat(listener.post(path + "/api/unlock", Map.of()).status()).isEqualTo(400);
            var foreign = listener.send("POST", path + "/api/unlock", "{\"password\":\"blue moon\"}".getBytes(), "Origin", "http://evil.example");
            assertThat(foreign.status()).isEqualTo(403);

            var unlocked = listener.post(path + "/api/unlock", Map.of("password", "blue moon"));
            assertThat(unlocked.status()).isEqualTo(200);
            assertThat(unlocked.json().get("project_name").asText()).isEqualTo("Night Drive");
            assertThat(unlocked.json().get("csrf").asText()).hasSize(22);
            JsonNode open = listener.get(path + "/api/session").json();
            assertThat(open.get("label").asText()).isEqualTo("Ana");
            assertThat(open.get("csrf").asText()).isEqualTo(unlocked.json().get("csrf").asText());
            assertThat(server.visitor().get(path + "/api/session").json().get("needs_password").asBoolean())
                    .as("another device still needs the password").isTrue();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aRevokedLinkStopsAtOnceEvenForAnOpenSessionAndLooksLikeAnUnknownOne(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Night Drive");
            HttpSession owner = server.owner();
            JsonNode link = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana", "password", "blue moon")).json();
            String path = link.get("path").asText();
            HttpSession listener = server.visitor();
            assertThat(listener.post(path + "/api/unlock", Map.of("password", "blue moon")).status()).isEqualTo(200);
            assertThat(listener.get(path + "/api/session").status()).isEqualTo(200);

            owner.post("/api/projects/" + song.id() + "/links/" + link.get("id").asText() + "/revoke", "");
            var dead = listener.get(path + "/api/session");
            assertThat(dead.status()).isEqualTo(404);
            assertThat(dead.json().get("error").asText()).contains("does not work any more");
            assertThat(listener.post(path + "/api/unlock", Map.of("password", "blue moon")).status()).isEqualTo(404);
            var unknown = server.visitor().get("/s/AAAAAAAAAAAAAAAAAAAAAA/api/session");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.text()).isEqualTo(dead.text());
            long sessions = server.server().context().db().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE link_id = :l")
                    .bind("l", link.get("id").asText()).mapTo(Long.class).one());
            assertThat(sessions).as("its sessions ended").isZero();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void anExpiredLinkStopsTheMomentItExpires(Database.Kind kind) {
        AdjustableClock clock = new AdjustableClock(Instant.parse("2026-06-01T10:00:00Z"));
        try (TestServer server = TestServer.start(kind, dir, clock, ServerConfig.DEFAULT_MAX_UPLOAD)) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Night Drive");
            HttpSession owner = server.owner();
            JsonNode link = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana", "expires_in_days", 7)).json();
            assertThat(link.get("expires_at").asLong()).isEqualTo(Instant.parse("2026-06-08T10:00:00Z").toEpochMilli());
            String path = link.get("path").asText();
            HttpSession listener = server.visitor();
            assertThat(listener.get(path + "/api/session").json().get("expires_at").asLong()).isEqualTo(link.get("expires_at").asLong());

            clock.advance(Duration.ofDays(7).minusMillis(1));
            assertThat(listener.get(path + "/api/session").status()).isEqualTo(200);
            clock.advance(Duration.ofMillis(1));
            assertThat(listener.get(path + "/api/session").status()).isEqualTo(404);
            assertThat(server.visitor().get(path + "/api/session").status()).isEqualTo(404);
            assertThat(owner.get("/api/projects/" + song.id() + "/links").json().get(0).get("status").asText()).isEqualTo("expired");
        }
    }
}
