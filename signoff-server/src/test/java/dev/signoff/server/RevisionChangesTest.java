package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.VersionDiff;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.revisions.RevisionItem;
import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.Mixes;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Between versions on the review server, on SQLite and PostgreSQL: each new version is compared
 * with the one before in the analysis job; the scope check reads the round that was open; the
 * "let it go" meter reads the stored steps; conflicting requests of a round are listed.
 */
class RevisionChangesTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void scopeCheckListsTheUnaskedChangeAndTheMeterSaysLetItGo(Database.Kind kind) throws Exception {
        Mixes v1 = Mixes.song(24, 5);
        Mixes v2 = v1.vocalUp().brighter();
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            FeedbackFixture fx = new FeedbackFixture(server);
            String project = LibrarySteps.project(owner, "Night Drive");
            String first = LibrarySteps.uploaded(owner, project, v1.wav(dir.resolve("night v1.wav")), "night v1.wav");
            LibrarySteps.settled(owner, project);
            assertThat(owner.get("/api/versions/" + first + "/changes").status()).isEqualTo(404);

            // The singer asks for one thing.
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession listener = fx.listener(sam);
            var posted = listener.post("/s/" + sam.token() + "/api/comments",
                    Map.of("version_id", first, "start_s", 6.0, "body", "vocal up a bit", "author", "Sam"));
            assertThat(posted.status()).as(posted.text()).isEqualTo(201);

            // v2 brings the vocal range up as asked, and brightens the top, which nobody asked for.
            String second = LibrarySteps.uploaded(owner, project, v2.wav(dir.resolve("night v2.wav")), "night v2.wav");
            JsonNode changes = LibrarySteps.changes(owner, second);
            assertThat(changes.get("from_version_number").asInt()).isEqualTo(1);
            assertThat(changes.get("error").isNull()).isTrue();
            JsonNode diff = changes.get("diff");
            assertThat(diff.get("schema").asText()).isEqualTo("signoff.diff/1");
            assertThat(diff.get("new").get("file").asText()).isEqualTo("night v2.wav");
            JsonNode asked = diff.get("scope").get("asked");
            assertThat(asked).hasSize(1);
            assertThat(asked.get(0).get("text").asText()).isEqualTo("vocal up a bit");
            assertThat(asked.get(0).get("status").asText()).as(asked.toString()).isEqualTo("done");
            List<JsonNode> unasked = new ArrayList<>();
            for (JsonNode i : diff.get("scope").get("unasked")) unasked.add(diff.get("changes").get(i.asInt()));
            assertThat(unasked).as(diff.get("changes").toString())
                    .anySatisfy(c -> {
                        assertThat(c.get("kind").asText()).isEqualTo("tonal");
                        assertThat(c.get("freq_lo_hz").asDouble()).isGreaterThan(5000);
                        assertThat(c.get("db").asDouble()).isGreaterThan(2);
                    });
            assertThat(changes.get("jnd").asDouble()).isGreaterThan(1);
            assertThat(history(owner, project).get("verdict").asText()).isEqualTo("still_changing");

            // The same audio again, re-encoded as 24-bit, then with a dither-sized difference: two tiny steps.
            String third = LibrarySteps.uploaded(owner, project, v2.wav(dir.resolve("night v3.wav"), 24), "night v3.wav");
            JsonNode same = LibrarySteps.changes(owner, third).get("diff");
            assertThat(same.get("changes")).as(same.get("changes").toString()).isEmpty();
            String fourth = LibrarySteps.uploaded(owner, project, v2.dithered(9).wav(dir.resolve("night v4.wav")), "night v4.wav");
            assertThat(LibrarySteps.changes(owner, fourth).get("jnd").asDouble()).isLessThan(1);

