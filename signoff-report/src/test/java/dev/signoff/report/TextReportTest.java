package dev.signoff.report;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.Severity;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextReportTest {

    @Test
    void findingsComeWorstFirstWithTimesAndHints() {
        String out = TextReport.render(List.of(FileOutcome.of(Mixes.GENERAL)), false);
        int clipping = out.indexOf("CLIPPING"), stop = out.indexOf("STOP_NOISE"), hum = out.indexOf("HUM "), width = out.indexOf("WIDTH");
        assertThat(clipping).isPositive();
        assertThat(clipping).isLessThan(stop);
        assertThat(stop).isLessThan(hum); // equal severity keeps the analysis' order
        assertThat(hum).isLessThan(width);
        assertThat(out).contains("PROBLEM CLIPPING").contains("0:05.0-0:05.3").contains("0:10.0-0:12.5").contains("whole mix");
        assertThat(out).contains("Pull the limiter's input down.").contains("Listen to the stop on headphones.");
        // The hint sits on the line after its finding.
        String[] lines = out.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("12 clipped runs")) assertThat(lines[i + 1].strip()).isEqualTo("Pull the limiter's input down.");
        }
        assertThat(out).contains("1 problem, 2 warnings, 1 note");
    }

    @Test
    void headerAndKeyMeasures() {
        CheckResult r = Mixes.CLIPPED;
        String out = TextReport.render(List.of(FileOutcome.of(r)), false);
        String[] lines = out.split("\\R");
        assertThat(lines[0]).startsWith("clipped.wav").contains("48 kHz 24-bit stereo").contains(dev.signoff.analysis.findings.Clock.format(r.measurements().durationS()));
        assertThat(lines[1]).contains(Fmt.num(r.measurements().loudness().integratedLufs()) + " LUFS")
                .contains("LRA").contains("dBTP").contains("PLR").contains("correlation").contains("side/mid");
        String mono = TextReport.render(List.of(FileOutcome.of(Mixes.MONO)), false);
        assertThat(mono.split("\\R")[0]).contains("mono");
        assertThat(mono.split("\\R")[1]).contains("LUFS").doesNotContain("correlation");
    }

    @Test
    void colourOnlyWhenAsked() {
        List<FileOutcome> outcomes = List.of(FileOutcome.of(Mixes.GENERAL), FileOutcome.of(Mixes.CLIPPED));
        assertThat(TextReport.render(outcomes, false)).doesNotContain("\u001b");
        String coloured = TextReport.render(outcomes, true);
        assertThat(coloured).contains("\u001b[1;31mPROBLEM").contains("\u001b[33mWARNING").contains("\u001b[36mNOTE").contains("\u001b[0m");
    }

    @Test
    void aCleanResultSaysSoHonestly() {
        CheckResult clean = new CheckResult(Mixes.MONO.file(), Mixes.MONO.measurements(), List.of(), 0.5);
        String out = TextReport.render(List.of(FileOutcome.of(clean)), false);
        assertThat(out).contains("No problems found");
        List<Finding> notes = Mixes.GENERAL.findings().stream().filter(f -> f.severity() == Severity.NOTE).toList();
        String notesOnly = TextReport.render(List.of(FileOutcome.of(new CheckResult(Mixes.MONO.file(), Mixes.MONO.measurements(), notes, 0.5))), false);
        assertThat(notesOnly).contains("No problems or warnings").contains("1 note");
    }

    @Test
    void errorsAndTheOverallSummaryForSeveralFiles() {
        String out = TextReport.render(List.of(FileOutcome.of(Mixes.CLIPPED),
                FileOutcome.failed(Path.of("broken.wav"), "broken.wav: not a WAV file"), FileOutcome.of(Mixes.MONO)), false);
        assertThat(out).contains("error: broken.wav: not a WAV file");
        assertThat(out.indexOf("clipped.wav")).isLessThan(out.indexOf("broken.wav")).isLessThan(out.indexOf("mono.wav"));
        String last = out.strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(last).startsWith("3 files:").contains("1 with problems").contains("1 could not be read");
    }

    @Test
    void controlCharactersInNamesCannotDriveTheTerminal() {
        CheckResult r = Mixes.renamed(Mixes.MONO, Path.of("evil\u001b[2Jname.wav"));
        assertThat(TextReport.render(List.of(FileOutcome.of(r)), false)).doesNotContain("\u001b");
    }
}
