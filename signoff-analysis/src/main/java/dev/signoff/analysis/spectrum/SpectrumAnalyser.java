package dev.signoff.analysis.spectrum;

import dev.signoff.analysis.Decibels;
import dev.signoff.audio.StreamInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Long-term average spectrum in 1/3-octave bands (Welch's method over the {@link Stft} frames,
 * Hann window) and each band's level over time.
 *
 * <p>Input: the spectra of every frame. The power of each bin is the mean over the channels, so a
 * mono file and the same signal as dual mono read alike. Frames quieter than {@value #GATE_DBFS}
 * dBFS in total (digital silence, the space before the music) are left out of the average, as the
 * loudness gate leaves them out of the integrated loudness; the levels can therefore be set against
 * the integrated loudness ({@link SpectrumResult#relativeTo}).
 *
 * <p>Output: {@link SpectrumResult}: band power in dBFS (a full-scale sine at a band's centre reads
 * -3 dBFS in that band), and the same in consecutive windows of about half a second.
 */
public final class SpectrumAnalyser implements Stft.Listener {
    static final double GATE_DBFS = -70.0;

    private final ThirdOctaveBands bands;
    private final double scale;
    private final int channels;
    private final float[] power;
    private final double[] frameBands, longTerm, stepBands;
    private final List<float[]> overTime = new ArrayList<>();
    private final int framesPerStep;
    private final double stepS;
    private final double gatePower = Math.pow(10, GATE_DBFS / 10);
    private final Stft stft;
    /** Frames averaged so far, a zero-padded last frame counting by its share of the window power. */
    private double counted, stepCounted;
    private int stepFrames;
    private SpectrumResult result;

    public SpectrumAnalyser(StreamInfo info, Stft stft) {
        this.stft = stft;
        channels = info.channels();
        bands = new ThirdOctaveBands(info.sampleRate(), stft.size());
        scale = stft.powerScale() / channels;
        power = new float[stft.size() / 2];
        frameBands = new double[bands.count()];
        longTerm = new double[bands.count()];
        stepBands = new double[bands.count()];
        double frameS = stft.size() / (double) info.sampleRate();
        framesPerStep = Math.max(1, (int) Math.round(0.5 / frameS));
        stepS = framesPerStep * frameS;
    }

    @Override
    public void frame(float[][] spectra, long startFrame, int validFrames) {
        java.util.Arrays.fill(power, 0f);
        for (float[] s : spectra) {
            for (int k = 1, n = power.length; k < n; k++) {
                float re = s[2 * k], im = s[2 * k + 1];
                power[k] += re * re + im * im;
            }
        }
        java.util.Arrays.fill(frameBands, 0);
        bands.accumulate(power, frameBands);
        double total = 0;
        for (int b = 0; b < frameBands.length; b++) {
            frameBands[b] *= scale;
            total += frameBands[b];
        }
        double weight = stft.windowPowerFraction(validFrames);
        if (weight > 0 && total / weight > gatePower) {
            for (int b = 0; b < frameBands.length; b++) {
                longTerm[b] += frameBands[b];
                stepBands[b] += frameBands[b];
            }
            counted += weight;
            stepCounted += weight;
        }
        if (++stepFrames == framesPerStep) closeStep();
    }

    private void closeStep() {
        float[] levels = new float[bands.count()];
        for (int b = 0; b < levels.length; b++) {
            levels[b] = stepCounted == 0 ? Float.NaN : (float) Decibels.power(stepBands[b] / stepCounted);
            stepBands[b] = 0;
        }
        overTime.add(levels);
        stepFrames = 0;
        stepCounted = 0;
    }

    @Override
    public void finish() {
        if (stepFrames > 0) closeStep();
        List<SpectrumResult.Band> out = new ArrayList<>();
        for (int b = 0; b < bands.count(); b++) {
            float[] series = new float[overTime.size()];
            for (int t = 0; t < series.length; t++) series[t] = overTime.get(t)[b];
            double level = counted == 0 ? Double.NaN : Decibels.power(longTerm[b] / counted);
            out.add(new SpectrumResult.Band(bands.nominal(b), bands.lo(b), bands.hi(b), level, series));
        }
        result = new SpectrumResult(List.copyOf(out), stepS);
    }

    public SpectrumResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
