package dev.signoff.server.access;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.SignoffServer;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.AdjustableClock;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestDatabases;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guessing is slowed down per client address (and per link for link passwords), across instances,
 * over a 15-minute window. The server trusts X-Forwarded-For here (as with serve --trust-proxy), so
 * each test can play several clients from one machine.
 */
class RateLimitTest {
    private static final String PASSWORD = "correct horse battery";
    @TempDir Path dir;
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-06-01T10:00:00Z"));

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void wrongOwnerPasswordsAreLimitedPerAddressAndOneClientsSuccessResetsNobodyElse(Database.Kind kind) {
        try (SignoffServer server = start(kind, true)) {
            HttpSession owner = setUp(server);
            for (int i = 0; i < 9; i++) assertThat(login(owner, "10.0.0.1", "guess " + i).status()).isEqualTo(401);
            assertThat(login(owner, "10.0.0.2", PASSWORD).status()).as("another client signs in").isEqualTo(200);
            assertThat(login(owner, "10.0.0.1", "guess 9").status()).isEqualTo(401);

            var refused = login(owner, "10.0.0.1", PASSWORD);
            assertThat(refused.status()).as("even the right password, once over the limit").isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("too many wrong passwords from your address; try again in 15 minutes");
            assertThat(refused.header("Retry-After")).isEqualTo("900");
            assertThat(login(owner, "10.0.0.2", PASSWORD).status()).isEqualTo(200);

            clock.advance(Duration.ofMinutes(10));
            assertThat(login(owner, "10.0.0.1", PASSWORD).header("Retry-After")).isEqualTo("300");
            clock.advance(Duration.ofMinutes(5));
            assertThat(login(owner, "10.0.0.1", PASSWORD).status()).as("the window has passed").isEqualTo(200);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void withoutTrustProxyTheSocketAddressCountsAndAForgedHeaderChangesNothing(Database.Kind kind) {
        try (SignoffServer server = start(kind, false)) {
            HttpSession owner = setUp(server);
            for (int i = 0; i < 10; i++) assertThat(login(owner, "10.0.0." + i, "guess").status()).isEqualTo(401);
            assertThat(login(owner, "10.9.9.9", PASSWORD).status()).isEqualTo(429);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void wrongLinkPasswordsAreLimitedPerAddressAndPerLink(Database.Kind kind) {
        try (SignoffServer server = start(kind, true)) {
            HttpSession owner = setUp(server);
            Fixtures.Project song = Fixtures.project(jdbi(server), "Night Drive");
            String path = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana", "password", "blue moon")).json().get("path").asText();
            HttpSession listener = new HttpSession(base(server));
            for (int i = 0; i < 10; i++) assertThat(unlock(listener, path, "10.0.1.1", "red " + i).status()).isEqualTo(401);
            var refused = unlock(listener, path, "10.0.1.1", "blue moon");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).contains("from your address");
            assertThat(unlock(listener, path, "10.0.1.2", "blue moon").status()).as("the listener elsewhere unlocks").isEqualTo(200);

            // Guessing spread over many addresses: 30 wrong tries per link per window, whoever makes them.
            for (int i = 0; i < 20; i++) assertThat(unlock(listener, path, "10.0.2." + i, "red").status()).isEqualTo(401);
            var linkRefused = unlock(listener, path, "10.0.3.1", "blue moon");
            assertThat(linkRefused.status()).isEqualTo(429);
            assertThat(linkRefused.json().get("error").asText()).contains("for this link");
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void setupTokenGuessesAreLimited(Database.Kind kind) {
        try (SignoffServer server = start(kind, true)) {
            HttpSession stranger = new HttpSession(base(server));
            for (int i = 0; i < 10; i++)
                assertThat(send(stranger, "/api/setup", "10.0.4.1", Map.of("token", "AAAAAAAAAAAAAAAAAAAAA" + i, "password", "long enough")).status()).isEqualTo(403);
            var refused = send(stranger, "/api/setup", "10.0.4.1", Map.of("token", server.setupToken().orElseThrow(), "password", "long enough"));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).contains("wrong setup tokens");
            assertThat(send(stranger, "/api/setup", "10.0.4.2", Map.of("token", server.setupToken().orElseThrow(), "password", "long enough")).status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void guessingShareTokensBlocksTheAddressFromEveryLinkButNotTheListeningPageOrOthers(Database.Kind kind) {
        try (SignoffServer server = start(kind, true)) {
            HttpSession owner = setUp(server);
            Fixtures.Project song = Fixtures.project(jdbi(server), "Night Drive");
            String path = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana")).json().get("path").asText();
            HttpSession guesser = new HttpSession(base(server));
            for (int i = 0; i < 10; i++)
                assertThat(guesser.get("/s/guess" + "A".repeat(16) + i + "/api/session", "X-Forwarded-For", "10.0.5.1").status()).isEqualTo(404);
            var refused = guesser.get(path + "/api/session", "X-Forwarded-For", "10.0.5.1");
            assertThat(refused.status()).as("a right token looks the same as a wrong one now").isEqualTo(429);
            assertThat(refused.json().get("error").asText()).contains("links that do not work");
            assertThat(guesser.get(path, "X-Forwarded-For", "10.0.5.1").status()).as("the page shell").isEqualTo(200);
            assertThat(guesser.get(path + "/api/session", "X-Forwarded-For", "10.0.5.2").status()).isEqualTo(200);

            // A real link that was revoked is not a guess: reloading it does not count.
            String revoked = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Bo")).json().get("id").asText();
            String revokedPath = owner.get("/api/projects/" + song.id() + "/links").json().get(1).get("path").asText();
            owner.post("/api/projects/" + song.id() + "/links/" + revoked + "/revoke", "");
            for (int i = 0; i < 12; i++) assertThat(guesser.get(revokedPath + "/api/session", "X-Forwarded-For", "10.0.5.3").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void oldAttemptsArePruned(Database.Kind kind) {
        try (SignoffServer server = start(kind, true)) {
            HttpSession owner = setUp(server);
            for (int i = 0; i < 5; i++) login(owner, "10.0.6.1", "guess");
            assertThat(attempts(server)).isEqualTo(5);
            clock.advance(Duration.ofMinutes(16));
            login(owner, "10.0.6.2", "guess");
            assertThat(attempts(server)).as("only the new one is left").isEqualTo(1);
        }
    }

    private SignoffServer start(Database.Kind kind, boolean trustProxy) {
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(kind)).analysisWorkers(0).trustProxy(trustProxy).build();
        return SignoffServer.start(config, clock);
    }

    private static HttpSession setUp(SignoffServer server) {
        HttpSession owner = new HttpSession(base(server));
        var r = owner.post("/api/setup", Map.of("token", server.setupToken().orElseThrow(), "password", PASSWORD));
        assertThat(r.status()).isEqualTo(200);
        owner.csrf(r.json().get("csrf").asText());
        return owner;
    }

    private static HttpSession.Reply login(HttpSession s, String address, String password) {
        return send(s, "/api/login", address, Map.of("password", password));
    }

    private static HttpSession.Reply unlock(HttpSession s, String linkPath, String address, String password) {
        return send(s, linkPath + "/api/unlock", address, Map.of("password", password));
    }

    private static HttpSession.Reply send(HttpSession s, String path, String address, Map<String, String> body) {
        try {
            byte[] json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body);
            return s.send("POST", path, json, "Content-Type", "application/json", "X-Forwarded-For", "203.0.113.9, " + address);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long attempts(SignoffServer server) {
        return jdbi(server).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM attempts").mapTo(Long.class).one());
    }

    private static Jdbi jdbi(SignoffServer server) { return server.context().db().jdbi(); }

    private static String base(SignoffServer server) { return "http://127.0.0.1:" + server.port(); }
}
