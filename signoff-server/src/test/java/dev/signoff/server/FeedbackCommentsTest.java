package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Comments through share links: who may write, what they may point at, and what each side reads back. */
class FeedbackCommentsTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aPersonsCommentsBecomeOpenItemsInTheirRoundForEachVersion(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Northern Lights", 3);
            String v1 = fx.version(project, 1, 30), v2 = fx.version(project, 2, 30);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession listener = fx.listener(sam);

            var first = listener.post(path(sam, "comments"), comment(v1, 12.5, null, "Vocal a touch louder here?", "Sam"));
            assertThat(first.status()).isEqualTo(201);
            assertThat(first.json().get("status").asText()).isEqualTo("open");
            assertThat(first.json().get("round_number").asInt()).isEqualTo(1);
            assertThat(first.json().get("end_s").isNull()).isTrue();
            var ranged = listener.post(path(sam, "comments"), comment(v1, 20, 25.0, "Guitars too wide in this bit", "Sam"));
            assertThat(ranged.json().get("round_number").asInt()).isEqualTo(1);
            assertThat(ranged.json().get("end_s").asDouble()).isEqualTo(25.0);
            var onV2 = listener.post(path(sam, "comments"), comment(v2, 3, null, "Better!", "Sam"));
            assertThat(onV2.json().get("round_number").asInt()).isEqualTo(2);

            HttpSession owner = server.owner();
            JsonNode revisions = owner.get("/api/projects/" + project + "/revisions").json();
            assertThat(revisions.get("rounds_agreed").asInt()).isEqualTo(3);
            assertThat(revisions.get("rounds_used").asInt()).isEqualTo(2);
            JsonNode newest = revisions.get("rounds").get(0), oldest = revisions.get("rounds").get(1);
            assertThat(newest.get("number").asInt()).isEqualTo(2);
            assertThat(newest.get("version_id").asText()).isEqualTo(v2);
            assertThat(oldest.get("link_label").asText()).isEqualTo("Sam");
            assertThat(oldest.get("audience").asText()).isEqualTo("person");
            assertThat(oldest.get("open").asInt()).isEqualTo(2);
            assertThat(oldest.get("items")).extracting(i -> i.get("body").asText())
                    .containsExactly("Vocal a touch louder here?", "Guitars too wide in this bit");

            // The engineer answers an item; the listener sees the status and the reply.
            String itemId = oldest.get("items").get(0).get("id").asText();
            var answered = owner.put("/api/revisions/" + itemId, Map.of("status", "done", "reply", "Up 1 dB in v2."));
            assertThat(answered.status()).isEqualTo(200);
            assertThat(answered.json().get("status").asText()).isEqualTo("done");
            JsonNode seen = listener.get(path(sam, "comments")).json();
            assertThat(seen.get("audience").asText()).isEqualTo("person");
            assertThat(seen.get("unsent").asInt()).isZero();
            assertThat(seen.get("rounds")).hasSize(2);
            JsonNode mine = seen.get("comments").get(0);
            assertThat(mine.get("body").asText()).isEqualTo("Vocal a touch louder here?");
            assertThat(mine.get("status").asText()).isEqualTo("done");
            assertThat(mine.get("reply").asText()).isEqualTo("Up 1 dB in v2.");

            // A reply alone keeps the status; a status alone keeps the reply.
            assertThat(owner.put("/api/revisions/" + itemId, Map.of("status", "declined")).json().get("reply").asText()).isEqualTo("Up 1 dB in v2.");
            assertThat(owner.put("/api/revisions/" + itemId, Map.of("reply", "Kept it, see v2")).json().get("status").asText()).isEqualTo("declined");
            assertThat(owner.put("/api/revisions/" + itemId, Map.of("status", "maybe")).json().get("error").asText()).contains("open, done, declined");
            assertThat(owner.put("/api/revisions/" + itemId, Map.of()).status()).isEqualTo(400);
            assertThat(owner.put("/api/revisions/AAAAAAAAAAAAAAAAAAAAAA", Map.of("status", "done")).status()).isEqualTo(404);

            JsonNode all = owner.get("/api/projects/" + project + "/comments").json().get("comments");
            assertThat(all).hasSize(3);
            assertThat(all.get(0).get("link_label").asText()).isEqualTo("Sam");
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aListenOnlyLinkCannotCommentOrApprove(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Quiet Room", 2);
            String v1 = fx.version(project, 1, 10);
            ShareLink label = fx.link(project, "Label A&R", Audience.PERSON, false);
            HttpSession listener = fx.listener(label);

            var refused = listener.post(path(label, "comments"), comment(v1, 1, null, "Love it", "Jo"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("error").asText()).contains("listening only");
            assertThat(listener.post(path(label, "approve"), Map.of("version_id", v1, "name", "Jo")).status()).isEqualTo(403);
            assertThat(fx.count("comments", project)).isZero();
            assertThat(fx.count("approvals", project)).isZero();
            JsonNode state = listener.get(path(label, "comments")).json();
            assertThat(state.get("can_comment").asBoolean()).isFalse();
            assertThat(state.get("comments")).isEmpty();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aShareTokenOfOneProjectCannotReachAnotherProjectsVersion(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String a = fx.project("Song A", 3), b = fx.project("Song B", 3);
            fx.version(a, 1, 10);
            String bV1 = fx.version(b, 1, 10);
            ShareLink linkA = fx.link(a, "Sam", Audience.PERSON, true);
            ShareLink linkB = fx.link(b, "Alex", Audience.PERSON, true);
            HttpSession samOnA = fx.listener(linkA);
            fx.listener(linkB).post(path(linkB, "comments"), comment(bV1, 2, null, "B's own note", "Alex"));
            long revisionB = fx.revision(b);

            var comment = samOnA.post(path(linkA, "comments"), comment(bV1, 2, null, "sneaky", "Sam"));
            assertThat(comment.status()).isEqualTo(404);
            assertThat(comment.json().get("error").asText()).isEqualTo("that version is not part of this project");
            assertThat(samOnA.post(path(linkA, "approve"), Map.of("version_id", bV1, "name", "Sam")).status()).isEqualTo(404);
            assertThat(samOnA.get(path(linkA, "comments")).json().get("comments")).isEmpty();
            // Link A's session is no key to link B either.
            assertThat(samOnA.post("/s/" + linkB.token() + "/api/comments", comment(bV1, 2, null, "sneaky", "Sam")).status()).isEqualTo(403);
            assertThat(fx.count("comments", a)).isZero();
            assertThat(fx.count("comments", b)).isEqualTo(1);
            assertThat(fx.count("approvals", b)).isZero();
            assertThat(fx.revision(b)).isEqualTo(revisionB);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void markupInACommentIsStoredVerbatimAndReturnedAsJsonText(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Markup", 3);
            String v1 = fx.version(project, 1, 10);
            ShareLink link = fx.link(project, "Mallory", Audience.PERSON, true);
            String body = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\"\nsecond line";
            String author = "<b>Mallory</b>";
            var posted = fx.listener(link).post(path(link, "comments"), comment(v1, 1, null, body, author));
            assertThat(posted.status()).isEqualTo(201);
            assertThat(posted.header("Content-Type")).startsWith("application/json");
            assertThat(posted.json().get("body").asText()).isEqualTo(body);
            assertThat(posted.json().get("author").asText()).isEqualTo(author);
            String stored = fx.jdbi().withHandle(h -> h.createQuery("SELECT body FROM comments WHERE project_id = :p").bind("p", project).mapTo(String.class).one());
            assertThat(stored).isEqualTo(body);
            JsonNode item = server.owner().get("/api/projects/" + project + "/revisions").json().get("rounds").get(0).get("items").get(0);
            assertThat(item.get("body").asText()).isEqualTo(body);
            assertThat(item.get("author").asText()).isEqualTo(author);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void timesMustLieWithinTheVersionAndTextMustBeText(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Bounds", 3);
            String v1 = fx.version(project, 1, 30);
            ShareLink link = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession listener = fx.listener(link);
            String comments = path(link, "comments");

            assertThat(error(listener.post(comments, comment(v1, -1, null, "x", "Sam")))).isEqualTo("400 'start_s' must be between 0:00 and 0:30, the length of v1");
            assertThat(error(listener.post(comments, comment(v1, 31, null, "x", "Sam")))).startsWith("400 'start_s' must be between");
            assertThat(error(listener.post(comments, comment(v1, 10, 40.0, "x", "Sam")))).startsWith("400 'end_s' must be between");
            assertThat(error(listener.post(comments, comment(v1, 10, 10.0, "x", "Sam")))).isEqualTo("400 'end_s' must come after 'start_s'");
            assertThat(error(listener.post(comments, comment(v1, 10, 5.0, "x", "Sam")))).isEqualTo("400 'end_s' must come after 'start_s'");
            assertThat(error(listener.post(comments, Map.of("version_id", v1, "body", "x", "author", "Sam")))).isEqualTo("400 'start_s' is required");
            assertThat(error(listener.post(comments, Map.of("version_id", v1, "start_s", "ten", "body", "x", "author", "Sam")))).isEqualTo("400 'start_s' must be a number");
            assertThat(error(listener.post(comments, comment(v1, 1, null, "   ", "Sam")))).isEqualTo("400 'body' is required");
            assertThat(error(listener.post(comments, comment(v1, 1, null, "x".repeat(2001), "Sam")))).isEqualTo("400 'body' is longer than 2000 characters");
            assertThat(error(listener.post(comments, comment(v1, 1, null, "nul\u0000byte", "Sam")))).isEqualTo("400 'body' contains characters that are not text");
            String loneSurrogate = "{\"version_id\":\"" + v1 + "\",\"start_s\":1,\"author\":\"Sam\",\"body\":\"broken \\ud800 surrogate\"}";
            assertThat(error(listener.post(comments, loneSurrogate))).isEqualTo("400 'body' contains characters that are not text");
            assertThat(error(listener.post(comments, comment(v1, 1, null, "x", "")))).isEqualTo("400 'author' is required");
            assertThat(error(listener.post(comments, comment(v1, 1, null, "x", "two\nlines")))).isEqualTo("400 'author' contains characters that are not text");
            assertThat(error(listener.post(comments, comment("AAAAAAAAAAAAAAAAAAAAAA", 1, null, "x", "Sam")))).isEqualTo("404 that version is not part of this project");
            assertThat(error(listener.post(comments, "[1,2]"))).isEqualTo("400 the body must be a JSON object");
            assertThat(fx.count("comments", project)).isZero();

            // The very end and exactly 2000 characters (with emoji and line breaks) are fine; a hair past the end is the end.
            assertThat(listener.post(comments, comment(v1, 30, null, "ends well", "Sam")).status()).isEqualTo(201);
            var slack = listener.post(comments, comment(v1, 29, 30.2, "x".repeat(1996) + "🎸\n\t", "Zoë 🎤"));
            assertThat(slack.status()).isEqualTo(201);
            assertThat(slack.json().get("end_s").asDouble()).isEqualTo(30.0);
            assertThat(slack.json().get("author").asText()).isEqualTo("Zoë 🎤");
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void eachPersonSeesOnlyTheirOwnCommentsAndTheOwnerSeesAll(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Two Voices", 3);
            String v1 = fx.version(project, 1, 20);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            ShareLink manager = fx.link(project, "Manager", Audience.PERSON, true);
            fx.listener(sam).post(path(sam, "comments"), comment(v1, 4, null, "Sam's note", "Sam"));
            fx.listener(manager).post(path(manager, "comments"), comment(v1, 5, null, "Manager's note", "Pat"));

            assertThat(fx.listener(sam).get(path(sam, "comments")).json().get("comments"))
                    .extracting(c -> c.get("body").asText()).containsExactly("Sam's note");
            assertThat(fx.listener(manager).get(path(manager, "comments")).json().get("comments"))
                    .extracting(c -> c.get("body").asText()).containsExactly("Manager's note");
            HttpSession owner = server.owner();
            assertThat(owner.get("/api/projects/" + project + "/comments").json().get("comments")).hasSize(2);
            // Two people about the same moment: shown side by side to the engineer.
            JsonNode rounds = owner.get("/api/projects/" + project + "/revisions").json().get("rounds");
            assertThat(rounds).hasSize(2);
            JsonNode samItem = rounds.get(1).get("items").get(0), patItem = rounds.get(0).get("items").get(0);
            assertThat(samItem.get("same_moment")).extracting(JsonNode::asText).containsExactly(patItem.get("id").asText());
            assertThat(patItem.get("same_moment")).extracting(JsonNode::asText).containsExactly(samItem.get("id").asText());

            HttpSession stranger = server.visitor();
            assertThat(stranger.get("/api/projects/" + project + "/comments").status()).isEqualTo(401);
            assertThat(stranger.get("/api/projects/" + project + "/revisions").status()).isEqualTo(401);
            assertThat(owner.get("/api/projects/nope/comments").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aRepeatedPostWithTheSameClientIdReturnsTheStoredCommentInsteadOfASecondOne(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Northern Lights", 3);
            String v1 = fx.version(project, 1, 30);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession listener = fx.listener(sam);

            // "Try again" after an answer lost on the way back: the same comment with the same client id.
            Map<String, Object> c = comment(v1, 12.5, null, "Vocal a touch louder here?", "Sam");
            c.put("client_id", "6f1c2a4e-0b7d-4c39-9a51-2f8e3d7b9c10");
            var first = listener.post(path(sam, "comments"), c);
            assertThat(first.status()).isEqualTo(201);
            var again = listener.post(path(sam, "comments"), c);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
            assertThat(listener.get(path(sam, "comments")).json().get("comments")).hasSize(1);
            assertThat(server.owner().get("/api/projects/" + project + "/revisions").json().get("rounds").get(0).get("open").asInt()).isEqualTo(1);

            // A new comment has a new client id; an older page sends none at all.
            Map<String, Object> other = comment(v1, 12.5, null, "Vocal a touch louder here?", "Sam");
            other.put("client_id", "0d9e8f7a-6b5c-4d3e-8f21-a0b1c2d3e4f5");
            assertThat(listener.post(path(sam, "comments"), other).status()).isEqualTo(201);
            var old1 = listener.post(path(sam, "comments"), comment(v1, 3, null, "Kick is great", "Sam"));
            var old2 = listener.post(path(sam, "comments"), comment(v1, 3, null, "Kick is great", "Sam"));
            assertThat(old1.status()).isEqualTo(201);
            assertThat(old2.status()).isEqualTo(201);
            assertThat(listener.get(path(sam, "comments")).json().get("comments")).hasSize(4);

            // The same id for a different comment is the page's mistake, refused rather than silently dropped.
            Map<String, Object> reused = comment(v1, 20, null, "Something else", "Sam");
            reused.put("client_id", "6f1c2a4e-0b7d-4c39-9a51-2f8e3d7b9c10");
            var refused = listener.post(path(sam, "comments"), reused);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").asText()).contains("client_id");
            Map<String, Object> bad = comment(v1, 20, null, "Something else", "Sam");
            bad.put("client_id", "not an id <script>");
            assertThat(listener.post(path(sam, "comments"), bad).status()).isEqualTo(400);
            assertThat(listener.get(path(sam, "comments")).json().get("comments")).hasSize(4);
        }
    }

    static String path(ShareLink link, String what) { return "/s/" + link.token() + "/api/" + what; }

    static Map<String, Object> comment(String versionId, double start, Double end, String body, String author) {
        Map<String, Object> m = new HashMap<>();
        m.put("version_id", versionId);
        m.put("start_s", start);
        if (end != null) m.put("end_s", end);
        m.put("body", body);
        m.put("author", author);
        return m;
    }

    static String error(HttpSession.Reply r) { return r.status() + " " + r.json().get("error").asText(); }
}
