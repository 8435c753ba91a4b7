package dev.signoff.analysis.drums;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BoundedSampleTest {

    @Test
    void belowItsCapacityItKeepsEveryValue() {
        BoundedSample s = new BoundedSample(1000);
        for (int i = 0; i < 1000; i++) s.add(999 - i);
        assertThat(s.size()).isEqualTo(1000);
        assertThat(s.sorted()[0]).isEqualTo(0);
        assertThat(s.sorted()[999]).isEqualTo(999);
    }

    /**
     * A loud and a soft value in turn (a kick pattern with an accent): taking every second value
     * would keep only one kind; the stratified sample keeps both, in their share.
     */
    @Test
    void aMillionAlternatingValuesKeepTheirMixInABoundedSample() {
        BoundedSample s = new BoundedSample(1 << 12);
        for (int i = 0; i < 1_000_000; i++) s.add(i % 2 == 0 ? 10.0 : -10.0);
        assertThat(s.seen()).isEqualTo(1_000_000);
        assertThat(s.size()).isLessThanOrEqualTo(1 << 12).isGreaterThan(1 << 10);
        double[] v = s.sorted();
        long loud = java.util.Arrays.stream(v).filter(x -> x > 0).count();
        assertThat(loud / (double) v.length).isCloseTo(0.5, within(0.05));
    }

    @Test
    void theMedianOfALongRampIsItsMiddle() {
        BoundedSample s = new BoundedSample(1 << 12);
        int n = 3_000_001;
        for (int i = 0; i < n; i++) s.add(i);
        double[] v = s.sorted();
        assertThat(v[v.length / 2]).isCloseTo(n / 2.0, within(n * 0.02));
        assertThat(v[0]).isLessThan(n * 0.01);
        assertThat(v[v.length - 1]).isGreaterThan(n * 0.99);
    }
}
