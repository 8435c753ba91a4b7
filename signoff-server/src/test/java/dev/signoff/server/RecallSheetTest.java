package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version's DAW session on the review server, on SQLite and PostgreSQL (issue 14): the owner
 * attaches the session file, the server keeps it and its recall sheet (structure, plugin chains,
 * markers, the findings that do not need the media), the session's markers name the version's
 * sections, a file that is not a session is refused in one line, and a listener reaches none of it.
 */
class RecallSheetTest {
    @TempDir Path dir;

    /** A REAPER project as REAPER 7 saves it, with {@code markers} and these tracks. */
    static String rpp(String markers, String tracks) {
        return "<REAPER_PROJECT 0.1 \"7.22/linux-x86_64\" 1733560000\n  SAMPLERATE 44100 0 0\n  TEMPO 96 4 4\n  RECORD_PATH \"Media\" \"\"\n"
                + markers + "  MASTER_NCH 2 2\n  MASTERMUTESOLO 0\n"
                + "  <MASTERFXLIST\n    BYPASS 0 0 0\n    <VST \"VST: ReaLimit (Cockos)\" reaLimit.so 0 \"\" 1919052908 \"\"\n      bWltTAAAAAA=\n    >\n    FXID {A}\n  >\n"
                + tracks + ">\n";
    }

    /** A REAPER marker at each of the song's section starts, named as an engineer names them: "VERSE 2", "CHORUS 3"... */
    static String markers(SongSynth.Song song) {
        StringBuilder markers = new StringBuilder();
        int n = 1;
        for (SongSynth.Section s : song.sections()) {
            markers.append(String.format(Locale.ROOT, "  MARKER %d %.3f \"%s %d\" 0\n", n, s.startS(), s.name().toUpperCase(Locale.ROOT), n));
            n++;
        }
        return markers.toString();
    }

    static String track(String name, String fx, String items) {
        return "  <TRACK {1}\n    NAME \"" + name + "\"\n    MUTESOLO 0 0 0\n    ISBUS 0 0\n"
                + (fx.isEmpty() ? "" : "    <FXCHAIN\n      SHOW 0\n" + fx + "    >\n") + items + "  >\n";
    }

    static String plugin(String label, boolean bypassed, boolean offline) {
        return "      BYPASS " + (bypassed ? 1 : 0) + " " + (offline ? 1 : 0) + " 0\n      <VST \"" + label + "\" x.vst3 0 \"\" 1 \"\"\n        AAAA\n      >\n      FXID {B}\n";
    }

