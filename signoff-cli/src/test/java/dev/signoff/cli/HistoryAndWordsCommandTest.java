package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `signoff history` and `signoff words` end to end; docs/revisions.md's history schema against the output. */
class HistoryAndWordsCommandTest {
    @TempDir static Path dir;
    static Path versions;

    @BeforeAll
    static void versions() throws Exception {
        versions = Files.createDirectory(dir.resolve("bounces"));
        float[][] v1 = SongSynth.render(48_000, 24, 9).channels();
        for (float[] ch : v1) for (int i = 0; i < ch.length; i++) ch[i] *= 0.5f;
        float[][] v2 = copy(v1);
        for (float[] ch : v2) Biquad.peaking(48_000, 2500, 1.0, 5).process(ch);
        float[][] v3 = copy(v2);
        for (float[] ch : v3) Biquad.peaking(48_000, 800, 1.4, 0.5).process(ch);
        float[][] v4 = copy(v3);
        for (float[] ch : v4) for (int i = 0; i < ch.length; i++) ch[i] *= 1.03f;
        write("song v10.wav", v4);   // natural order puts it last
        write("song v1.wav", v1);
        write("song v2.wav", v2);
        write("song v3.wav", v3);
        Files.writeString(versions.resolve("notes.txt"), "not a bounce");
        Path other = Files.createDirectory(dir.resolve("harsh"));
        try (WavWriter w = WavWriter.open(other.resolve("harsh.wav"), 48_000, 2, 24)) {
            SongSynth.Song s = SongSynth.render(48_000, 24, 5, java.util.Set.of(SongSynth.Defect.HARSH));
            w.write(s.channels(), s.frames());
        }
    }

    static float[][] copy(float[][] x) {
        return new float[][]{x[0].clone(), x[1].clone()};
    }

    static void write(String name, float[][] x) throws Exception {
        try (WavWriter w = WavWriter.open(versions.resolve(name), 48_000, 2, 24)) {
            w.write(x, x[0].length);
        }
    }

    @Test
    void historySaysLetItGoWithAChart() {
        CliRun run = CliRun.of("history", versions.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().split("\\R");
        assertThat(lines[0]).contains("(4 versions by name)");
        assertThat(lines[1]).startsWith("  song v1.wav ").endsWith("-");
        assertThat(lines[2]).startsWith("  song v2.wav ").contains("########|###").contains("dB at");
        assertThat(lines[3]).startsWith("  song v3.wav ");
        assertThat(lines[4]).startsWith("  song v10.wav");
        assertThat(run.out()).contains("^ 1 JND").contains("the mix is being polished, not improved - time to sign it off");
    }

    @Test
    void historyJsonMatchesDocsRevisionsMd() throws Exception {
        Map<String, String> spec = DiffCommandTest.readSpec(Path.of("..", "docs", "revisions.md"), "## JSON report");
        assertThat(spec).containsKeys("verdict", "versions[].jnd", "latest.problems");
        CliRun run = CliRun.of("history", versions.toString(), "--format", "json");
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("schema").asText()).isEqualTo("signoff.history/1");
        assertThat(j.get("verdict").asText()).isEqualTo("let_it_go");
        assertThat(j.get("versions").size()).isEqualTo(4);
        assertThat(j.at("/versions/0/largest").isNull()).isTrue();
        assertThat(j.at("/versions/1/largest/kind").asText()).isEqualTo("tonal");
        DiffCommandTest.assertMatches(j, spec);
    }

    @Test
    void historyHtmlHasTheTrendChart() throws Exception {
        Path out = dir.resolve("history.html");
        assertThat(CliRun.of("history", versions.toString(), "--format", "html", "-o", out.toString()).exitCode()).isZero();
        assertThat(Files.readString(out)).contains("<svg").contains("1 JND: just noticeable").contains("song v10.wav").doesNotContain("<script");
    }

    @Test
    void historyNeedsTwoVersions() {
        CliRun run = CliRun.of("history", versions.resolve("song v1.wav").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("at least two versions");
        assertThat(CliRun.of("history", dir.resolve("nowhere").toString()).err()).contains("no such file");
    }

    @Test
    void wordsMeasureTheCommentAndFindConflicts() {
        Path mix = versions.resolve("song v2.wav");
        CliRun run = CliRun.of("words", mix.toString(), "--ref", versions.resolve("song v1.wav").toString(),
                "0:12 sounds harsh here", "vocal up in the chorus", "vocal down in the choruses", "great work");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"sounds harsh here\"  at 0:12.0")
                .containsPattern("harsh +Too much upper-mid energy")
                .containsPattern("2-5 kHz against the whole mix: -?\\d+\\.\\d dB here against")
                .contains("your reference:")
                .contains("No word Signoff knows how to measure")
                .contains("Conflicting requests").contains("pull the vocal opposite ways");
        CliRun bad = CliRun.of("words", mix.toString(), "--at", "soon", "muddy");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("expected m:ss");
    }

    /**
     * Issue 15: on a song harsh from start to end, "harsh" at one moment reads about 0 dB against the
     * rest of the song; the reading also names the check's own finding, with the same figure `check` reports.
     */
    @Test
    void wordsOnAWhollyHarshSongNameTheChecksFinding() throws Exception {
        Path harsh = dir.resolve("harsh").resolve("harsh.wav");
        JsonNode check = new ObjectMapper().readTree(CliRun.of("check", "--format", "json", harsh.toString()).out());
        JsonNode finding = null;
        for (JsonNode f : check.get("findings")) if (f.get("code").asText().equals("HARSH_BUILDUP")) finding = f;
        assertThat(finding).as(check.get("findings").toString()).isNotNull();
        String figure = String.format(java.util.Locale.ROOT, "%+.1f dB", finding.at("/values/harsh_db").asDouble());

        CliRun run = CliRun.of("words", harsh.toString(), "0:12 harsh and piercing");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).as(run.out())
                .contains("the whole mix is harsh: HARSH_BUILDUP, " + figure)
                .contains("outside the built-in range (up to +5.0 dB)");
        CliRun withRef = CliRun.of("words", harsh.toString(), "--ref", versions.resolve("song v1.wav").toString(), "0:12 harsh");
        assertThat(withRef.out()).as(withRef.out()).contains("outside your reference").contains("HARSH_BUILDUP");
    }
}
