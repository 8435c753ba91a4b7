package dev.signoff.analysis.spectrum;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import org.jtransforms.fft.FloatFFT_1D;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class StftTest {
    private static final int RATE = 48_000, SIZE = 1024;

    /** The channels of each frame as the STFT's definition reads: summed (mono), Hann-windowed, zero-padded, transformed. */
    private static List<float[][]> reference(float[][] channels, boolean mono) {
        float[] window = new float[SIZE];
        for (int i = 0; i < SIZE; i++) window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / SIZE));
        FloatFFT_1D fft = new FloatFFT_1D(SIZE);
        List<float[][]> out = new ArrayList<>();
        int n = channels[0].length;
        for (int start = 0; start < n; start += SIZE) {
            int valid = Math.min(SIZE, n - start);
            float[][] frame = new float[mono ? 1 : channels.length][SIZE];
            for (int c = 0; c < frame.length; c++) {
                float[] x = frame[c];
                System.arraycopy(channels[c], start, x, 0, valid);
                if (mono) for (int d = 1; d < channels.length; d++) for (int i = 0; i < valid; i++) x[i] += channels[d][start + i];
                for (int i = 0; i < valid; i++) x[i] *= window[i];
                fft.realForward(x);
            }
            out.add(frame);
        }
        return out;
    }

    private static float[][] noise(int channels, int frames) {
        SplittableRandom random = new SplittableRandom(channels);
        float[][] x = new float[channels][frames];
        for (float[] ch : x) for (int i = 0; i < frames; i++) ch[i] = (float) (random.nextDouble() - 0.5);
        return x;
    }

    @Test
    void framesAreThoseOfWindowingEachWholeFrameBitForBit() {
        for (int channels = 1; channels <= 3; channels++) {
            for (boolean mono : new boolean[]{false, true}) {
                // Blocks that do not line up with the frames, and a last frame mostly padding.
                float[][] x = noise(channels, 5 * SIZE + 300);
                List<float[][]> expected = reference(x, mono);
                for (int blockFrames : new int[]{333, SIZE, 4096}) {
                    StreamInfo info = new StreamInfo(RATE, channels, 24, false, "test", x[0].length);
                    Stft stft = new Stft(info, SIZE, mono);
                    List<float[][]> got = new ArrayList<>();
                    List<float[]> powers = new ArrayList<>();
                    stft.addListener(new Stft.Listener() {
                        @Override public void frame(float[][] spectra, long startFrame, int validFrames) {
                            float[][] copy = new float[spectra.length][];
                            for (int c = 0; c < spectra.length; c++) copy[c] = spectra[c].clone();
                            got.add(copy);
                            powers.add(stft.power(spectra).clone());
                        }
                        @Override public void finish() { }
                    });
                    for (AudioBlock b : Signals.blocks(x, blockFrames)) stft.accept(b);
                    stft.finish();
                    assertThat(got).hasSameSizeAs(expected);
                    for (int f = 0; f < got.size(); f++) {
                        for (int c = 0; c < got.get(f).length; c++) assertThat(got.get(f)[c]).containsExactly(expected.get(f)[c]);
                        float[] p = new float[SIZE / 2];
                        for (int k = 1; k < SIZE / 2; k++) {
                            for (float[] s : expected.get(f)) p[k] += s[2 * k] * s[2 * k] + s[2 * k + 1] * s[2 * k + 1];
                        }
                        assertThat(powers.get(f)).containsExactly(p);
                    }
                }
            }
        }
    }

    @Test
    void powerOfOtherSpectraIsWorkedOutForThem() {
        StreamInfo info = new StreamInfo(RATE, 2, 24, false, "test", SIZE);
        Stft stft = new Stft(info, SIZE, false);
        float[][] mid = new float[1][SIZE];
        List<float[]> own = new ArrayList<>(), other = new ArrayList<>();
        stft.addListener(new Stft.Listener() {
            @Override public void frame(float[][] spectra, long startFrame, int validFrames) {
                own.add(stft.power(spectra).clone());
                for (int i = 0; i < SIZE; i++) mid[0][i] = spectra[0][i] + spectra[1][i];
                other.add(stft.power(mid).clone());
                own.add(stft.power(spectra).clone());
            }
            @Override public void finish() { }
        });
        for (AudioBlock b : Signals.blocks(noise(2, SIZE), SIZE)) stft.accept(b);
        stft.finish();
        assertThat(own.get(1)).containsExactly(own.get(0));
        assertThat(other.get(0)).isNotEqualTo(own.get(0));
        float[] p = new float[SIZE / 2];
        for (int k = 1; k < SIZE / 2; k++) p[k] = mid[0][2 * k] * mid[0][2 * k] + mid[0][2 * k + 1] * mid[0][2 * k + 1];
        assertThat(other.get(0)).containsExactly(p);
    }

    @Test
    void thirdOctaveBandsSplitEachBinByTheShareOfItsWidthTheyOverlap() {
        for (int rate : new int[]{44_100, 48_000, 96_000}) {
            for (int size : new int[]{1024, 8192}) {
                ThirdOctaveBands bands = new ThirdOctaveBands(rate, size);
                float[] power = new float[size / 2];
                SplittableRandom random = new SplittableRandom(size);
                for (int k = 1; k < power.length; k++) power[k] = (float) random.nextDouble();
                // Bin by bin, each band's share of the bin in bin order: the definition.
                double df = rate / (double) size;
                double[] expected = new double[bands.count()];
                for (int k = 1; k < power.length; k++) {
                    for (int b = 0; b < bands.count(); b++) {
                        double overlap = Math.min((k + 0.5) * df, bands.hi(b)) - Math.max((k - 0.5) * df, bands.lo(b));
                        if (overlap > 0) expected[b] += (float) (overlap / df) * power[k];
                    }
                }
                double[] got = new double[bands.count()];
                Arrays.fill(got, Double.NaN);
                bands.bandPowers(power, got);
                assertThat(got).containsExactly(expected);
            }
        }
    }
}
