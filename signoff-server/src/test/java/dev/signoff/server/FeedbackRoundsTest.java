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
import java.util.Map;

import static dev.signoff.server.FeedbackCommentsTest.comment;
import static dev.signoff.server.FeedbackCommentsTest.error;
import static dev.signoff.server.FeedbackCommentsTest.path;
import static org.assertj.core.api.Assertions.assertThat;

/** Rounds: a band's collated notes sent as one, a person's comments gathered per version, and the call suggestion. */
class FeedbackRoundsTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void bandMembersSeeEachOthersNotesAndSendThemAsOneRound(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Loud Together", 2);
            String v1 = fx.version(project, 1, 30), v2 = fx.version(project, 2, 30);
            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            HttpSession alex = fx.listener(band), jo = fx.listener(band);
            String notes = path(band, "comments");

            var first = alex.post(notes, comment(v1, 5, null, "Kick needs more weight", "Alex"));
            assertThat(first.json().get("status").asText()).isEqualTo("unsent");
            assertThat(first.json().get("round_number").isNull()).isTrue();
            alex.post(notes, comment(v1, 18, 22.0, "Backing vocals too loud", "Alex"));
            jo.post(notes, comment(v1, 6, null, "Agree on the kick, maybe less reverb too", "Jo"));
            jo.post(notes, comment(v2, 10, null, "Love the new intro", "Jo"));

            JsonNode seenByJo = jo.get(notes).json();
            assertThat(seenByJo.get("audience").asText()).isEqualTo("band");
            assertThat(seenByJo.get("unsent").asInt()).isEqualTo(4);
            assertThat(seenByJo.get("comments")).extracting(c -> c.get("author").asText()).containsExactly("Alex", "Jo", "Alex", "Jo");
            HttpSession owner = server.owner();
            JsonNode before = owner.get("/api/projects/" + project + "/revisions").json();
            assertThat(before.get("rounds")).isEmpty();
            assertThat(before.get("rounds_used").asInt()).isZero();
            assertThat(before.get("collating").get(0).get("link_label").asText()).isEqualTo("The Band");
            assertThat(before.get("collating").get(0).get("notes").asInt()).isEqualTo(4);

            assertThat(error(jo.post(path(band, "rounds"), Map.of()))).isEqualTo("400 'name' is required");
            var sent = jo.post(path(band, "rounds"), Map.of("name", "Jo"));
            assertThat(sent.status()).isEqualTo(201);
            assertThat(sent.json().get("number").asInt()).isEqualTo(1);
            assertThat(sent.json().get("items").asInt()).isEqualTo(4);
            assertThat(sent.json().get("version_id").asText()).isEqualTo(v2);
            assertThat(sent.json().get("sent_by").asText()).isEqualTo("Jo");
            assertThat(sent.json().get("suggest_call").asBoolean()).isFalse();

            JsonNode seenByAlex = alex.get(notes).json();
            assertThat(seenByAlex.get("unsent").asInt()).isZero();
            assertThat(seenByAlex.get("comments")).allSatisfy(c -> {
                assertThat(c.get("status").asText()).isEqualTo("open");
                assertThat(c.get("round_number").asInt()).isEqualTo(1);
            });
            JsonNode after = owner.get("/api/projects/" + project + "/revisions").json();
            assertThat(after.get("rounds_used").asInt()).isEqualTo(1);
            assertThat(after.get("collating")).isEmpty();
            JsonNode round = after.get("rounds").get(0);
            assertThat(round.get("audience").asText()).isEqualTo("band");
            assertThat(round.get("sent_by").asText()).isEqualTo("Jo");
            assertThat(round.get("items")).hasSize(4);
            // Two members about the same moment of v1: side by side for the engineer.
            JsonNode kick = round.get("items").get(0), reverb = round.get("items").get(1);
            assertThat(kick.get("author").asText()).isEqualTo("Alex");
            assertThat(kick.get("same_moment")).extracting(JsonNode::asText).containsExactly(reverb.get("id").asText());

            var again = alex.post(path(band, "rounds"), Map.of("name", "Alex"));
            assertThat(error(again)).isEqualTo("409 there are no unsent notes to send");
            alex.post(notes, comment(v2, 12, null, "One more thing: bass in the chorus", "Alex"));
            assertThat(alex.post(path(band, "rounds"), Map.of("name", "Alex")).json().get("number").asInt()).isEqualTo(2);
            // Both sends are about v2: one round of revisions for the engineer, however many sends.
            assertThat(owner.get("/api/projects/" + project + "/revisions").json().get("rounds_used").asInt()).isEqualTo(1);
        }
    }

    /** A round of revisions is the engineer's: feedback on one version, answered by the next (issue 11, failure 9). */
    @ParameterizedTest @EnumSource(Database.Kind.class)
    void roundsUsedCountTheVersionsFeedbackWasAboutNotThePeopleWhoSentIt(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Many Voices", 3);
            String v1 = fx.version(project, 1, 30);
            HttpSession owner = server.owner();
            for (String who : new String[]{"Sam", "Kim", "Lee", "Ash"}) {
                ShareLink link = fx.link(project, who, Audience.PERSON, true);
                assertThat(fx.listener(link).post(path(link, "comments"), comment(v1, 5, null, "snare louder", who)).status()).isEqualTo(201);
            }
            JsonNode revisions = owner.get("/api/projects/" + project + "/revisions").json();
            assertThat(revisions.get("rounds")).hasSize(4);   // one per person, each listed with what they sent
            assertThat(revisions.get("rounds")).extracting(r -> r.get("revision_round").asInt()).containsOnly(1);
            assertThat(revisions.get("rounds_used").asInt()).isEqualTo(1);
            assertThat(summary(owner, project).get("rounds_used").asInt()).isEqualTo(1);

            String v2 = fx.version(project, 2, 30);
            ShareLink sam = fx.link(project, "Sam again", Audience.PERSON, true);
            fx.listener(sam).post(path(sam, "comments"), comment(v2, 5, null, "better, now the bass", "Sam"));
            JsonNode after = owner.get("/api/projects/" + project + "/revisions").json();
            assertThat(after.get("rounds_used").asInt()).isEqualTo(2);
            assertThat(after.get("rounds")).extracting(r -> r.get("revision_round").asInt()).containsExactly(2, 1, 1, 1, 1);
            assertThat(summary(owner, project).get("rounds_used").asInt()).isEqualTo(2);
        }
    }

    private static JsonNode summary(HttpSession owner, String project) {
        for (JsonNode p : owner.get("/api/projects").json()) if (p.get("id").asText().equals(project)) return p;
        throw new AssertionError("project not listed");
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aListOfMoreThanFourItemsSuggestsACall(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Long Lists", 3);
            String v1 = fx.version(project, 1, 60);
            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession member = fx.listener(band), person = fx.listener(sam);

            for (int i = 0; i < 4; i++) member.post(path(band, "comments"), comment(v1, 10 * i, null, "band note " + i, "Alex"));
            assertThat(member.get(path(band, "comments")).json().get("unsent_suggests_call").asBoolean()).isFalse();
            member.post(path(band, "comments"), comment(v1, 45, null, "band note 4", "Alex"));
            JsonNode pending = member.get(path(band, "comments")).json();
            assertThat(pending.get("unsent").asInt()).isEqualTo(5);
            assertThat(pending.get("unsent_suggests_call").asBoolean()).isTrue();
            assertThat(pending.get("suggest_call_after").asInt()).isEqualTo(4);
            assertThat(member.post(path(band, "rounds"), Map.of("name", "Alex")).json().get("suggest_call").asBoolean()).isTrue();

            for (int i = 0; i < 4; i++) person.post(path(sam, "comments"), comment(v1, 10 * i + 1, null, "note " + i, "Sam"));
            JsonNode samRounds = person.get(path(sam, "comments")).json().get("rounds");
            assertThat(samRounds.get(0).get("items").asInt()).isEqualTo(4);
            assertThat(samRounds.get(0).get("suggest_call").asBoolean()).isFalse();
            person.post(path(sam, "comments"), comment(v1, 55, null, "note 4", "Sam"));
            assertThat(person.get(path(sam, "comments")).json().get("rounds").get(0).get("suggest_call").asBoolean()).isTrue();

            JsonNode revisions = server.owner().get("/api/projects/" + project + "/revisions").json();
            assertThat(revisions.get("suggest_call_after").asInt()).isEqualTo(4);
            assertThat(revisions.get("rounds")).allSatisfy(r -> {
                assertThat(r.get("items")).hasSize(5);
                assertThat(r.get("suggest_call").asBoolean()).isTrue();
            });
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void bandMembersTidyUnsentNotesButWhatWasSentStays(Database.Kind kind) {
        try (TestServer server = TestServer.start(kind, dir)) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Tidy", 3);
            String v1 = fx.version(project, 1, 30);
            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            ShareLink otherBand = fx.link(project, "Horn Section", Audience.BAND, true);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession member = fx.listener(band);

            String keep = member.post(path(band, "comments"), comment(v1, 1, null, "keep", "Alex")).json().get("id").asText();
            String drop = member.post(path(band, "comments"), comment(v1, 2, null, "duplicate", "Jo")).json().get("id").asText();
            String theirs = fx.listener(otherBand).post(path(otherBand, "comments"), comment(v1, 3, null, "horns", "Kim")).json().get("id").asText();
            assertThat(error(member.delete(path(band, "comments/" + theirs)))).isEqualTo("404 no such note");
            assertThat(member.delete(path(band, "comments/" + drop)).status()).isEqualTo(204);
            assertThat(member.get(path(band, "comments")).json().get("comments")).extracting(c -> c.get("id").asText()).containsExactly(keep);
            member.post(path(band, "rounds"), Map.of("name", "Alex"));
            assertThat(error(member.delete(path(band, "comments/" + keep)))).isEqualTo("409 that note has been sent to the engineer, so it stays");

            HttpSession person = fx.listener(sam);
            String said = person.post(path(sam, "comments"), comment(v1, 4, null, "said", "Sam")).json().get("id").asText();
            assertThat(person.delete(path(sam, "comments/" + said)).status()).isEqualTo(409);
            assertThat(error(person.post(path(sam, "rounds"), Map.of("name", "Sam"))))
                    .isEqualTo("409 comments from this link reach the engineer as they are written; there is nothing to send");
            assertThat(fx.count("comments", project)).isEqualTo(3);
        }
    }
}
