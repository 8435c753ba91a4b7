package dev.signoff.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static dev.signoff.session.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session files cut short or with bytes overwritten, at many places, in each format: each one is
 * either read or refused with one line naming the file, never another exception.
 */
class DamagedSessionFilesTest {

    @TempDir Path dir;

    private void everyDamageReadsOrFailsInOneLine(Path whole, String extension) throws Exception {
        byte[] bytes = Files.readAllBytes(whole);
        Random random = new Random(14);
        for (int i = 0; i < 120; i++) {
            byte[] damaged;
            if (i % 2 == 0) {
                damaged = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else {
                damaged = bytes.clone();
                for (int k = 0; k < 4; k++) damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            Path file = dir.resolve("Song").resolve("damaged-" + i + extension);
            Files.write(file, damaged);
            try {
                Session s = SessionReader.read(file);
                SessionAudit.audit(s, null);
                SessionTextReport.render(s, SessionAudit.audit(s, null));
            } catch (SessionFileException e) {
                assertThat(e.getMessage()).as("damage %d", i).startsWith(file.getFileName() + ": ").doesNotContain("\n");
            }
        }
    }

    @Test
    void reaperProjects() throws Exception {
        wav(dir.resolve("Song/Media/kick.wav"), 48000, 0.1);
        Path whole = write(dir.resolve("Song/whole.rpp"), rpp("  MARKER 1 0 Intro 0\n  MARKER 2 4 \"Verse 1\" 1\n", "",
                track("Kick", fxChain(plugin("VST", "VST3: Pro-Q 3 (FabFilter)", true, false)) + item(0, 1, false, 0, "Media/kick.wav", "Media/none.wav"))));
        everyDamageReadsOrFailsInOneLine(whole, ".rpp");
    }

    @Test
    void dawprojectContainers() throws Exception {
        byte[] drums = Files.readAllBytes(wav(dir.resolve("src/drums.wav"), 48000, 0.05));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("metadata.xml", DAWPROJECT_METADATA.getBytes(StandardCharsets.UTF_8));
        entries.put("project.xml", dawproject(dawprojectTrack("t1", "Drums", "audio", "regular", false, dawprojectDevice("Vst3Plugin", "Pro-Q 3", "FabFilter", "audioFX", true, true, "d1")),
                "", dawprojectLane("t1", dawprojectClip(0, 16, true, "audio/drums.wav", false, 48000)), "            <Marker time=\"0.0\" name=\"Intro\"/>\n").getBytes(StandardCharsets.UTF_8));
        entries.put("audio/drums.wav", drums);
        everyDamageReadsOrFailsInOneLine(zip(dir.resolve("Song/whole.dawproject"), entries), ".dawproject");
    }

    @Test
    void ardourSessions() throws Exception {
        Path whole = write(dir.resolve("Song/whole.ardour"), ArdourSessionTest.session("whole",
                "    <Source name=\"Kick-1.wav\" type=\"audio\" flags=\"\" id=\"s1\" channel=\"0\" origin=\"\"/>\n",
                "    <Location id=\"l\" name=\"Verse\" start=\"a0\" end=\"a0\" flags=\"IsMark\"/>\n",
                "    <Route id=\"2\" name=\"Kick\" audio-playlist=\"p1\"><PresentationInfo order=\"0\" flags=\"AudioTrack,OrderSet\" color=\"0\"/></Route>\n",
                "    <Playlist id=\"p1\" name=\"Kick\" type=\"audio\" orig-track-id=\"2\"><Region name=\"Kick-1\" muted=\"0\" position=\"a0\" length=\"a282240000\" source-0=\"s1\"/></Playlist>\n", ""));
        everyDamageReadsOrFailsInOneLine(whole, ".ardour");
    }
}
