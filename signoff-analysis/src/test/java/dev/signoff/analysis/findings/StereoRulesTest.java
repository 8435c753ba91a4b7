package dev.signoff.analysis.findings;

import dev.signoff.analysis.CheckResult;
import dev.signoff.audio.synth.SongSynth.Defect;
import org.junit.jupiter.api.Test;

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
}
