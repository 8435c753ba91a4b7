package dev.signoff.analysis.diff;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

import static dev.signoff.analysis.diff.VersionPairs.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `diff` of two files measures them in its first pass when they line up as they are, and runs the
 * paired pass again when they do not (given up at the 30 s check, or found out only by the
 * alignment): either way the result is that of the paired pass over the lined-up versions, which
 * a comparison of already sketched versions runs.
 */
class OneDecodingTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "delay {0} s")
    @CsvSource({"0", "0.5", "0.0107"})
    void theFirstPassMeasuresWhatThePairedPassWould(double delayS) throws Exception {
        UnaryOperator<float[][]> eq = peaking(2500, 1.4, 3);
        Path[] p = pair(dir, 7, x -> delay(delayS).apply(eq.apply(x)));
        DiffResult once = VersionDiff.run(p[0], p[1]);
        DiffResult paired = VersionDiff.run(BounceSketch.of(p[0]), BounceSketch.of(p[1]));

        assertThat(once.alignment().lagFrames()).isEqualTo(Math.round(delayS * RATE));
        assertThat(once.alignment()).isEqualTo(paired.alignment());
        assertThat(once.changes()).isEqualTo(paired.changes()).isNotEmpty();
        assertThat(once.levelChangeDb()).isEqualTo(paired.levelChangeDb());
        assertThat(once.oldLoudnessLufs()).isEqualTo(paired.oldLoudnessLufs());
        assertThat(once.newLoudnessLufs()).isEqualTo(paired.newLoudnessLufs());
        assertThat(once.nullResidualDb()).isEqualTo(paired.nullResidualDb());
        assertThat(once.channelCorrelation()).containsExactly(paired.channelCorrelation());
        assertThat(once.sections()).isEqualTo(paired.sections());
        assertThat(Arrays.deepEquals(once.map().db(), paired.map().db())).isTrue();
    }
}
