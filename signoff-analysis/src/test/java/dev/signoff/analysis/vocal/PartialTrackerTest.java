package dev.signoff.analysis.vocal;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PartialTrackerTest {

    @Test
    void selectFindsTheValueSortingWouldPutAtEachRank() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 1; n <= 80; n++) {
            for (int trial = 0; trial < 20; trial++) {
                double[] a = new double[n];
                // Few distinct values in half the trials: runs of equal levels (silence, a clipped floor).
                for (int i = 0; i < n; i++) a[i] = trial % 2 == 0 ? random.nextDouble(-300, 0) : random.nextInt(4) - 300;
                double[] sorted = a.clone();
                Arrays.sort(sorted);
                for (int k = 0; k < n; k++) assertThat(PartialTracker.select(a.clone(), k)).isEqualTo(sorted[k]);
            }
        }
    }
}
