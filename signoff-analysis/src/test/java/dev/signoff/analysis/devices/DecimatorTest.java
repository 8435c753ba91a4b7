package dev.signoff.analysis.devices;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.synth.Signals;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fold-down and rate reduction for the low-end analysis: the band it keeps is intact, what would fold into it is gone. */
class DecimatorTest {

    /** RMS level (dB re the input's) of a stereo sine after folding and decimating, on the settled middle of the output. */
    static double gainDb(int rate, double hz) {
        int n = rate * 2;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        Decimator d = new Decimator(rate, 2);
        float[] out = new float[n / d.factor() + 16];
        int m = 0;
        float[] buf = new float[8192];
        for (AudioBlock b : Signals.blocks(new float[][]{x, x}, 3000)) {
            int k = d.process(b, buf);
            System.arraycopy(buf, 0, out, m, k);
            m += k;
        }
        double sum = 0;
        int from = m / 4, to = 3 * m / 4;
        for (int i = from; i < to; i++) sum += out[i] * (double) out[i];
        return 10 * Math.log10(sum / (to - from) / (0.25 / 2));
    }

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000, 96_000})
    void keepsEverythingUpToFiveKilohertzAndStopsWhatWouldFoldIntoIt(int rate) {
        int factor = Decimator.factorFor(rate);
        double out = rate / (double) factor;
        assertThat(out).isBetween(Decimator.MIN_RATE_HZ, 2 * Decimator.MIN_RATE_HZ);
        for (double hz : new double[]{50, 1000, 3000, 5000}) assertThat(gainDb(rate, hz)).as("%.0f Hz", hz).isCloseTo(0, within(0.1));
        // Tones that would fold onto 1, 3 and 5 kHz of the output.
        for (double alias : new double[]{out - 1000, out - 3000, out - 5000, out + 2000}) {
            assertThat(gainDb(rate, alias)).as("%.0f Hz folds to the analysed band", alias).isLessThan(-Decimator.STOP_DB + 5);
        }
    }
}
