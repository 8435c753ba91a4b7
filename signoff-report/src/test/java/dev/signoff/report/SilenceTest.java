package dev.signoff.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Digital silence has no loudness, no correlation, no spectrum: every renderer must cope. */
class SilenceTest {
    @TempDir Path dir;

    @Test
    void aSilentBounceRendersEverywhereWithNullsAndDashes() throws Exception {
        Path file = dir.resolve("silence.wav");
        int frames = 48_000 * 5;
        try (WavWriter w = WavWriter.open(file, 48_000, 2, 24)) {
            w.write(new float[][]{new float[frames], new float[frames]}, frames);
        }
        CheckResult r = MixCheck.run(file);
        List<FileOutcome> outcomes = List.of(FileOutcome.of(r));

        JsonNode j = new ObjectMapper().readTree(JsonReport.render(outcomes));
        assertThat(j.at("/loudness/integrated_lufs").isNull()).isTrue();
        assertThat(j.at("/loudness/plr_db").isNull()).isTrue();
        assertThat(JsonReport.render(outcomes)).doesNotContain("NaN").doesNotContain("Infinity");

        String text = TextReport.render(outcomes, false);
        assertThat(text).contains("silence.wav").contains("- LUFS integrated").doesNotContain("NaN");

        String html = HtmlReport.render(outcomes);
        HtmlReportTest.assertWellFormed(html);
        assertThat(html).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(HtmlReportTest.count(html, "<svg")).isEqualTo(1 + 3);
    }
}