            JsonNode h = history(owner, project);
            assertThat(h.get("verdict").asText()).as(h.toString()).isEqualTo("let_it_go");
            assertThat(h.get("message").asText()).contains("time to sign it off");
            assertThat(h.get("versions")).hasSize(4);
            assertThat(h.get("versions").get(0).get("jnd").isNull()).isTrue();
            assertThat(h.get("versions").get(1).get("jnd").asDouble()).isGreaterThan(1);
            assertThat(h.get("versions").get(1).get("largest").get("kind").asText()).isEqualTo("tonal");
            assertThat(h.get("latest").get("number").asInt()).isEqualTo(4);
            assertThat(h.get("latest").get("problems").asInt()).isZero();
        }
    }

    /**
     * The "Changes since" view reads the round with the library's scope check, so its statuses follow
     * the same rules as `signoff diff --asked` (issue 15): a move against the asked direction is
     * other way, a mix that only got 0.2 dB louder has done nothing asked.
     */
    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void theChangesViewGivesTheLibrarysStatusesOtherWayAndNothingMoved(Database.Kind kind) throws Exception {
        Mixes v1 = Mixes.song(24, 5);
        Mixes v2 = v1.filtered(() -> Biquad.peaking(Mixes.RATE, 1500, 1.4, -4));
        Mixes v3 = v2.louder(0.2);
        List<String> asked = List.of("vocal up a bit", "guitars up 2 dB");
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            FeedbackFixture fx = new FeedbackFixture(server);
            String project = LibrarySteps.project(owner, "Other Way");
            Path f1 = v1.wav(dir.resolve("way v1.wav"), 24), f2 = v2.wav(dir.resolve("way v2.wav"), 24), f3 = v3.wav(dir.resolve("way v3.wav"), 24);
            String first = LibrarySteps.uploaded(owner, project, f1, "way v1.wav");
            LibrarySteps.settled(owner, project);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession listener = fx.listener(sam);
            for (String text : asked) {
                var posted = listener.post("/s/" + sam.token() + "/api/comments", Map.of("version_id", first, "start_s", 6.0, "body", text, "author", "Sam"));
                assertThat(posted.status()).as(posted.text()).isEqualTo(201);
            }
            // v2 takes the vocal range down: the vocal request went the other way.
            List<String> second = statuses(LibrarySteps.changes(owner, LibrarySteps.uploaded(owner, project, f2, "way v2.wav")).get("diff"));
            assertThat(second).isEqualTo(library(f1, f2, asked));
            assertThat(second.get(0)).isEqualTo("opposite");
            assertThat(second).doesNotContain("done");
            // v3 is v2 0.2 dB louder: nothing asked for happened.
            List<String> third = statuses(LibrarySteps.changes(owner, LibrarySteps.uploaded(owner, project, f3, "way v3.wav")).get("diff"));
            assertThat(third).isEqualTo(library(f2, f3, asked)).containsOnly("not_found");
        }
    }

    private static List<String> statuses(JsonNode diff) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : diff.get("scope").get("asked")) out.add(a.get("status").asText());
        return out;
    }

    /** The statuses `signoff diff OLD NEW --asked` gives, for items written at 0:06 as the server keeps them. */
    private static List<String> library(Path older, Path newer, List<String> asked) throws Exception {
        DiffResult d = VersionDiff.run(older, newer);
        ScopeCheck.Result r = ScopeCheck.check(d, asked.stream().map(t -> new RevisionItem(t, 6.0, null)).toList());
        return r.asked().stream().map(o -> o.status().name().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void hissTakenOutIsNotAskedForAsRemovedAndPutBackAsAdded(Database.Kind kind) throws Exception {
        Mixes clean = Mixes.song(30, 5);
        Mixes hissy = clean.hissy(-60, 3);
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Amp Hiss");
            LibrarySteps.uploaded(owner, project, hissy.wav(dir.resolve("hiss v1.wav"), 24), "hiss v1.wav");
            LibrarySteps.settled(owner, project);
            // v2 loses the hiss: the "Not asked for" box lists what changed from v1 (every change, with no round open).
            String second = LibrarySteps.uploaded(owner, project, clean.wav(dir.resolve("hiss v2.wav"), 24), "hiss v2.wav");
            JsonNode removed = noiseChange(LibrarySteps.changes(owner, second).get("diff"));
            assertThat(removed.at("/noise/direction").asText()).isEqualTo("removed");
            assertThat(removed.at("/noise/new_dbfs").isNull()).isTrue();
            assertThat(removed.at("/noise/old_dbfs").asDouble()).isBetween(-64.0, -60.0);
            assertThat(removed.get("message").asText()).contains("ran through the whole old version").contains("is gone").doesNotContain("new version");
            JsonNode h = history(owner, project);
            assertThat(h.get("versions").get(1).get("largest").at("/noise/direction").asText()).as(h.toString()).isEqualTo("removed");
            assertThat(h.get("message").asText()).contains("is gone");
            // v3 puts hiss back (another take of it: the same file again would be refused as v1).
            String third = LibrarySteps.uploaded(owner, project, clean.hissy(-60, 4).wav(dir.resolve("hiss v3.wav"), 24), "hiss v3.wav");
            JsonNode added = noiseChange(LibrarySteps.changes(owner, third).get("diff"));
            assertThat(added.at("/noise/direction").asText()).isEqualTo("added");
            assertThat(added.at("/noise/old_dbfs").isNull()).isTrue();
            assertThat(added.get("message").asText()).contains("runs through the whole new version");
        }
    }

    /** The diff's one noise change, as the review page's "Not asked for" box lists it. */
    private static JsonNode noiseChange(JsonNode diff) {
        List<JsonNode> listed = new ArrayList<>();
        if (diff.get("scope").isNull()) diff.get("changes").forEach(listed::add);
        else for (JsonNode i : diff.get("scope").get("unasked")) listed.add(diff.get("changes").get(i.asInt()));
        List<JsonNode> noise = listed.stream().filter(c -> c.get("kind").asText().equals("noise")).toList();
        assertThat(noise).as(diff.get("changes").toString()).hasSize(1);
        return noise.get(0);
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aDiffThatCannotBeMadeLeavesTheVersionReadyWithAReason(Database.Kind kind) throws Exception {
        Mixes mix = Mixes.song(22, 3);
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Rates");
            LibrarySteps.uploaded(owner, project, mix.wav(dir.resolve("a.wav")), "a.wav");
            // A bounce at another sample rate: the same samples declared as 48 kHz.
            Path other = mix.wav(dir.resolve("b.wav"), 16, 48_000);
            String second = LibrarySteps.uploaded(owner, project, other, "b.wav");
            JsonNode changes = LibrarySteps.changes(owner, second);
            assertThat(changes.get("diff").isNull()).as(changes.toString()).isTrue();
            assertThat(changes.get("error").asText()).startsWith("could not compare").doesNotContain("\n")
                    .contains("a.wav").contains("b.wav").contains("48000 Hz").doesNotContain(second);
            JsonNode p = LibrarySteps.settled(owner, project);
            assertThat(p.get("versions").get(1).get("status").asText()).isEqualTo("ready");
        }
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void conflictingRequestsOfARoundAreListedSideBySide(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            FeedbackFixture fx = new FeedbackFixture(server);
            String project = fx.project("Band Song", 3);
            String v1 = fx.version(project, 1, 30);
            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            HttpSession jo = fx.listener(band), alex = fx.listener(band);
            assertThat(jo.post("/s/" + band.token() + "/api/comments", Map.of("version_id", v1, "start_s", 3.0, "body", "more reverb please", "author", "Jo")).status()).isEqualTo(201);
            assertThat(alex.post("/s/" + band.token() + "/api/comments", Map.of("version_id", v1, "start_s", 5.0, "body", "drier please", "author", "Alex")).status()).isEqualTo(201);
            assertThat(alex.post("/s/" + band.token() + "/api/comments", Map.of("version_id", v1, "start_s", 20.0, "body", "kick louder <b>now</b>", "author", "Alex")).status()).isEqualTo(201);
            assertThat(jo.post("/s/" + band.token() + "/api/rounds", Map.of("name", "Jo")).status()).isEqualTo(201);

            JsonNode c = owner.get("/api/projects/" + project + "/conflicts").json();
            JsonNode conflicts = c.get("rounds").get(0).get("conflicts");
            assertThat(conflicts).as(c.toString()).hasSize(1);
            JsonNode k = conflicts.get(0);
            assertThat(List.of(k.get("first").get("body").asText(), k.get("second").get("body").asText()))
                    .containsExactlyInAnyOrder("more reverb please", "drier please");
            assertThat(k.get("message").asText()).contains("settle it with the band");
            assertThat(owner.get("/api/projects/nope/conflicts").status()).isEqualTo(404);
            assertThat(server.visitor().get("/api/projects/" + project + "/conflicts").status()).isEqualTo(401);
        }
    }


    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aConflictInASectionTheSessionsMarkerNamesCallsItByTheMarker(Database.Kind kind) throws Exception {
        SongSynth.Song song = SongSynth.render(44_100, 60, 14);
        Path mix = RecallSheetTest.wav(song, dir.resolve("song v1.wav"));
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            FeedbackFixture fx = new FeedbackFixture(server);
            String project = fx.project("Marked Song", 3);
            String v1 = LibrarySteps.uploaded(owner, project, mix, "song v1.wav");
            LibrarySteps.settled(owner, project);
            Path session = Files.writeString(dir.resolve("Song.rpp"), RecallSheetTest.rpp(RecallSheetTest.markers(song), RecallSheetTest.track("Vox", "", "")));
            var attached = RecallSheetTest.attach(owner, v1, session, "Song.rpp");
            assertThat(attached.status()).as(attached.text()).isEqualTo(201);
            // a section of the analysis that a marker names, long enough for two requests a couple of seconds in
            JsonNode marked = null;
            for (JsonNode s : attached.json().get("sections")) {
                if (s.get("from_marker").asBoolean() && s.get("end_s").asDouble() - s.get("start_s").asDouble() > 6) { marked = s; break; }
            }
            assertThat(marked).as(attached.text()).isNotNull();
            double start = marked.get("start_s").asDouble();

            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            HttpSession jo = fx.listener(band), alex = fx.listener(band);
            assertThat(jo.post("/s/" + band.token() + "/api/comments", Map.of("version_id", v1, "start_s", start + 2, "body", "more reverb please", "author", "Jo")).status()).isEqualTo(201);
            assertThat(alex.post("/s/" + band.token() + "/api/comments", Map.of("version_id", v1, "start_s", start + 4, "body", "drier please", "author", "Alex")).status()).isEqualTo(201);
            assertThat(jo.post("/s/" + band.token() + "/api/rounds", Map.of("name", "Jo")).status()).isEqualTo(201);

            JsonNode c = owner.get("/api/projects/" + project + "/conflicts").json();
            JsonNode conflicts = c.get("rounds").get(0).get("conflicts");
            assertThat(conflicts).as(c.toString()).hasSize(1);
            assertThat(conflicts.get(0).get("message").asText()).as(c.toString())
                    .contains(" in " + marked.get("name").asText() + " (marker) at " + Clock.format(start + 2))
                    .doesNotContain(" in at ");
        }
    }

    static JsonNode history(HttpSession owner, String project) {
        var r = owner.get("/api/projects/" + project + "/history");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }
}
