package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `signoff session` end to end: exit codes, the three formats, --bounce, --archive, and one-line errors. */
class SessionCommandTest {
    @TempDir static Path dir;
    static Path song, rpp, mix;

    static Path wav(Path file, int rate, double seconds) throws Exception {
        Files.createDirectories(file.getParent());
        int frames = (int) (rate * seconds);
        float[][] a = new float[2][frames];
        for (int i = 0; i < frames; i++) a[0][i] = a[1][i] = (float) (0.2 * Math.sin(2 * Math.PI * 330 * i / rate));
        try (WavWriter w = WavWriter.open(file, rate, 2, 16)) {
            w.write(a, frames);
        }
        return file;
    }

    static String track(String name, String mute, String file, double length) {
        return "  <TRACK\n    NAME \"" + name + "\"\n    MUTESOLO " + mute + " 0 0\n    <ITEM\n      POSITION 0\n      LENGTH " + length + "\n      MUTE 0 0\n"
                + "      NAME \"" + file + "\"\n      <SOURCE WAVE\n        FILE \"" + file + "\"\n      >\n    >\n  >\n";
    }

    @BeforeAll
    static void session() throws Exception {
        song = dir.resolve("Song");
        wav(song.resolve("Media/bass.wav"), 48000, 1);
        Path outside = wav(dir.resolve("Loops/loop.wav"), 48000, 1);
        rpp = song.resolve("Song.rpp");
        Files.writeString(rpp, "<REAPER_PROJECT 0.1 \"7.22/linux-x86_64\" 1733560000\n  SAMPLERATE 48000 0 0\n  TEMPO 100 4 4\n  RECORD_PATH \"Media\" \"\"\n"
                + "  MARKER 1 0 Intro 0\n" + track("Bass", "0", "Media/bass.wav", 20) + track("Loop", "0", outside.toString(), 20) + ">\n", StandardCharsets.UTF_8);
        mix = dir.resolve("mix.wav");
        SongFiles.write(SongSynth.render(48_000, 21, 3), mix, 24);
    }