    static String item(double position, double length, String file) {
        return "    <ITEM\n      POSITION " + position + "\n      LENGTH " + length + "\n      NAME x\n      <SOURCE WAVE\n        FILE \"" + file + "\"\n      >\n    >\n";
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aVersionCarriesItsSessionsRecallSheetAndItsMarkersNameTheSections(Database.Kind kind) throws Exception {
        SongSynth.Song song = SongSynth.render(44_100, 60, 14);
        Path mix = wav(song, dir.resolve("mix v1.wav"));
        List<double[]> marks = new ArrayList<>();
        for (int n = 1; n <= song.sections().size(); n++) marks.add(new double[]{song.sections().get(n - 1).startS(), n});
        String tracks = track("<script>alert('vox')</script>", plugin("VST3: Pro-Q 3 (FabFilter)", true, false) + plugin("VST3: Soothe2 (oeksound)", false, true),
                        item(0, 60, "/home/mix/Media/vox.wav"))
                + track("Audio 3", "", "")
                + track("Bass DI", "", item(0, 60, "/etc/hostname"));
        Path session = Files.writeString(dir.resolve("Song.rpp"), rpp(markers(song), tracks));

        try (TestServer server = TestServer.start(kind, dir.resolve("data"))) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Recall");
            String version = LibrarySteps.uploaded(owner, project, mix, "mix v1.wav");
            LibrarySteps.settled(owner, project);
            assertThat(owner.get("/api/versions/" + version + "/session").status()).isEqualTo(404);

            var attached = attach(owner, version, session, "Song <b>final.rpp");
            assertThat(attached.status()).as(attached.text()).isEqualTo(201);
            JsonNode sheet = owner.get("/api/versions/" + version + "/session").json();
            assertThat(sheet.get("schema").asText()).isEqualTo("signoff.session/1");
            assertThat(sheet.get("daw").asText()).isEqualTo("reaper");
            assertThat(sheet.get("file").asText()).isEqualTo("Song <b>final.rpp");
            assertThat(sheet.get("sample_rate").asInt()).isEqualTo(44100);
            assertThat(sheet.get("tempo_bpm").asDouble()).isEqualTo(96);
            assertThat(sheet.get("tracks")).extracting(t -> t.get("name").asText())
                    .containsExactly("MASTER", "<script>alert('vox')</script>", "Audio 3", "Bass DI");
            assertThat(sheet.at("/tracks/1/plugins")).extracting(p -> p.get("name").asText() + "|" + p.get("vendor").asText() + "|"
                    + p.get("bypassed").asBoolean() + "|" + p.get("offline").asBoolean())
                    .containsExactly("Pro-Q 3|FabFilter|true|false", "Soothe2|oeksound|false|true");
            assertThat(sheet.get("markers")).hasSize(song.sections().size());
            // the media stay on the engineer's machine: nothing is looked up on the server, and no media finding is made
            assertThat(sheet.get("media")).isEmpty();
            assertThat(sheet.get("findings")).extracting(f -> f.get("code").asText())
                    .containsExactly("OFFLINE_PLUGIN", "BYPASSED_PLUGIN", "UNNAMED_TRACK", "EMPTY_TRACK", "MASTER_BUS_PROCESSING");
            assertThat(sheet.toString()).doesNotContain("MISSING_MEDIA").doesNotContain("MEDIA_OUTSIDE_PROJECT");

            // each section the analysis found takes the name of the marker within 2 s of its start; the others keep theirs
            JsonNode sections = sheet.get("sections");
            assertThat(sections).isNotEmpty();
            int named = 0;
            for (JsonNode s : sections) {
                double start = s.get("start_s").asDouble();
                double[] nearest = marks.stream().min((a, b) -> Double.compare(Math.abs(a[0] - start), Math.abs(b[0] - start))).orElseThrow();
                if (Math.abs(nearest[0] - start) <= 2.0) {
                    named++;
                    assertThat(s.get("from_marker").asBoolean()).as(s.toString()).isTrue();
                    assertThat(s.get("name").asText()).as(s.toString()).endsWith(" " + (int) nearest[1]);
                } else {
                    assertThat(s.get("from_marker").asBoolean()).as(s.toString()).isFalse();
                    assertThat(s.get("name").asText()).as(s.toString()).doesNotMatch(".* \\d+");
                }
            }
            assertThat(named).as(sections.toString()).isGreaterThanOrEqualTo(sections.size() / 2);

            // the session file itself is kept, byte for byte
            Path data = server.server().context().dataDir().root();
            assertThat(files(data.resolve("sessions"))).singleElement().satisfies(f -> assertThat(Files.readString(f)).isEqualTo(Files.readString(session)));

            // a second upload replaces the first, file included
            Path ardour = Files.writeString(dir.resolve("Song.ardour"), "<?xml version=\"1.0\"?>\n<Session version=\"7002\" name=\"Song\" sample-rate=\"48000\">\n"
                    + "  <Locations>\n    <Location id=\"1\" name=\"Hook\" start=\"a0\" end=\"a0\" flags=\"IsMark\"/>\n  </Locations>\n  <Routes/>\n</Session>\n");
            assertThat(attach(owner, version, ardour, "Song.ardour").status()).isEqualTo(201);
            JsonNode again = owner.get("/api/versions/" + version + "/session").json();
            assertThat(again.get("daw").asText()).isEqualTo("ardour");
            assertThat(again.get("markers")).extracting(m -> m.get("name").asText()).containsExactly("Hook");
            assertThat(files(data.resolve("sessions"))).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".ardour"));

