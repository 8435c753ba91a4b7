package dev.signoff.cli;

import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `check --platforms --codecs` in the text and HTML reports, and without ffmpeg. */
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
