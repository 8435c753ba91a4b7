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
 *
 * <p>Memory independent of the file's length: the windows over time are at most {@value #STEPS}
 * (70 minutes at 48 kHz); beyond, neighbouring windows are merged (their power, weighted by the
 * frames that passed the gate in each) and the step doubles.
 */
public final class SpectrumAnalyser implements Stft.Listener {
    // Parameters. The bands: IEC 61260-1 1/3-octave bands, 20 Hz-20 kHz ({@link ThirdOctaveBands});
    // the frames: the long-term {@link Stft}'s.
    /**
     * dBFS, a frame's total power: quieter frames (digital silence, the space before the music)
     * are left out, as the absolute gate of ITU-R BS.1770-4 (-70 LKFS) leaves them out of the
     * integrated loudness, so band levels can be set against it.
     */
    static final double GATE_DBFS = -70.0;
    /** s: the window of each band's level over time (the report's timelines). */
    static final double STEP_S = 0.5;
    /** Windows kept at most (70 minutes at 48 kHz), then neighbours merged: memory independent of length. */
    static final int STEPS = 1 << 13;

    private final ThirdOctaveBands bands;
    private final double scale;
    private final int channels;
    private final double[] frameBands, longTerm, stepBands;
    /** Per stored window: each band's mean power over the frames that passed the gate, and how many (weighted) did. */
    private final float[][] stepPower;
    private final float[] stepWeight = new float[STEPS];
    private int steps;
    private int stride = 1;          // windows of framesPerStep frames per stored one
    private int pendingSteps;        // windows gathered into the one being filled
    private boolean finishing;
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
        frameBands = new double[bands.count()];
        longTerm = new double[bands.count()];
        stepBands = new double[bands.count()];
        double frameS = stft.size() / (double) info.sampleRate();
        framesPerStep = Math.max(1, (int) Math.round(STEP_S / frameS));
        stepS = framesPerStep * frameS;
        stepPower = new float[bands.count()][STEPS];
    }

    @Override
    public void frame(float[][] spectra, long startFrame, int validFrames) {
        float[] power = stft.power(spectra);
        bands.bandPowers(power, frameBands);
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

    /** Ends a window of framesPerStep frames; every stride of them make one stored window. */
    private void closeStep() {
        stepFrames = 0;
        if (++pendingSteps < stride) return;
        if (steps == STEPS) {
            for (int t = 0; t < steps / 2; t++) {
                double w0 = stepWeight[2 * t], w1 = stepWeight[2 * t + 1];
                for (int b = 0; b < stepPower.length; b++) {
                    double p = w0 + w1 == 0 ? 0 : (stepPower[b][2 * t] * w0 + stepPower[b][2 * t + 1] * w1) / (w0 + w1);
                    stepPower[b][t] = (float) p;
                }
                stepWeight[t] = (float) (w0 + w1);
            }
            steps /= 2;
            stride *= 2;
            if (pendingSteps < stride && !finishing) return;   // half of a window of the new size
        }
        for (int b = 0; b < stepPower.length; b++) {
            stepPower[b][steps] = stepCounted == 0 ? 0 : (float) (stepBands[b] / stepCounted);
            stepBands[b] = 0;
        }
        stepWeight[steps++] = (float) stepCounted;
        stepCounted = 0;
        pendingSteps = 0;
    }

    @Override
    public void finish() {
        if (stepFrames > 0 || pendingSteps > 0) {
            finishing = true;            // a last, partial window is stored as it stands
            pendingSteps = stride - 1;
            closeStep();
        }
        List<SpectrumResult.Band> out = new ArrayList<>();
        for (int b = 0; b < bands.count(); b++) {
            float[] series = new float[steps];
            for (int t = 0; t < steps; t++) series[t] = stepWeight[t] == 0 ? Float.NaN : (float) Decibels.power(stepPower[b][t]);
            double level = counted == 0 ? Double.NaN : Decibels.power(longTerm[b] / counted);
            out.add(new SpectrumResult.Band(bands.nominal(b), bands.lo(b), bands.hi(b), level, series));
        }
        result = new SpectrumResult(List.copyOf(out), stepS * stride);
    }

    public SpectrumResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