            // removing the version removes its session file
            assertThat(owner.delete("/api/versions/" + version).status()).isEqualTo(204);
            assertThat(files(data.resolve("sessions"))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aFileThatIsNotASessionIsRefusedInOneLineAndAListenerReachesNothing(Database.Kind kind) throws Exception {
        Path mix = wav(SongSynth.render(44_100, 22, 3), dir.resolve("mix.wav"));
        try (TestServer server = TestServer.start(kind, dir.resolve("data"))) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Refusals");
            String version = LibrarySteps.uploaded(owner, project, mix, "mix.wav");

            var truncated = attach(owner, version, Files.writeString(dir.resolve("a.rpp"), "<REAPER_PROJECT 0.1 \"7.22\" 1\n  <TRACK\n    NAME Vox\n"), "Cut short.rpp");
            assertThat(truncated.status()).as(truncated.text()).isEqualTo(415);
            assertThat(truncated.json().get("error").asText()).startsWith("Cut short.rpp: truncated").doesNotContain("\n");
            var notZip = attach(owner, version, Files.writeString(dir.resolve("b"), "just words"), "Song.dawproject");
            assertThat(notZip.status()).isEqualTo(415);
            assertThat(notZip.json().get("error").asText()).startsWith("Song.dawproject: ").doesNotContain("\n");
            var entity = attach(owner, version, Files.writeString(dir.resolve("c"), "<?xml version=\"1.0\"?>\n<!DOCTYPE Session [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                    + "<Session name=\"&x;\" sample-rate=\"48000\"/>\n"), "Evil.ardour");
            assertThat(entity.status()).isEqualTo(415);
            assertThat(entity.text()).doesNotContain("root:");
            var other = attach(owner, version, mix, "mix.wav");
            assertThat(other.status()).isEqualTo(415);
            assertThat(other.json().get("error").asText()).isEqualTo("mix.wav: not a session Signoff reads: give a REAPER .rpp, a .dawproject or an Ardour .ardour file");
            assertThat(owner.send("PUT", "/api/versions/" + version + "/session?name=x.rpp", new byte[0], "Content-Type", "application/octet-stream").status()).isEqualTo(400);
            assertThat(owner.send("PUT", "/api/versions/nope/session?name=x.rpp", "<REAPER_PROJECT\n>\n".getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/octet-stream").status()).isEqualTo(404);
            assertThat(owner.get("/api/versions/" + version + "/session").status()).isEqualTo(404);
            Path data = server.server().context().dataDir().root();
            assertThat(files(data.resolve("sessions"))).isEmpty();
            assertThat(files(server.server().context().dataDir().uploads())).isEmpty();

            Path session = Files.writeString(dir.resolve("Secret.rpp"), rpp("", track("Lead", plugin("VST3: Secret Sauce (Boutique)", false, false), "")));
            assertThat(attach(owner, version, session, "Secret.rpp").status()).isEqualTo(201);
            ShareLink link = new FeedbackFixture(server).link(project, "Client", Audience.PERSON, true);
            HttpSession listener = new FeedbackFixture(server).listener(link);
            assertThat(listener.get("/api/versions/" + version + "/session").status()).isIn(401, 403);
            assertThat(attach(listener, version, session, "Mine.rpp").status()).isIn(401, 403);
            for (String path : new String[]{"/s/" + link.token() + "/api/versions/" + version + "/session", "/s/" + link.token() + "/api/project"}) {
                assertThat(listener.get(path).text()).as(path).doesNotContain("Secret Sauce").doesNotContain("Secret.rpp");
            }
            assertThat(server.visitor().get("/api/versions/" + version + "/session").status()).isIn(401, 403);
            assertThat(owner.get("/api/versions/" + version + "/session").json().at("/tracks/1/plugins/0/name").asText()).isEqualTo("Secret Sauce");
        }
    }

    /** The song as a 16-bit WAV, where its sections are known. */
    static Path wav(SongSynth.Song song, Path file) throws Exception {
        try (WavWriter w = WavWriter.open(file, song.sampleRate(), 2, 16)) {
            w.write(song.channels(), song.frames());
        }
        return file;
    }

    static HttpSession.Reply attach(HttpSession who, String version, Path file, String name) throws Exception {
        return who.send("PUT", "/api/versions/" + version + "/session?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"),
                Files.readAllBytes(file), "Content-Type", "application/octet-stream");
    }

    private static List<Path> files(Path root) throws Exception {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
