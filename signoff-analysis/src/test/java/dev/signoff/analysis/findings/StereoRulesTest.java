package dev.signoff.analysis.findings;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.analysis.stereo.StereoResult;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.SongSynth.Defect;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static dev.signoff.analysis.findings.SongChecks.check;
import static dev.signoff.analysis.findings.SongChecks.codes;
import static dev.signoff.analysis.findings.SongChecks.findings;
import static org.assertj.core.api.Assertions.assertThat;

class StereoRulesTest {

    @Test
    void cleanMixHasNoStereoFindings() {
        for (long seed : new long[]{1, 2}) {
            CheckResult r = check(48_000, seed);
            assertThat(codes(r, Severity.NOTE)).doesNotContain(FindingCode.BALANCE, FindingCode.WIDTH,
                    FindingCode.MONO_COMPAT, FindingCode.LOW_END_STEREO);
        }
        assertThat(check(48_000, 1).measurements().stereo().correlation()).isGreaterThan(0.8);
    }

    @Test
    void rightChannelThreeDbDownIsABalanceWarningLeaningLeft() {
        CheckResult r = check(48_000, 1, Defect.BALANCE_LEFT);
        assertThat(r.measurements().stereo().balanceDb()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.1));
        Finding f = findings(r, FindingCode.BALANCE).get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.message()).contains("leans left").contains("3.0 dB");
    }

    @Test
    void flippedPolarityIsAMonoCompatibilityProblemAndNothingElseStereo() {
        CheckResult r = check(48_000, 1, Defect.POLARITY);
        assertThat(findings(r, FindingCode.MONO_COMPAT)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.PROBLEM));
        assertThat(codes(r, Severity.NOTE)).doesNotContain(FindingCode.WIDTH, FindingCode.LOW_END_STEREO);
        assertThat(r.hasProblem()).isTrue();
        assertThat(r.measurements().stereo().monoLossDb()).isGreaterThan(10);
    }

    @Test
    void overWidePadsRaiseWidth() {
        CheckResult r = check(48_000, 1, Defect.WIDE);
        assertThat(findings(r, FindingCode.WIDTH)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(r.hasProblem()).isFalse();
    }

    @Test
    void stereoBassRaisesLowEndStereo() {
        CheckResult r = check(48_000, 1, Defect.STEREO_BASS);
        assertThat(findings(r, FindingCode.LOW_END_STEREO)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("below 120 Hz"));
        assertThat(r.measurements().stereo().lowEndCorrelation()).isLessThan(0.5);
    }

    @Test
    void aLongPassageWithTheSideOverTheMidIsAWidthWarningAndAShortOneIsNot() {
        // A mix whose side sits 12 dB under the mid, but +1 dB over it for a passage: finished
        // records reach the mid in passages of a few seconds (reverb swells, wide intros), so only
        // a passage of 8 s or more counts.
        Finding wide = findings(judge(passage(20.0, 12.0)), FindingCode.WIDTH).get(0);
        assertThat(wide.startS()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(0.6));
        assertThat(wide.endS() - wide.startS()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(0.6));
        assertThat(wide.message()).contains("as loud as the mid or louder for 12 s");
        assertThat(findings(judge(passage(20.0, 5.0)), FindingCode.WIDTH)).isEmpty();
    }

    private static CheckResult judge(StereoResult stereo) {
        StreamInfo info = new StreamInfo(48_000, 2, 24, false, "WAV PCM", 60L * 48_000);
        Measurements m = new Measurements(info, 60, null, null, null, null, null, stereo, null, null, null, null, List.of());
        return new CheckResult(Path.of("passage.wav"), m, new StereoRules().judge(m), 0);
    }

    /** Side 12 dB under the mid for a minute, but 1 dB over it from {@code startS} for {@code seconds}. */
    private static StereoResult passage(double startS, double seconds) {
        double step = 0.5;
        double[] sideToMid = new double[120], correlation = new double[120], balance = new double[120];
        for (int i = 0; i < sideToMid.length; i++) {
            double t = i * step;
            sideToMid[i] = t >= startS && t < startS + seconds ? 1.0 : -12.0;
            correlation[i] = 0.8;
        }
        List<StereoResult.Band> bands = List.of(
                new StereoResult.Band(0, 120, 0.99, -30, 0.0, -6),
                new StereoResult.Band(120, 500, 0.8, -12, 0.3, -4),
                new StereoResult.Band(500, 2000, 0.8, -12, 0.3, -6),
                new StereoResult.Band(2000, 8000, 0.8, -12, 0.3, -10),
                new StereoResult.Band(8000, 24000, 0.8, -12, 0.3, -16));
        return new StereoResult(0.0, 0.8, -12.0, 0.3, 0.99, -30.0, 120.0, bands,
                new TimeSeries(step, correlation), new TimeSeries(step, balance), new TimeSeries(step, sideToMid));
    }
}
