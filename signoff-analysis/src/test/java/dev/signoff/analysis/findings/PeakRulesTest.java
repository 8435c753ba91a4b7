package dev.signoff.analysis.findings;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.technical.TestAudio;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PeakRulesTest {
    private static final int RATE = 48_000;

    /** A tone at fs/4 with 45 degree phase: samples at +-(amp / sqrt 2), true peak at amp. */
    private static CheckResult quarterRateTone(double truePeakDbtp) throws IOException {
        double amp = Math.pow(10, truePeakDbtp / 20);
        float[] x = new float[(int) (1.5 * RATE)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (amp * Math.sin(Math.PI / 2 * i + Math.PI / 4));
        return TestAudio.checkWav(new float[][]{x, x.clone()}, RATE, 32);
    }

    private static List<Finding> truePeak(CheckResult r) {
        return r.findings().stream().filter(f -> f.code() == FindingCode.TRUE_PEAK_OVER).toList();
    }

    @Test
    void aFullScaleSampledToneThreeDbOverIsAProblem() throws IOException {
        CheckResult r = quarterRateTone(20 * Math.log10(Math.sqrt(2)));
        assertThat(r.measurements().peaks().samplePeakDbfs()).isCloseTo(0.0, within(0.01));
        assertThat(r.measurements().peaks().truePeakDbtp()).isCloseTo(3.0, within(0.2));
        assertThat(r.measurements().clipping().runCount()).as("pairs of full-scale samples are not runs").isZero();
        assertThat(truePeak(r)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.PROBLEM);
            assertThat(f.startS()).isNotNull();
            assertThat(f.values().get("true_peak_dbtp")).isGreaterThan(PeakRules.PROBLEM_DBTP);
        });
    }

    @Test
    void halfAdBBelowFullScaleIsAHeadroomNote() throws IOException {
        CheckResult r = quarterRateTone(-0.5);
        assertThat(r.measurements().peaks().truePeakDbtp()).isCloseTo(-0.5, within(0.2));
        assertThat(truePeak(r)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.startS()).isNull();
        });
    }

    @Test
    void threeDbBelowFullScaleIsFine() throws IOException {
        CheckResult r = quarterRateTone(-3.0);
        assertThat(r.measurements().peaks().truePeakDbtp()).isCloseTo(-3.0, within(0.2));
        assertThat(truePeak(r)).isEmpty();
    }

    @Test
    void aCleanSongRaisesNoWarningOrProblemFromTheTechnicalAndPeakRules() {
        CheckResult r = TestAudio.check();
        List<Finding> fromRules = new java.util.ArrayList<>(new PeakRules().judge(r.measurements()));
        fromRules.addAll(new TechnicalRules().judge(r.measurements()));
        assertThat(fromRules).allSatisfy(f -> assertThat(f.severity()).as(f.message()).isEqualTo(Severity.NOTE));
        // The render peaks at -1 dBFS: at most the headroom note.
        assertThat(fromRules).allSatisfy(f -> assertThat(f.code()).isEqualTo(FindingCode.TRUE_PEAK_OVER));
    }
}
