package dev.signoff.analysis.devices;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The streaming look-ahead limiter against a direct, slow implementation of the same definition. */
class DeviceLimiterTest {

    @Test
    void matchesTheDefinitionAndNeverExceedsTheCeiling() {
        int rate = 8000, n = 20_000;
        LimiterSettings s = new LimiterSettings(6, -1, 5, 30);
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = new double[2][n];
        for (int i = 0; i < n; i++) {
            double spike = r.nextInt(400) == 0 ? 3 : 1;
            x[0][i] = 0.4 * spike * (2 * r.nextDouble() - 1);
            x[1][i] = 0.3 * (2 * r.nextDouble() - 1);
        }
        double[][] y = {x[0].clone(), x[1].clone()};
        PeakLimiter lim = new PeakLimiter(2, rate, s);
        double[] gains = new double[n];
        for (int start = 0; start < n; start += 777) {          // in uneven chunks
            int len = Math.min(777, n - start);
            double[][] chunk = {java.util.Arrays.copyOfRange(y[0], start, start + len), java.util.Arrays.copyOfRange(y[1], start, start + len)};
            double[] g = new double[len];
            lim.process(chunk, len, g);
            System.arraycopy(chunk[0], 0, y[0], start, len);
            System.arraycopy(chunk[1], 0, y[1], start, len);
            System.arraycopy(g, 0, gains, start, len);
        }
        int la = lim.latency();
        assertThat(la).isEqualTo(40);
        double drive = Math.pow(10, 6 / 20.0), ceiling = Math.pow(10, -1 / 20.0) * (1 - 1e-6), rel = Math.exp(-1 / (0.030 * rate));
        double[] need = new double[n], released = new double[n];
        for (int i = 0; i < n; i++) {
            double p = Math.max(Math.abs(x[0][i]), Math.abs(x[1][i])) * drive;
            need[i] = p > ceiling ? ceiling / p : 1;
        }
        double prev = 1;
        for (int i = 0; i < n; i++) {
            double m = 1;
            for (int k = Math.max(0, i - la); k <= i; k++) m = Math.min(m, need[k]);
            prev = released[i] = Math.min(m, 1 - (1 - prev) * rel);
        }
        int reduced = 0;
        for (int i = la; i < n; i++) {
            double g = 0;
            for (int k = i - la; k <= i; k++) g += k < 0 ? 1 : released[k];
            g /= la + 1;
            for (int c = 0; c < 2; c++) {
                double expected = x[c][i - la] * drive * g;
                assertThat(y[c][i]).as("sample %d channel %d", i, c).isCloseTo(expected, offset(1e-9));
                assertThat(Math.abs(y[c][i])).isLessThanOrEqualTo(ceiling);
            }
            assertThat(gains[i]).as("gain reported for sample %d", i).isCloseTo(g, offset(1e-9));
            if (g < 0.999) reduced++;
        }
        assertThat(reduced).as("the limiter worked").isGreaterThan(1000);
        for (int i = 0; i < la; i++) assertThat(y[0][i]).isZero();   // the look-ahead delay
    }
}
