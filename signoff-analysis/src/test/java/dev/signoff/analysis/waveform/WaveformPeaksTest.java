package dev.signoff.analysis.waveform;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WaveformPeaksTest {

    private static WaveformResult run(float[][] channels, int blockFrames, int... zooms) {
        StreamInfo info = new StreamInfo(48_000, channels.length, 24, false, "test", channels[0].length);
        WaveformPeaks peaks = new WaveformPeaks(info, zooms);
        for (AudioBlock b : Signals.blocks(channels, blockFrames)) peaks.accept(b);
        peaks.finish();
        return peaks.result();
    }

    @Test
    void everyLevelHoldsTheExactExtremesOfItsFramesWhateverTheBlockSize() {
        // Odd length and odd block size: points straddle blocks and the last point of each level is partial.
        float[] left = Signals.pinkNoise(0.2, 3.3, 48_000, 1);
        float[] right = Signals.whiteNoise(0.1, 3.3, 48_000, 2);
        float[][] x = {left, right};
        for (int block : new int[]{1000, 8192, 333}) {
            WaveformResult r = run(x, block, WaveformPeaks.DEFAULT_ZOOMS);
            assertThat(r.frames()).isEqualTo(left.length);
            assertThat(r.levels()).extracting(WaveformResult.Level::samplesPerPoint).containsExactly(256, 1024, 4096, 16384);
            for (WaveformResult.Level level : r.levels()) {
                int z = level.samplesPerPoint();
                assertThat(level.points()).isEqualTo((left.length + z - 1) / z);
                for (int c = 0; c < 2; c++) {
                    for (int p = 0; p < level.points(); p++) {
                        float mn = Float.POSITIVE_INFINITY, mx = Float.NEGATIVE_INFINITY;
                        for (int i = p * z; i < Math.min(left.length, (p + 1) * z); i++) {
                            mn = Math.min(mn, x[c][i]);
                            mx = Math.max(mx, x[c][i]);
                        }
                        assertThat(level.min()[c][p]).as("min z=%d c=%d p=%d", z, c, p).isEqualTo(mn);
                        assertThat(level.max()[c][p]).as("max z=%d c=%d p=%d", z, c, p).isEqualTo(mx);
                    }
                }
            }
        }
    }

    @Test
    void aSineReadsItsAmplitudeAndSilenceReadsZero() {
        float[] tone = Signals.concat(Signals.sine(440, 0.5, 1.0, 48_000), Signals.silence(1.0, 48_000));
        WaveformResult r = run(new float[][]{tone}, 4096, 1024, 4096);
        WaveformResult.Level coarse = r.level(4096);
        assertThat(r.channels()).isEqualTo(1);
        assertThat(r.sampleRate()).isEqualTo(48_000);
        assertThat(coarse.max()[0][3]).isBetween(0.49f, 0.5f);
        assertThat(coarse.min()[0][3]).isBetween(-0.5f, -0.49f);
        assertThat(coarse.max()[0][coarse.points() - 2]).isZero();
        assertThat(r.level(256)).isNull();
    }

    @Test
    void anEmptyStreamHasNoPoints() {
        WaveformPeaks peaks = new WaveformPeaks(new StreamInfo(44_100, 2, 16, false, "test", -1));
        peaks.finish();
        assertThat(peaks.result().levels()).allSatisfy(l -> assertThat(l.points()).isZero());
    }

    @Test
    void levelsMustAscendInWholeMultiples() {
        StreamInfo info = new StreamInfo(44_100, 2, 16, false, "test", 100);
        assertThatThrownBy(() -> new WaveformPeaks(info, 256, 1000)).hasMessageContaining("multiple");
        assertThatThrownBy(() -> new WaveformPeaks(info, 1024, 256)).hasMessageContaining("ascend");
        assertThatThrownBy(() -> new WaveformPeaks(info).result()).isInstanceOf(IllegalStateException.class);
    }
}
