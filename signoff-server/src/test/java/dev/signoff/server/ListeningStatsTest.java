package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.AdjustableClock;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.signoff.server.FeedbackCommentsTest.path;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who listened: the listening page's reports become, for the engineer only, who opened which link
 * when, on what kind of device, and per version the plays, plays to the end, furthest point and time
 * heard; reports are believed only as far as they can be true, and no address is stored.
 */
class ListeningStatsTest {
    private static final String IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    private static final String IPAD_AS_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
    @TempDir Path dir;
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-12-06T21:40:00Z"));

    private static HttpSession.Reply report(HttpSession s, ShareLink link, String userAgent, Map<String, Object> body) {
        return s.send("POST", path(link, "listening"), json(body), "Content-Type", "application/json", "User-Agent", userAgent);
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> play(String event, String playId, String versionId, double furthest, double heard) {
        Map<String, Object> m = new HashMap<>();
        m.put("event", event);
        m.put("play_id", playId);
        m.put("version_id", versionId);
        m.put("furthest_s", furthest);
        m.put("heard_s", heard);
        return m;
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void theEngineerSeesWhoOpenedWhatTheyPlayedHowFarAndOnWhatDeviceWithoutAnyAddressStored(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir, clock, 1L << 30)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Night Bus", 3);
            String v2 = fx.version(project, 2, 40);
            String v3 = fx.version(project, 3, 30);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            HttpSession phone = fx.listener(sam);

            assertThat(report(phone, sam, IPHONE, Map.of("event", "open", "name", "Sam")).status()).isEqualTo(204);
            long openedAt = clock.millis();
            // Two plays of v3 to the end, one of v2 stopped at 0:12.
            for (String id : List.of("play-one-aaaa", "play-two-bbbb")) {
                assertThat(report(phone, sam, IPHONE, play("play", id, v3, 0, 0)).status()).isEqualTo(204);
                clock.advance(Duration.ofSeconds(10));
                report(phone, sam, IPHONE, play("progress", id, v3, 10, 10));
                clock.advance(Duration.ofSeconds(20));
                report(phone, sam, IPHONE, play("ended", id, v3, 30, 30));
            }
            report(phone, sam, IPHONE, play("play", "play-three-cc", v2, 0, 0));
            clock.advance(Duration.ofSeconds(12));
            report(phone, sam, IPHONE, play("pause", "play-three-cc", v2, 12, 12));

            clock.advance(Duration.ofMinutes(1));
            HttpSession jo = fx.listener(band);
            assertThat(report(jo, band, IPAD_AS_MAC, Map.of("event", "open", "touch", true)).status()).isEqualTo(204);

            JsonNode listening = server.owner().get("/api/projects/" + project + "/listening").json();
            JsonNode listeners = listening.get("listeners");
            assertThat(listeners).hasSize(2);
            JsonNode s = listeners.get(1);
            assertThat(s.get("link_label").asText()).isEqualTo("Sam");
            assertThat(s.get("name").asText()).isEqualTo("Sam");
            assertThat(s.get("device").asText()).isEqualTo("phone");
            assertThat(s.get("opened_at").asLong()).isEqualTo(openedAt);
            JsonNode third = s.get("versions").get(0), second = s.get("versions").get(1);
            assertThat(third.get("version_number").asInt()).isEqualTo(3);
            assertThat(third.get("plays").asInt()).isEqualTo(2);
            assertThat(third.get("plays_to_end").asInt()).isEqualTo(2);
            assertThat(third.get("furthest_s").asDouble()).isEqualTo(30.0);
            assertThat(third.get("heard_s").asDouble()).isEqualTo(60.0);
            assertThat(second.get("version_number").asInt()).isEqualTo(2);
            assertThat(second.get("plays_to_end").asInt()).isZero();
            assertThat(second.get("furthest_s").asDouble()).isEqualTo(12.0);
            assertThat(second.get("heard_s").asDouble()).isEqualTo(12.0);
            assertThat(second.get("last_played_at").asLong()).isEqualTo(clock.millis() - Duration.ofMinutes(1).toMillis());
            JsonNode j = listeners.get(0);
            assertThat(j.get("audience").asText()).isEqualTo("band");
            assertThat(j.get("device").asText()).isEqualTo("tablet");
            assertThat(j.get("name").isNull()).isTrue();
            assertThat(j.get("versions")).isEmpty();

            // Nothing stored says where they were or what exactly they used.
            String stored = fx.jdbi().withHandle(h -> String.join("|",
                    h.createQuery("SELECT id || link_id || COALESCE(name, '') || device FROM listeners").mapTo(String.class).list())
                    + String.join("|", h.createQuery("SELECT id || listener_id || page_play_id || version_id FROM plays").mapTo(String.class).list()));
            assertThat(stored).doesNotContain("127.0.0.1").doesNotContain("iPhone").doesNotContain("Macintosh").doesNotContain(phone.cookie("signoff_share"));
        }
    }

