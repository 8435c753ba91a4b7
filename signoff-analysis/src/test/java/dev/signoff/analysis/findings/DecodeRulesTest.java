package dev.signoff.analysis.findings;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.technical.TestAudio;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Audio that could not be measured (not numbers, or nothing but zeros) is a problem, never a clean pass. */
class DecodeRulesTest {
    private static final int RATE = TestAudio.RATE;

    private static float[][] song() {
        SongSynth.Song s = TestAudio.song();
        return new float[][]{s.channels()[0].clone(), s.channels()[1].clone()};
    }

    private static List<Finding> of(CheckResult r, FindingCode code) {
        return r.findings().stream().filter(f -> f.code() == code).toList();
    }

    @Test
    void tenNanSamplesInAFloatWavAreAProblemAndTheLoudnessIsThatOfTheFiniteSamples() throws IOException {
        float[][] x = song();
        CheckResult clean = TestAudio.checkWav(x, RATE, 32);
        for (int i = 0; i < 10; i++) x[i % 2][RATE * 3 + 1000 * i] = Float.NaN;
        CheckResult r = TestAudio.checkWav(x, RATE, 32);
        assertThat(r.hasProblem()).isTrue();
        assertThat(of(r, FindingCode.NON_FINITE_SAMPLES)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.PROBLEM);
            assertThat(f.values().get("non_finite_samples")).isEqualTo(10.0);
            assertThat(f.startS()).isCloseTo(3.0, within(0.001));
            assertThat(f.message()).contains("10 samples").contains("0:03.0").contains("finite samples");
        });
        assertThat(r.measurements().peaks().samplePeakDbfs()).isFinite()
                .isCloseTo(clean.measurements().peaks().samplePeakDbfs(), within(0.01));
        assertThat(r.measurements().peaks().truePeakDbtp()).isFinite();
        assertThat(r.measurements().loudness().integratedLufs())
                .isCloseTo(clean.measurements().loudness().integratedLufs(), within(0.02));
    }

    @Test
    void infiniteSamplesLeaveThePeaksMeasured() throws IOException {
        float[][] x = song();
        x[0][RATE] = Float.POSITIVE_INFINITY;
        x[1][RATE * 2] = Float.NEGATIVE_INFINITY;
        CheckResult r = TestAudio.checkWav(x, RATE, 32);
        assertThat(of(r, FindingCode.NON_FINITE_SAMPLES)).singleElement()
                .satisfies(f -> assertThat(f.values().get("non_finite_samples")).isEqualTo(2.0));
        assertThat(r.measurements().peaks().samplePeakDbfs()).isFinite().isLessThan(0.0);
        assertThat(r.measurements().peaks().truePeakDbtp()).isFinite().isLessThan(1.0);
        assertThat(of(r, FindingCode.CLIPPING)).as("an infinite sample is not clipping").isEmpty();
    }

    @Test
    void anAllNanFileIsNotANumberAndSilent() throws IOException {
        float[][] x = new float[2][RATE * 5];
        for (float[] c : x) java.util.Arrays.fill(c, Float.NaN);
        CheckResult r = TestAudio.checkWav(x, RATE, 32);
        assertThat(r.hasProblem()).isTrue();
        assertThat(of(r, FindingCode.NON_FINITE_SAMPLES)).singleElement()
                .satisfies(f -> assertThat(f.values().get("non_finite_samples")).isEqualTo(2.0 * RATE * 5));
        assertThat(of(r, FindingCode.SILENT)).hasSize(1);
    }

    @Test
    void tenSecondsOfDigitalZerosAreSilentNotClean() throws IOException {
        CheckResult r = TestAudio.checkWav(new float[2][RATE * 10], RATE, 16);
        assertThat(r.hasProblem()).isTrue();
        assertThat(of(r, FindingCode.SILENT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.PROBLEM);
            assertThat(f.message()).contains("silence").contains("0:10.0");
        });
    }

    @Test
    void aCleanSongRaisesNeither() {
        CheckResult r = TestAudio.check();
        assertThat(of(r, FindingCode.NON_FINITE_SAMPLES)).isEmpty();
        assertThat(of(r, FindingCode.SILENT)).isEmpty();
    }

    @Test
    void aQuietButNotSilentFileIsNotSilent() throws IOException {
        float[][] x = new float[1][RATE * 3];
        x[0][RATE] = 1e-6f;
        CheckResult r = TestAudio.checkWav(x, RATE, 32);
        assertThat(of(r, FindingCode.SILENT)).isEmpty();
    }
}