    @Test
    void aSessionWithoutProblemsExitsZeroAndListsItsWarnings() {
        CliRun run = CliRun.of("session", rpp.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        assertThat(run.out()).startsWith("Song.rpp  REAPER  48 kHz  100 BPM  2 tracks  2 items  0 plugins  2 media files  1 marker")
                .contains("WARNING MEDIA_OUTSIDE_PROJECT  Loop").contains("0 problems, 1 warning, 0 notes.");
    }

    @Test
    void aMissingFileIsAProblemAndExitsOne() throws Exception {
        Path gone = Files.writeString(song.resolve("Gone.rpp"), Files.readString(rpp).replace("Media/bass.wav", "Media/bass-v2.wav"));
        CliRun run = CliRun.of("session", gone.toString());
        assertThat(run.exitCode()).isEqualTo(Main.PROBLEM_FOUND);
        assertThat(run.out()).contains("PROBLEM MISSING_MEDIA").contains("Media/bass-v2.wav is missing.");
    }

    @Test
    void theJsonMatchesDocsSessionMdBothWays() throws Exception {
        CliRun run = CliRun.of("session", rpp.toString(), "--format", "json", "--bounce", mix.toString());
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("schema").asText()).isEqualTo("signoff.session/1");
        Map<String, String> spec = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "session.md"))) {
            if (!line.startsWith("| `")) continue;
            String[] cols = line.split("(?<!\\\\)\\|");
            String field = cols[1].strip().replace("`", "");
            if (field.matches("[A-Z_]+")) continue; // the findings table
            spec.put(field, cols[2].strip().replace("\\|", "|"));
        }
        assertThat(spec).containsKeys("schema", "tracks[].plugins[].offline", "media[].inside_project", "findings[].hint");
        JsonSchemaTest.assertMatchesSpec(root, spec);
        assertThat(root.get("findings").findValuesAsText("code")).contains("MEDIA_OUTSIDE_PROJECT");
    }

    @Test
    void aBounceOfAnotherLengthIsABounceMismatch() {
        CliRun run = CliRun.of("session", rpp.toString(), "--bounce", song.resolve("Media/bass.wav").toString());
        assertThat(run.out()).contains("WARNING BOUNCE_MISMATCH").contains("bass.wav lasts 0:01.0, the session's content lasts 0:20.0 (-19.00 s).");
        CliRun withTail = CliRun.of("session", rpp.toString(), "--bounce", mix.toString());
        assertThat(withTail.out()).doesNotContain("BOUNCE_MISMATCH");
    }

    @Test
    void aSessionWithoutMarkersIsOfferedTheBouncesSections() throws Exception {
        Path unmarked = Files.writeString(song.resolve("Unmarked.rpp"), Files.readString(rpp).replace("  MARKER 1 0 Intro 0\n", ""));
        CliRun run = CliRun.of("session", unmarked.toString(), "--bounce", mix.toString());
        assertThat(run.out()).contains("NOTE    NO_MARKERS").contains("Signoff found these sections in mix.wav: A 0:00.0, stop 0:08.5, B 0:09.9.");
        CliRun without = CliRun.of("session", unmarked.toString());
        assertThat(without.out()).contains("`signoff check` lists the sections it finds in the bounce.");
    }

    @Test
    void theHtmlReportIsWrittenWhole() throws Exception {
        Path html = dir.resolve("session.html");
        CliRun run = CliRun.of("session", rpp.toString(), "--format", "html", "-o", html.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("MEDIA_OUTSIDE_PROJECT").contains("<td>Loop</td>");
    }

    @Test
    void archiveCollectsTheSessionWithTheBouncesCheckOnTheRecallSheet() throws Exception {
        Path dest = dir.resolve("archive");
        CliRun run = CliRun.of("session", rpp.toString(), "--bounce", mix.toString(), "--archive", dest.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).matches("(?s)signoff: archived Song.rpp into .*archive: 6 files, [0-9.]+ MB, MANIFEST.sha256, RECALL.md; the copy's audit: 0 problems, 0 warnings, 0 notes\\R");
        assertThat(Files.readString(dest.resolve("Song.rpp"))).contains("FILE \"Media/loop.wav\"");
        assertThat(Files.readString(dest.resolve("RECALL.md"))).contains("## Bounce").contains("mix.wav  0:23.0  48 kHz").contains("LUFS integrated");
        CliRun again = CliRun.of("session", dest.resolve("Song.rpp").toString());
        assertThat(again.out()).contains("0 problems, 0 warnings, 0 notes. The session is tidy.");
        CliRun taken = CliRun.of("session", rpp.toString(), "--archive", dest.toString());
        assertThat(taken.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(taken.err()).isEqualTo("signoff: " + dest + " already exists: give a new folder for the archive\n");
    }

    @Test
    void aDamagedOrUnknownFileIsOneLineAndExitsTwo() throws Exception {
        Path cut = Files.writeString(dir.resolve("cut.rpp"), Files.readString(rpp).substring(0, 200));
        CliRun run = CliRun.of("session", cut.toString());
        assertThat(run.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(run.err()).matches("signoff: cut\\.rpp: truncated: the <\\w+ chunk opened on line \\d+ is never closed\\R");
        assertThat(run.out()).isEmpty();
        CliRun other = CliRun.of("session", mix.toString());
        assertThat(other.err()).isEqualTo("signoff: mix.wav: not a session Signoff reads: give a REAPER .rpp, a .dawproject or an Ardour .ardour file\n");
        CliRun none = CliRun.of("session", dir.resolve("nothing.rpp").toString());
        assertThat(none.err()).isEqualTo("signoff: " + dir.resolve("nothing.rpp") + ": no such file\n");
    }
}