    @Test
    void reportsAreBelievedOnlyAsFarAsTheyCanBeTrue() {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir, clock, 1L << 30)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Loop", 3);
            String v1 = fx.version(project, 1, 30);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession s = fx.listener(sam);

            report(s, sam, IPHONE, play("play", "inflated-play", v1, 500, 10_000));
            clock.advance(Duration.ofSeconds(60));
            report(s, sam, IPHONE, play("progress", "inflated-play", v1, 500, 10_000));
            JsonNode v = server.owner().get("/api/projects/" + project + "/listening").json().get("listeners").get(0).get("versions").get(0);
            assertThat(v.get("furthest_s").asDouble()).isEqualTo(30.0);            // the version's length
            assertThat(v.get("heard_s").asDouble()).isEqualTo(75.0);               // 60 s since the play began, plus one report's slack
            assertThat(v.get("plays_to_end").asInt()).isEqualTo(1);
            // Time heard never goes down, and a play stays on its version.
            report(s, sam, IPHONE, play("progress", "inflated-play", v1, 3, 1));
            assertThat(server.owner().get("/api/projects/" + project + "/listening").json().get("listeners").get(0).get("versions").get(0)
                    .get("heard_s").asDouble()).isEqualTo(75.0);
        }
    }

    @Test
    void reportsFollowTheShareRulesAndStayBounded() {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir, clock, 1L << 30)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Rules", 3);
            String v1 = fx.version(project, 1, 30);
            String elsewhere = fx.version(fx.project("Other", 3), 1, 30);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession s = fx.listener(sam);

            HttpSession noSession = server.visitor();
            assertThat(report(noSession, sam, IPHONE, Map.of("event", "open")).status()).isEqualTo(403);
            HttpSession noCsrf = fx.listener(sam);
            noCsrf.csrf("wrong");
            assertThat(report(noCsrf, sam, IPHONE, Map.of("event", "open")).status()).isEqualTo(403);
            var otherSite = s.send("POST", path(sam, "listening"), json(Map.of("event", "open")), "Content-Type", "application/json", "Origin", "http://evil.example");
            assertThat(otherSite.status()).isEqualTo(403);
            // Listeners never read it.
            assertThat(s.get("/api/projects/" + project + "/listening").status()).isEqualTo(401);

            assertThat(report(s, sam, IPHONE, Map.of("event", "shout")).status()).isEqualTo(400);
            assertThat(report(s, sam, IPHONE, play("play", "x", v1, 0, 0)).status()).isEqualTo(400);
            assertThat(report(s, sam, IPHONE, play("play", "valid-play-id", v1, -1, 0)).status()).isEqualTo(400);
            assertThat(report(s, sam, IPHONE, play("play", "valid-play-id", elsewhere, 0, 0)).status()).isEqualTo(404);
            assertThat(report(s, sam, IPHONE, Map.of("event", "open", "name", "x".repeat(1100))).status()).isEqualTo(413);
            assertThat(report(s, sam, IPHONE, Map.of("event", "open", "name", "x\u202Egnp.exe")).status()).isEqualTo(400);

            HttpSession eager = fx.listener(sam);
            int accepted = 0, refused = 0;
            for (int i = 0; i < 40; i++) {
                int status = report(eager, sam, IPHONE, Map.of("event", "open")).status();
                if (status == 204) accepted++;
                if (status == 429) refused++;
            }
            assertThat(accepted).isBetween(12, 20);
            assertThat(refused).isEqualTo(40 - accepted);
        }
    }
}
