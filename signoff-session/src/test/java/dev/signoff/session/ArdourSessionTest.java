package dev.signoff.session;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.signoff.session.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ArdourSessionTest {

    @TempDir Path dir;

    private static final long SC = 282_240_000L;

    private static String route(String id, String name, String flags, boolean muted, String playlist, String processors) {
        return "    <Route version=\"7002\" id=\"" + id + "\" name=\"" + xml(name) + "\" default-type=\"audio\" strict-io=\"1\" active=\"1\" denormal-protection=\"0\" meter-point=\"MeterPostFader\""
                + " disk-io-point=\"DiskIOPreFader\" meter-type=\"MeterPeak\"" + (playlist.isEmpty() ? "" : " audio-playlist=\"" + playlist + "\"")
                + " saved-meter-point=\"MeterPostFader\" alignment-choice=\"Automatic\" mode=\"Normal\">\n"
                + "      <PresentationInfo order=\"0\" flags=\"" + flags + "\" color=\"0\"/>\n"
                + "      <Controllable name=\"solo\" id=\"" + id + "1\" flags=\"Toggle,RealTime\" value=\"0\" self-solo=\"0\" soloed-by-upstream=\"0\" soloed-by-downstream=\"0\"/>\n"
                + "      <Controllable name=\"mute\" id=\"" + id + "2\" flags=\"Toggle,RealTime\" value=\"" + (muted ? 1 : 0) + "\"/>\n"
                + "      <Processor id=\"" + id + "3\" name=\"Polarity\" active=\"1\" user-latency=\"0\" use-user-latency=\"0\" type=\"polarity\"/>\n"
                + processors
                + "      <Processor id=\"" + id + "4\" name=\"Amp\" active=\"1\" user-latency=\"0\" use-user-latency=\"0\" type=\"amp\"/>\n"
                + "      <Processor id=\"" + id + "5\" name=\"" + xml(name) + "\" active=\"1\" user-latency=\"0\" use-user-latency=\"0\" own-input=\"1\" own-output=\"0\" output=\"" + xml(name) + "\" type=\"main-outs\" role=\"Main\"/>\n"
                + "    </Route>\n";
    }

    private static String processor(String name, String type, boolean active) {
        return "      <Processor id=\"9" + name.hashCode() + "\" name=\"" + xml(name) + "\" active=\"" + (active ? 1 : 0) + "\" user-latency=\"0\" use-user-latency=\"0\" type=\"" + type
                + "\" unique-id=\"urn:ardour:" + name.replace(' ', '-') + "\" count=\"1\" custom=\"0\">\n        <lv2 last-preset-uri=\"\" last-preset-label=\"\" parameter-changed-since-last-preset=\"0\"/>\n      </Processor>\n";
    }

    private static String region(String name, double start, double length, boolean muted, String... sources) {
        StringBuilder s = new StringBuilder("      <Region name=\"" + xml(name) + "\" muted=\"" + (muted ? 1 : 0) + "\" opaque=\"1\" locked=\"0\" video-locked=\"0\" automatic=\"0\" whole-file=\"0\" import=\"0\" external=\"0\""
                + " sync-marked=\"0\" left-of-split=\"0\" right-of-split=\"0\" hidden=\"0\" position-locked=\"0\" valid-transients=\"0\" start=\"a0\" length=\"a" + (long) (length * SC)
                + "\" position=\"a" + (long) (start * SC) + "\" beat=\"0\" sync-position=\"a0\" ancestral-start=\"a0\" ancestral-length=\"a0\" stretch=\"1\" shift=\"1\" layering-index=\"0\" id=\"r" + name.hashCode() + "\"");
        for (int i = 0; i < sources.length; i++) s.append(" source-").append(i).append("=\"").append(sources[i]).append("\" master-source-").append(i).append("=\"").append(sources[i]).append('"');
        return s.append(" channels=\"").append(sources.length).append("\"/>\n").toString();
    }

    private static String source(String id, String name) {
        return "    <Source name=\"" + xml(name) + "\" type=\"audio\" flags=\"\" id=\"" + id + "\" captured-for=\"\" take-id=\"\" channel=\"0\" origin=\"\" natural-position=\"a0\"/>\n";
    }

    static String session(String name, String sources, String locations, String routes, String playlists, String unused) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Session version=\"7002\" name=\"" + xml(name) + "\" sample-rate=\"48000\" session-range-is-free=\"0\" id-counter=\"900\" name-counter=\"1\" event-counter=\"0\" vca-counter=\"1\">\n"
                + "  <ProgramVersion created-with=\"Ardour 7.3.0~ds0-1\" modified-with=\"Ardour 7.3.0~ds0-1\"/>\n  <Config>\n    <Option name=\"native-file-data-format\" value=\"FormatFloat\"/>\n  </Config>\n  <Metadata/>\n"
                + "  <Sources>\n" + sources + "  </Sources>\n  <Regions/>\n  <Locations>\n" + locations + "  </Locations>\n  <Bundles/>\n  <VCAManager/>\n"
                + "  <Routes>\n" + routes + "  </Routes>\n  <Playlists>\n" + playlists + "  </Playlists>\n  <UnusedPlaylists>\n" + unused + "  </UnusedPlaylists>\n  <RouteGroups/>\n"
                + "  <TempoMap superclocks-per-second=\"282240000\">\n    <Tempos>\n      <Tempo npm=\"96\" enpm=\"96\" note-type=\"4\" type=\"Tempo::Constant\" active=\"1\" locked-to-meter=\"0\" continuing=\"0\" sclock=\"0\" quarters=\"0:0\" bbt=\"1|1|0\" omega=\"0\"/>\n    </Tempos>\n"
                + "    <Meters>\n      <Meter note-value=\"4\" divisions-per-bar=\"4\" sclock=\"0\" quarters=\"0:0\" bbt=\"1|1|0\"/>\n    </Meters>\n    <MusicTimes/>\n  </TempoMap>\n</Session>\n";
    }

    @Test
    void everyFindingTheFormatCanTellIsRaised() throws Exception {
        Path song = dir.resolve("Ballad");
        wav(song.resolve("interchange/Ballad/audiofiles/Kick-1.wav"), 48000, 0.5);
        wav(song.resolve("interchange/Ballad/audiofiles/Vox-1.wav"), 48000, 0.5);
        wav(song.resolve("interchange/Ballad/audiofiles/Vox-2.wav"), 44100, 0.5);
        wav(song.resolve("interchange/Ballad/audiofiles/Scratch-1.wav"), 48000, 0.5);
        Path outside = wav(dir.resolve("Loops/break.wav"), 48000, 0.5);
        String sources = source("s1", "Kick-1.wav") + source("s2", "Vox-1.wav") + source("s3", "Vox-2.wav") + source("s4", "Gone-1.wav") + source("s5", outside.toString())
                + "    <Source name=\"Kick-1.compound\" type=\"audio\" flags=\"\" id=\"s6\" playlist=\"p2\" offset=\"a0\" length=\"a282240000\" original=\"p2\"/>\n";
        String routes = route("100", "Master", "MasterOut", false, "", processor("x42-limiter", "lv2", true))
                + route("200", "Kick", "AudioTrack,OrderSet", false, "p2", processor("ACE Compressor", "lv2", false))
                + route("300", "Vox", "AudioTrack,OrderSet", false, "p3", "")
                + route("400", "Audio 4", "AudioTrack,OrderSet", false, "p4", "")
                + route("500", "Guide", "AudioTrack,OrderSet", true, "p5", "")
                + route("600", "Loops", "AudioTrack,OrderSet", false, "p6", "");
        String playlists = "    <Playlist id=\"p2\" name=\"Kick\" type=\"audio\" orig-track-id=\"200\" shared-with-ids=\"\" frozen=\"0\" combine-ops=\"0\">\n" + region("Kick-1", 0, 30, false, "s1") + region("Kick compound", 30, 1, false, "s6") + "    </Playlist>\n"
                + "    <Playlist id=\"p3\" name=\"Vox\" type=\"audio\" orig-track-id=\"300\" shared-with-ids=\"\" frozen=\"0\" combine-ops=\"0\">\n" + region("Vox-2", 5, 20, false, "s3") + region("Vox-1.1", 25, 2, true, "s2") + "    </Playlist>\n"
                + "    <Playlist id=\"p4\" name=\"Audio 4\" type=\"audio\" orig-track-id=\"400\" shared-with-ids=\"\" frozen=\"0\" combine-ops=\"0\"/>\n"
                + "    <Playlist id=\"p5\" name=\"Guide\" type=\"audio\" orig-track-id=\"500\" shared-with-ids=\"\" frozen=\"0\" combine-ops=\"0\">\n" + region("Gone-1", 0, 10, false, "s4") + "    </Playlist>\n"
                + "    <Playlist id=\"p6\" name=\"Loops\" type=\"audio\" orig-track-id=\"600\" shared-with-ids=\"\" frozen=\"0\" combine-ops=\"0\">\n" + region("break", 0, 10, false, "s5") + "    </Playlist>\n";
        String unused = "    <Playlist id=\"p3b\" name=\"Vox.1\" type=\"audio\" orig-track-id=\"300\" shared-with-ids=\"\" frozen=\"0\" combine-ops=\"0\">\n" + region("Vox-1", 5, 20, false, "s2") + "    </Playlist>\n";
        String locations = "    <Location id=\"l1\" name=\"session\" start=\"a0\" end=\"a" + 32 * SC + "\" flags=\"IsSessionRange\" locked=\"0\" timestamp=\"1733560000\" cue=\"0\"/>\n";
        Session s = SessionReader.read(write(song.resolve("Ballad.ardour"), session("Ballad", sources, locations, routes, playlists, unused)));
        List<SessionFinding> f = SessionAudit.audit(s, null);
        assertThat(f).extracting(SessionFinding::code).containsExactly(
                SessionCode.MISSING_MEDIA, SessionCode.MEDIA_OUTSIDE_PROJECT, SessionCode.BYPASSED_PLUGIN, SessionCode.SAMPLE_RATE_MISMATCH, SessionCode.UNNAMED_TRACK,
                SessionCode.UNUSED_MEDIA, SessionCode.ALTERNATE_TAKES, SessionCode.MUTED_CONTENT, SessionCode.MUTED_CONTENT, SessionCode.EMPTY_TRACK,
                SessionCode.MASTER_BUS_PROCESSING, SessionCode.NO_MARKERS);
        assertThat(f.get(0).message()).isEqualTo("interchange/Ballad/audiofiles/Gone-1.wav is missing.");
        assertThat(f.get(2).message()).isEqualTo("ACE Compressor [LV2] is bypassed.");
        assertThat(f.get(5).message()).contains("Scratch-1.wav");
        assertThat(f.get(6).message()).isEqualTo("1 playlist beside the playing one still holds regions.");
        assertThat(f).filteredOn(x -> x.code() == SessionCode.MUTED_CONTENT).extracting(SessionFinding::track).containsExactly("Vox", "Guide");
        assertThat(s.sampleRate()).isEqualTo(48000);
        assertThat(s.tempoBpm()).isEqualTo(96);
        assertThat(s.rangeEndS()).isEqualTo(32);
        assertThat(s.tracks().get(2).items().get(0).startS()).isEqualTo(5);
    }

    @Test
    void markersAndRangesButNotTheSessionRangeAreMarkers() throws Exception {
        Path song = dir.resolve("M");
        String locations = "    <Location id=\"l1\" name=\"session\" start=\"a0\" end=\"a" + 60 * SC + "\" flags=\"IsSessionRange\" locked=\"0\" timestamp=\"1\" cue=\"0\"/>\n"
                + "    <Location id=\"l2\" name=\"Verse\" start=\"a" + 10 * SC + "\" end=\"a" + 10 * SC + "\" flags=\"IsMark\" locked=\"0\" timestamp=\"1\" cue=\"0\"/>\n"
                + "    <Location id=\"l3\" name=\"Chorus &amp; out\" start=\"a" + 30 * SC + "\" end=\"a" + 50 * SC + "\" flags=\"IsRangeMarker\" locked=\"0\" timestamp=\"1\" cue=\"0\"/>\n"
                + "    <Location id=\"l4\" name=\"Loop\" start=\"a0\" end=\"a" + 5 * SC + "\" flags=\"IsAutoLoop,IsHidden\" locked=\"0\" timestamp=\"1\" cue=\"0\"/>\n";
        Session s = SessionReader.read(write(song.resolve("M.ardour"), session("M", "", locations, "", "", "")));
        assertThat(s.markers()).containsExactly(new Marker(10, "Verse"), new Marker(30, "Chorus & out"));
        assertThat(s.rangeEndS()).isEqualTo(60);
    }

    /** Ardour exports its session range: content 2 s into it must be 2 s into the bounce. */
    @Test
    void aBounceThatSoundsBeforeTheSessionRangesContentMissesItsStart() throws Exception {
        Path song = dir.resolve("Start");
        wav(song.resolve("interchange/Start/audiofiles/Bass-1.wav"), 48000, 0.5);
        String playlist = "    <Playlist id=\"p2\" name=\"Bass\" type=\"audio\" orig-track-id=\"200\" shared-with-ids=\"\" frozen=\"0\" combine-ops=\"0\">\n"
                + region("Bass-1", 3, 10, false, "s1") + "    </Playlist>\n";
        String locations = "    <Location id=\"l1\" name=\"session\" start=\"a" + SC + "\" end=\"a" + 14 * SC + "\" flags=\"IsSessionRange\" locked=\"0\" timestamp=\"1\" cue=\"0\"/>\n"
                + "    <Location id=\"l2\" name=\"Verse\" start=\"a" + 3 * SC + "\" end=\"a" + 3 * SC + "\" flags=\"IsMark\" locked=\"0\" timestamp=\"1\" cue=\"0\"/>\n";
        Session s = SessionReader.read(write(song.resolve("Start.ardour"), session("Start", source("s1", "Bass-1.wav"), locations,
                route("200", "Bass", "AudioTrack,OrderSet", false, "p2", ""), playlist, "")));
        assertThat(s.renderStartS()).isEqualTo(1);
        assertThat(SessionAudit.audit(s, new Bounce(Path.of("mix.wav"), 48000, 13, 2.0, List.of()))).isEmpty();
        assertThat(SessionAudit.audit(s, new Bounce(Path.of("mix.wav"), 48000, 13, 0.0, List.of()))).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(SessionCode.BOUNCE_MISMATCH);
            assertThat(f.message()).isEqualTo("mix.wav sounds from 0:00.0, the session's first item plays from 0:02.0 of the session range (which starts at 0:01.0).");
        });
    }

    /**
     * A session made by the real Ardour from Debian, headless: ardour7-new_empty_session, then an
     * ardour7-lua script adds two tracks (one renamed), each with a deactivated ACE Compressor.
     */
    @Test
    void aSessionMadeByArdourItselfIsRead() throws Exception {
        Assumptions.assumeTrue(onPath("ardour7-new_empty_session") && onPath("ardour7-lua"), "Ardour 7's headless tools are not installed (.ci/run installs them)");
        Path song = dir.resolve("Made");
        run(List.of("ardour7-new_empty_session", "-s", "48000", song.toString(), "Made"));
        Path script = write(dir.resolve("tracks.lua"), "s = load_session(\"" + song + "\", \"Made\")\n"
                + "local tl = s:new_audio_track(1, 2, nil, 2, \"\", ARDOUR.PresentationInfo.max_order, ARDOUR.TrackMode.Normal, true)\n"
                + "local first = true\n"
                + "for t in tl:iter() do\n"
                + "  if first then t:set_name(\"Kick\") first = false end\n"
                + "  local p = ARDOUR.LuaAPI.new_plugin(s, \"ACE Compressor\", ARDOUR.PluginType.LV2, \"\")\n"
                + "  t:add_processor_by_index(p, 0, nil, true)\n"
                + "  p:deactivate()\n"
                + "end\n"
                + "s:save_state(\"\", false, false, false, false, false)\n");
        run(List.of("ardour7-lua", script.toString()));
        Session s = SessionReader.read(song.resolve("Made.ardour"));
        assertThat(s.sampleRate()).isEqualTo(48000);
        assertThat(s.tempoBpm()).isEqualTo(120);
        assertThat(s.tracks()).extracting(Track::name).containsExactly("Kick", "Audio 2");
        assertThat(s.tracks()).allSatisfy(t -> assertThat(t.plugins()).containsExactly(new Plugin("ACE Compressor", "", "LV2", true, false)));
        assertThat(SessionAudit.audit(s, null)).extracting(SessionFinding::code, SessionFinding::track).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SessionCode.BYPASSED_PLUGIN, "Kick"), org.assertj.core.groups.Tuple.tuple(SessionCode.BYPASSED_PLUGIN, "Audio 2"),
                org.assertj.core.groups.Tuple.tuple(SessionCode.UNNAMED_TRACK, "Audio 2"),
                org.assertj.core.groups.Tuple.tuple(SessionCode.EMPTY_TRACK, "Kick"), org.assertj.core.groups.Tuple.tuple(SessionCode.EMPTY_TRACK, "Audio 2"),
                org.assertj.core.groups.Tuple.tuple(SessionCode.NO_MARKERS, ""));
    }

    /**
     * What Ardour records for a plugin it cannot load (issue 14): its session is given a plugin ID
     * that exists nowhere, then the real Ardour opens it (and says so in its log) and saves it again.
     * It keeps the processor's XML exactly as it was, with no flag for the failure, so the reader can
     * only report the plugin as saved: Ardour's sessions cannot tell OFFLINE_PLUGIN (docs/session.md).
     */
    @Test
    void aPluginArdourCannotLoadIsSavedAsItWasWithNoTraceOfTheFailure() throws Exception {
        aSessionMadeByArdourItselfIsRead();
        Path file = dir.resolve("Made/Made.ardour");
        Files.writeString(file, Files.readString(file).replace("urn:ardour:a-comp", "urn:example:no-such-plugin"));
        java.util.function.Function<String, List<String>> processors = xml -> xml.lines().filter(l -> l.contains("no-such-plugin")).toList();
        List<String> before = processors.apply(Files.readString(file));
        Path script = write(dir.resolve("resave.lua"), "s = load_session(\"" + file.getParent() + "\", \"Made\")\n"
                + "s:save_state(\"\", false, false, false, false, false)\n");
        run(List.of("ardour7-lua", script.toString()));
        assertThat(Files.readString(dir.resolve("ardour.log"))).contains("urn:example:no-such-plugin", "unknown");
        assertThat(before).hasSize(2);
        assertThat(processors.apply(Files.readString(file))).isEqualTo(before);
        Session s = SessionReader.read(file);
        assertThat(s.tracks().stream().flatMap(t -> t.plugins().stream())).isNotEmpty().noneMatch(Plugin::offline);
    }

    /** The archive's copy of a real Ardour session, re-written through the DOM, is opened by Ardour itself. */
    @Test
    void ardourOpensTheArchivedCopyOfItsOwnSession() throws Exception {
        aSessionMadeByArdourItselfIsRead();
        Session s = SessionReader.read(dir.resolve("Made/Made.ardour"));
        SessionArchive.Result r = SessionArchive.archive(s, dir.resolve("Archived"), null);
        Path script = write(dir.resolve("open.lua"), "s = load_session(\"" + r.folder() + "\", \"Made\")\n"
                + "for t in s:get_tracks():iter() do print(\"track: \" .. t:name()) end\n");
        run(List.of("ardour7-lua", script.toString()));
        assertThat(Files.readString(dir.resolve("ardour.log"))).contains("track: Kick", "track: Audio 2");
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(d, tool))) return true;
        return false;
    }

    private void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("ardour.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish in 120 s");
        }
        assertThat(p.exitValue()).as(command.get(0) + ": " + Files.readString(dir.resolve("ardour.log"))).isZero();
    }
}
