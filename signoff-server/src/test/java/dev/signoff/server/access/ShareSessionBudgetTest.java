package dev.signoff.server.access;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.SignoffServer;
import dev.signoff.server.auth.Guards;
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
 * Every browser opening a share link without its cookie gets a session row that lives 90 days, so
 * new sessions are budgeted per client address on a link and per link, and expired rows go. The
 * server trusts X-Forwarded-For here (serve --trust-proxy), so the test can play many clients.
 */
class ShareSessionBudgetTest {
    private static final String PASSWORD = "correct horse battery";
    @TempDir Path dir;
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-06-01T10:00:00Z"));

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void cookielessVisitsOpenAtMostABudgetOfSessionsPerAddressAndPerLink(Database.Kind kind) {
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(kind)).analysisWorkers(0).trustProxy(true).build();
        try (SignoffServer server = SignoffServer.start(config, clock)) {
            HttpSession owner = setUp(server);
            Fixtures.Project song = Fixtures.project(jdbi(server), "Night Drive");
            var link = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana")).json();
            String path = link.get("path").asText(), linkId = link.get("id").asText();
            String otherPath = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Bo")).json().get("path").asText();

            HttpSession phone = new HttpSession(base(server));
            assertThat(phone.get(path + "/api/session", "X-Forwarded-For", "10.0.7.1").status()).isEqualTo(200);
            for (int i = 1; i < 20; i++) assertThat(cookieless(server, path + "/api/session", "10.0.7.1").status()).isEqualTo(200);
            var refused = cookieless(server, path + "/api/session", "10.0.7.1");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("error").asText()).isEqualTo("too many new listening sessions from your address; try again in 15 minutes");
            assertThat(refused.header("Retry-After")).isEqualTo("900");
            assertThat(refused.header("Set-Cookie")).isNull();
            assertThat(phone.get(path + "/api/session", "X-Forwarded-For", "10.0.7.1").status()).as("a browser that has its session keeps it").isEqualTo(200);
            assertThat(phone.get(path + "/api/comments", "X-Forwarded-For", "10.0.7.1").status()).isEqualTo(200);
            assertThat(cookieless(server, path + "/api/comments", "10.0.7.1").status()).as("any cookie-less call would open one").isEqualTo(429);
            assertThat(cookieless(server, otherPath + "/api/session", "10.0.7.1").status()).as("another link from the same address").isEqualTo(200);
            assertThat(sessions(server, linkId)).isEqualTo(20);

            // Spread over many addresses, one link still opens at most 200 sessions per 15 minutes.
            for (int a = 2; a <= 10; a++)
                for (int i = 0; i < 20; i++) assertThat(cookieless(server, path + "/api/session", "10.0.7." + a).status()).isEqualTo(200);
            var linkRefused = cookieless(server, path + "/api/session", "10.0.8.1");
            assertThat(linkRefused.status()).isEqualTo(429);
            assertThat(linkRefused.json().get("error").asText()).isEqualTo("too many new listening sessions for this link; try again in 15 minutes");
            assertThat(sessions(server, linkId)).isEqualTo(200);

            clock.advance(Duration.ofMinutes(15));
            assertThat(cookieless(server, path + "/api/session", "10.0.7.1").status()).as("the window has passed").isEqualTo(200);

            // Once they expire, sessions are deleted (the next one to open sweeps them).
            clock.advance(Guards.SHARE_SESSION.plusDays(1));
            assertThat(phone.get(path + "/api/session", "X-Forwarded-For", "10.0.7.1").header("Set-Cookie")).as("the phone's session ran out").isNotNull();
            assertThat(sessions(server, linkId)).isEqualTo(1);
            long expired = jdbi(server).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE expires_at < :now")
                    .bind("now", clock.millis()).mapTo(Long.class).one());
            assertThat(expired).isZero();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void expiredSessionsAreFoundByAnIndexNotByReadingTheTable(Database.Kind kind) {
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(kind)).analysisWorkers(0).build();
        try (SignoffServer server = SignoffServer.start(config, clock)) {
            String plan = jdbi(server).withHandle(h -> kind == Database.Kind.SQLITE
                    ? String.join("\n", h.createQuery("EXPLAIN QUERY PLAN DELETE FROM sessions WHERE expires_at < 5").map((rs, c) -> rs.getString("detail")).list())
                    : h.createQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'sessions' AND indexdef LIKE '%(expires_at)%'")
                            .mapTo(String.class).findOne().orElse(""));
            assertThat(plan).contains("expires_at");
            if (kind == Database.Kind.SQLITE) assertThat(plan).startsWith("SEARCH sessions USING INDEX");
        }
    }

    private static HttpSession.Reply cookieless(SignoffServer server, String path, String address) {
        return new HttpSession(base(server)).get(path, "X-Forwarded-For", address);
    }

    private static long sessions(SignoffServer server, String linkId) {
        return jdbi(server).withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sessions WHERE link_id = :l").bind("l", linkId).mapTo(Long.class).one());
    }

    private static HttpSession setUp(SignoffServer server) {
        HttpSession owner = new HttpSession(base(server));
        var r = owner.post("/api/setup", Map.of("token", server.setupToken().orElseThrow(), "password", PASSWORD));
        assertThat(r.status()).isEqualTo(200);
        owner.csrf(r.json().get("csrf").asText());
        return owner;
    }

    private static Jdbi jdbi(SignoffServer server) { return server.context().db().jdbi(); }

    private static String base(SignoffServer server) { return "http://127.0.0.1:" + server.port(); }
}
