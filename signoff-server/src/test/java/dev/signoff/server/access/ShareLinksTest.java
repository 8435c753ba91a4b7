package dev.signoff.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The owner's share links: create with permissions, expiry and password, the drafted message, listing and revoking. */
class ShareLinksTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aLinkIsCreatedWithItsPermissionsAndADraftedMessageThatNamesTheLink(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var jdbi = server.server().context().db().jdbi();
            Fixtures.Project song = Fixtures.project(jdbi, "Night Drive");
            HttpSession owner = server.owner();
            long revisionBefore = Fixtures.revision(jdbi, song.id());

            var created = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "The Reds", "audience", "band",
                    "expires_in_days", 14, "password", "opensesame", "time_zone", "Europe/London"));
            assertThat(created.status()).isEqualTo(201);
            JsonNode link = created.json();
            assertThat(link.get("label").asText()).isEqualTo("The Reds");
            assertThat(link.get("audience").asText()).isEqualTo("band");
            assertThat(link.get("can_comment").asBoolean()).as("commenting is on by default").isTrue();
            assertThat(link.get("can_download").asBoolean()).as("downloads are off by default").isFalse();
            assertThat(link.get("has_password").asBoolean()).isTrue();
            assertThat(link.get("status").asText()).isEqualTo("active");
            String path = link.get("path").asText();
            assertThat(path).matches("/s/[A-Za-z0-9_-]{22}");
            assertThat(link.get("expires_at").asLong() - System.currentTimeMillis()).isBetween(13L * 86_400_000, 14L * 86_400_000 + 1);
            assertThat(link.toString()).doesNotContain("opensesame").doesNotContain("pbkdf2");
            assertThat(Fixtures.revision(jdbi, song.id())).as("a new link is a change to the project").isGreaterThan(revisionBefore);

            String message = link.get("message").asText();
            assertThat(message).startsWith("Hi The Reds,").contains("\u201cNight Drive\u201d (The Artist)")
                    .contains(server.base() + path).contains("take your time").contains("systems you normally use")
                    .contains("compare notes").contains("one list").contains("The link works until ")
                    .contains("password in a separate message").doesNotContain("opensesame");
            assertThat(message.lines().count()).as("short").isLessThan(16);

            var listed = owner.get("/api/projects/" + song.id() + "/links").json();
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("id").asText()).isEqualTo(link.get("id").asText());

            var person = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana", "can_comment", false, "can_download", true)).json();
            assertThat(person.get("audience").asText()).isEqualTo("person");
            assertThat(person.get("can_download").asBoolean()).isTrue();
            assertThat(person.get("expires_at").isNull()).isTrue();
            assertThat(person.get("message").asText()).startsWith("Hi Ana,").doesNotContain("compare notes")
                    .doesNotContain("works until").doesNotContain("password");
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void theMessageIsDraftedForAnAudienceBeforeTheLinkExistsAndAgainForALink(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Night Drive");
            HttpSession owner = server.owner();
            String draftPath = "/api/projects/" + song.id() + "/links/draft-message";
            var band = owner.get(draftPath + "?audience=band&label=" + enc("The Reds & Co")).json().get("message").asText();
            assertThat(band).startsWith("Hi The Reds & Co,").contains("[link]").contains("compare notes");
            var person = owner.get(draftPath + "?label=Ana").json().get("message").asText();
            assertThat(person).startsWith("Hi Ana,").doesNotContain("compare notes");

            long fixedExpiry = 1_900_000_000_000L; // Sunday 17 March 2030, 17:46 UTC
            var link = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana", "expires_at", fixedExpiry)).json();
            var again = owner.get(draftPath + "?link=" + link.get("id").asText() + "&time_zone=UTC").json().get("message").asText();
            assertThat(again).contains(server.base() + link.get("path").asText()).contains("works until Sunday 17 March");

            assertThat(owner.get(draftPath + "?audience=choir&label=x").status()).isEqualTo(400);
            assertThat(owner.get(draftPath).json().get("error").asText()).contains("label");
            assertThat(owner.get(draftPath + "?label=x&time_zone=Mars/Olympus").status()).isEqualTo(400);
            assertThat(owner.get(draftPath + "?link=nosuchlink").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void badInputGetsAClearMessageAndCreatesNothing(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Night Drive");
            HttpSession owner = server.owner();
            String links = "/api/projects/" + song.id() + "/links";
            assertRefused(owner, links, Map.of(), 400, "'label' is required");
            assertRefused(owner, links, Map.of("label", "x".repeat(81)), 400, "longer than 80");
            assertRefused(owner, links, Map.of("label", "Ana", "audience", "choir"), 400, "'person' or 'band'");
            assertRefused(owner, links, Map.of("label", "Ana", "password", "abc"), 400, "at least 6");
            assertRefused(owner, links, Map.of("label", "Ana", "expires_in_days", 0), 400, "whole number");
            assertRefused(owner, links, Map.of("label", "Ana", "expires_in_days", 2.5), 400, "whole number");
            assertRefused(owner, links, Map.of("label", "Ana", "expires_at", 1000), 400, "in the past");
            assertRefused(owner, links, Map.of("label", "Ana", "expires_at", 4_102_444_800_000L, "expires_in_days", 3), 400, "not both");
            assertRefused(owner, links, Map.of("label", "Ana", "can_download", "yes"), 400, "true or false");
            assertRefused(owner, "/api/projects/nosuchproject/links", Map.of("label", "Ana"), 404, "no such project");
            assertThat(owner.post(links, "{not json").status()).isEqualTo(400);
            assertThat(owner.get(links).json()).isEmpty();
            assertThat(owner.get("/api/projects/nosuchproject/links").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void revokingShowsInTheListAndOnlyTouchesLinksOfThatProject(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var jdbi = server.server().context().db().jdbi();
            Fixtures.Project mine = Fixtures.project(jdbi, "Night Drive"), other = Fixtures.project(jdbi, "Other Song");
            HttpSession owner = server.owner();
            String otherLink = owner.post("/api/projects/" + other.id() + "/links", Map.of("label", "Bo")).json().get("id").asText();
            String link = owner.post("/api/projects/" + mine.id() + "/links", Map.of("label", "Ana")).json().get("id").asText();

            assertThat(owner.post("/api/projects/" + mine.id() + "/links/" + otherLink + "/revoke", "").status())
                    .as("a link id from another project").isEqualTo(404);
            long before = Fixtures.revision(jdbi, mine.id());
            var revoked = owner.post("/api/projects/" + mine.id() + "/links/" + link + "/revoke", "");
            assertThat(revoked.status()).isEqualTo(200);
            assertThat(revoked.json().get("status").asText()).isEqualTo("revoked");
            assertThat(revoked.json().get("revoked_at").asLong()).isPositive();
            assertThat(Fixtures.revision(jdbi, mine.id())).isGreaterThan(before);
            assertThat(owner.post("/api/projects/" + mine.id() + "/links/" + link + "/revoke", "").json().get("status").asText())
                    .as("revoking again changes nothing").isEqualTo("revoked");
            assertThat(owner.get("/api/projects/" + mine.id() + "/links").json().get(0).get("status").asText()).isEqualTo("revoked");
            assertThat(owner.get("/api/projects/" + other.id() + "/links").json().get(0).get("status").asText()).isEqualTo("active");
        }
    }

    /** Behind a proxy or a port forward: links and their messages carry the address clients open, not the one the owner used. */
    @Test
    void withAPublicUrlLinksAndMessagesUseItAndWithoutOneTheAddressTheOwnerReached() {
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(Database.Kind.SQLITE)).analysisWorkers(0).publicUrl("HTTPS://Mixes.Example.com:8443/").build();
        try (TestServer server = TestServer.start(config)) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Night Drive");
            HttpSession owner = server.owner();
            JsonNode link = owner.post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana")).json();
            String url = "https://mixes.example.com:8443" + link.get("path").asText();
            assertThat(link.get("url").asText()).isEqualTo(url);
            assertThat(link.get("message").asText()).contains(url).doesNotContain("127.0.0.1");
            assertThat(owner.get("/api/projects/" + song.id() + "/links").json().get(0).get("url").asText()).isEqualTo(url);
            assertThat(owner.get("/api/projects/" + song.id() + "/links/draft-message?link=" + link.get("id").asText())
                    .json().get("message").asText()).contains(url);
        }
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir.resolve("plain"))) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Night Drive");
            JsonNode link = server.owner().post("/api/projects/" + song.id() + "/links", Map.of("label", "Ana")).json();
            assertThat(link.get("url").asText()).isEqualTo(server.base() + link.get("path").asText());
        }
    }

    @Test
    void aPublicUrlMustBeAnHttpOrHttpsAddressWithNoPathOrQuery() {
        for (String bad : new String[]{"mixes.example.com", "ftp://mixes.example.com", "https://mixes.example.com/review",
                "https://mixes.example.com/?x=1", "https://mixes.example.com/#top", "https://me:pw@mixes.example.com", "https:///nohost", "http://a b"})
            assertThatThrownBy(() -> ServerConfig.builder(new DataDirectory(dir)).publicUrl(bad).build()).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--public-url must be an http:// or https:// address with no path or query, such as https://mixes.example.com (got '"
                            + bad + "')");
        assertThat(ServerConfig.builder(new DataDirectory(dir)).publicUrl("http://192.0.2.7:8080").build().publicUrl())
                .isEqualTo("http://192.0.2.7:8080");
    }

    private static void assertRefused(HttpSession owner, String path, Map<String, Object> body, int status, String message) {
        var reply = owner.post(path, new HashMap<>(body));
        assertThat(reply.status()).as(body.toString()).isEqualTo(status);
        assertThat(reply.json().get("error").asText()).contains(message);
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
}
