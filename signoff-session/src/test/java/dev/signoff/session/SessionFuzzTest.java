package dev.signoff.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.signoff.session.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the three session readers (issue 10): the input's first byte picks the
 * format (.rpp, .dawproject, .ardour), the rest is the file. Any input is read, audited and rendered
 * as text and JSON, or refused with one line naming the file ({@link SessionFileException});
 * anything else is a crash, which Jazzer keeps under
 * src/test/resources/dev/signoff/session/SessionFuzzTestInputs/ where every later run replays it.
 * The seeds are one small valid session of each format, made here. Bounded by executions from a
 * fixed seed (signoff-session's pom), as {@code ReaderFuzzTest} is, so that CI meets what a run here met.
 */
class SessionFuzzTest {
    private static final String[] EXTENSIONS = {".rpp", ".dawproject", ".ardour"};
    private static Path work;

    @BeforeAll
    static void seeds() throws Exception {
        work = Files.createTempDirectory("signoff-session-fuzz");
        Path seeds = Path.of(SessionFuzzTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/signoff/session/SessionFuzzTestInputs/anySessionBytesReadOrFailPlainly");
        Files.createDirectories(seeds);
        Path song = Files.createDirectories(work.resolve("Song"));
        wav(song.resolve("Media/kick.wav"), 48000, 0.05);
        Path rpp = write(song.resolve("seed.rpp"), rpp("  MARKER 1 0 Intro 0\n  MARKER 2 4 \"Verse 1\" 1\n", "",
                track("Kick", fxChain(plugin("VST", "VST3: Pro-Q 3 (FabFilter)", true, false)) + item(0, 1, false, 0, "Media/kick.wav", "Media/none.wav"))));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("metadata.xml", DAWPROJECT_METADATA.getBytes(StandardCharsets.UTF_8));
        entries.put("project.xml", dawproject(dawprojectTrack("t1", "Drums", "audio", "regular", false, dawprojectDevice("Vst3Plugin", "Pro-Q 3", "FabFilter", "audioFX", true, true, "d1")),
                "", dawprojectLane("t1", dawprojectClip(0, 16, true, "audio/drums.wav", false, 48000)), "            <Marker time=\"0.0\" name=\"Intro\"/>\n").getBytes(StandardCharsets.UTF_8));
        Path dawproject = zip(song.resolve("seed.dawproject"), entries);
        Path ardour = write(song.resolve("seed.ardour"), ArdourSessionTest.session("seed",
                "    <Source name=\"Kick-1.wav\" type=\"audio\" flags=\"\" id=\"s1\" channel=\"0\" origin=\"\"/>\n",
                "    <Location id=\"l\" name=\"Verse\" start=\"a0\" end=\"a0\" flags=\"IsMark\"/>\n",
                "    <Route id=\"2\" name=\"Kick\" audio-playlist=\"p1\"><PresentationInfo order=\"0\" flags=\"AudioTrack,OrderSet\" color=\"0\"/></Route>\n",
                "    <Playlist id=\"p1\" name=\"Kick\" type=\"audio\" orig-track-id=\"2\"><Region name=\"Kick-1\" muted=\"0\" position=\"a0\" length=\"a282240000\" source-0=\"s1\"/></Playlist>\n", ""));
        Path[] files = {rpp, dawproject, ardour};
        for (int format = 0; format < files.length; format++) {
            byte[] body = Files.readAllBytes(files[format]);
            byte[] seed = new byte[body.length + 1];
            seed[0] = (byte) format;
            System.arraycopy(body, 0, seed, 1, body.length);
            Files.write(seeds.resolve("seed" + EXTENSIONS[format]), seed);
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @FuzzTest(maxDuration = "10m", maxExecutions = 20_000)
    void anySessionBytesReadOrFailPlainly(byte[] data) throws IOException {
        if (data.length == 0) return;
        Path file = work.resolve("Song").resolve("input" + EXTENSIONS[(data[0] & 0xff) % EXTENSIONS.length]);
        Files.write(file, Arrays.copyOfRange(data, 1, data.length));
        try {
            Session s = SessionReader.read(file);
            var findings = SessionAudit.audit(s, null);
            assertThat(SessionTextReport.render(s, findings)).isNotNull();
        } catch (SessionFileException e) {
            assertThat(e.getMessage()).startsWith(file.getFileName() + ": ").doesNotContain("\n");
        }
    }
}
