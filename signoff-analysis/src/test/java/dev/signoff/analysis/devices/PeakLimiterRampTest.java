package dev.signoff.analysis.devices;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A peak that decays over more than the look-ahead while everything stays over the ceiling (a loud
 * fade raised far by Spotify Loud's gain): the gain each sample needs rises at every sample, so
 * every one of them stays a candidate minimum for the whole window.
 */
class PeakLimiterRampTest {

    @Test
    void aDecayLongerThanTheLookAheadIsLimitedUnderTheCeiling() {
        int rate = 48_000;
        PeakLimiter l = new PeakLimiter(1, rate, new LimiterSettings(12, -1, 5, 100));
        int n = 4_000;
        double[][] x = new double[1][n];
        for (int i = 0; i < n; i++) x[0][i] = 0.9 * Math.exp(-i / 2_000.0) * (i % 2 == 0 ? 1 : -1);
        l.process(x, n);
        double ceiling = Math.pow(10, -1 / 20.0);
        for (int i = 0; i < n; i++) assertThat(Math.abs(x[0][i])).isLessThanOrEqualTo(ceiling);
    }
}
