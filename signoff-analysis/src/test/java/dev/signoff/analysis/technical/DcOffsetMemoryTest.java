package dev.signoff.analysis.technical;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Memory independent of length (issue 10): the DC meter keeps a bounded number of blocks, merging
 * neighbours when full, and still finds the offset of the quiet part.
 */
class DcOffsetMemoryTest {
    private static final int RATE = 8000;

    /** 20 s of a loud 1 kHz sine without offset, then 12 s of a quiet one over a 1 % offset. */
    private static float[][] loudThenQuietWithOffset() {
        float[] x = new float[32 * RATE];
        for (int i = 0; i < x.length; i++) {
            double sine = Math.sin(2 * Math.PI * 1000 * i / RATE);
            x[i] = (float) (i < 20 * RATE ? 0.5 * sine : 0.01 + 0.02 * sine);
        }
        return new float[][]{x, x.clone()};
    }

    @Test
    void blocksStayBoundedAndTheQuietOffsetIsStillFound() {
        float[][] x = loudThenQuietWithOffset();
        DcOffsetMeter all = TestAudio.feed(new DcOffsetMeter(TestAudio.info(RATE, 2)), x, 4096);
        // 16 blocks: merged at 16 one-second blocks into 2 s ones, and again at 32 s into eight of 4 s.
        DcOffsetMeter bounded = TestAudio.feed(new DcOffsetMeter(TestAudio.info(RATE, 2), 16), x, 4096);
        assertThat(all.blocksKept()).isEqualTo(32);
        assertThat(bounded.blocksKept()).isEqualTo(8);
        for (int c = 0; c < 2; c++) {
            assertThat(all.result().offset()[c]).isCloseTo(0.01, within(1e-6));
            assertThat(bounded.result().offset()[c]).isCloseTo(0.01, within(1e-6));
        }
    }

    /** A day at 8 kHz stays within the limit. */
    @Test
    void aDayKeepsAtMostTheLimit() {
        DcOffsetMeter m = new DcOffsetMeter(TestAudio.info(RATE, 1));
        float[] second = new float[RATE];
        for (int i = 0; i < RATE; i++) second[i] = (float) (0.001 + 0.1 * Math.sin(2 * Math.PI * 440 * i / RATE));
        for (int s = 0; s < 24 * 3600; s++) m.accept(new dev.signoff.audio.AudioBlock(new float[][]{second}, RATE, (long) s * RATE));
        m.finish();
        assertThat(m.blocksKept()).isLessThanOrEqualTo(DcOffsetMeter.MAX_BLOCKS).isGreaterThan(DcOffsetMeter.MAX_BLOCKS / 2);
        assertThat(m.result().offset()[0]).isCloseTo(0.001, within(1e-5));
    }
}
