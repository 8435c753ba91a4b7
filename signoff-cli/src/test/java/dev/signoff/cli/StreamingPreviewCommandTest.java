package dev.signoff.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `check --platforms --codecs` in the text and HTML reports, with a list of codecs, and without ffmpeg. */
class StreamingPreviewCommandTest {
    @TempDir static Path dir;
    static Path mix;

    @BeforeAll
    static void write() throws Exception {
        mix = dir.resolve("mix.wav");
        SongFiles.write(SongSynth.render(48_000, 20, 5), mix, 24);
    }

    @Test
    void textShowsEachServiceAndHtmlHasItsOwnSection() throws Exception {
        CliRun text = CliRun.of("check", mix.toString(), "--platforms", "--color", "never");
        assertThat(text.exitCode()).as(text.err()).isIn(0, 1);
        for (String s : new String[]{"Spotify Normal", "Spotify Loud", "Spotify Quiet", "Apple Music", "YouTube", "Tidal", "Amazon Music", "Deezer"}) {
            assertThat(text.out()).contains(s);
        }
        assertThat(text.out()).doesNotContain("AAC 256");

        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("check", mix.toString(), "--platforms", "--codecs", "--format", "html", "-o", html.toString());
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        String page = Files.readString(html);
        assertThat(page).contains("id=\"streaming\"").contains("Spotify Loud").contains("AAC 256").contains("MP3 128");
    }

    @Test
    void aListOfCodecsRunsOnlyThoseAndAnUnknownIdIsAUsageError() throws Exception {
        CliRun two = CliRun.of("check", "--codecs", "opus-160,aac-256", mix.toString(), "--format", "json");
        assertThat(two.exitCode()).as(two.err()).isIn(0, 1);
        assertThat(ids(two)).containsExactly("aac-256", "opus-160");

        CliRun attached = CliRun.of("check", "--codecs=mp3-128", mix.toString(), "--format", "json");
        assertThat(attached.exitCode()).as(attached.err()).isIn(0, 1);
        assertThat(ids(attached)).containsExactly("mp3-128");

        Path report = dir.resolve("never.json");
        CliRun unknown = CliRun.of("check", "--codecs", "aac-128", mix.toString(), "-o", report.toString());
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(unknown.err()).contains("unknown codec 'aac-128'").contains("aac-256, vorbis-320, opus-160, mp3-320, mp3-128");
        assertThat(report).doesNotExist();
    }

    @Test
    void codecsAloneBeforeTheMixMeansEveryCodec() throws Exception {
        CliRun all = CliRun.of("check", "--codecs", mix.toString(), "--format", "json");
        assertThat(all.exitCode()).as(all.err()).isIn(0, 1);
        assertThat(ids(all)).containsExactly("aac-256", "vorbis-320", "opus-160", "mp3-320", "mp3-128");
    }

    private static List<String> ids(CliRun run) throws Exception {
        List<String> ids = new ArrayList<>();
        new ObjectMapper().readTree(run.out()).get("codecs").forEach(c -> ids.add(c.get("codec").asText()));
        return ids;
    }

    @Test
    void withoutFfmpegCodecsFailInOneLineNamingItAndWriteNothing() throws Exception {
        Path report = dir.resolve("never.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "check", mix.toString(), "--codecs", "--format", "json", "-o", report.toString());
        pb.environment().put("PATH", dir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(Main.USAGE_OR_INPUT_ERROR);
        assertThat(out).isEmpty();
        assertThat(err.strip()).doesNotContain("\n").contains("ffmpeg").contains("--codecs");
        assertThat(report).doesNotExist();
    }
}
