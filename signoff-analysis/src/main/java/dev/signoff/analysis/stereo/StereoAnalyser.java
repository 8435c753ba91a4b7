package dev.signoff.analysis.stereo;

import dev.signoff.analysis.Decibels;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.analysis.loudness.KWeighting;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.StreamInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The stereo picture of the front pair, measured from the shared {@link Stft} spectra.
 *
 * <p>Inputs: the packed spectra of the front-left and front-right channels of each frame
 * ({@link dev.signoff.audio.ChannelLayout#frontPair()}). For every bin the analyser adds up the
 * left power |L|^2, right power |R|^2 and cross power Re(L R*); by Parseval these sums equal the
 * time-domain energies and zero-lag cross-correlation of the band-limited signals, so one pass
 * gives every band at once:
 * <ul>
 *   <li>correlation = sum Re(L R*) / sqrt(sum |L|^2 sum |R|^2) (the phase meter's reading);</li>
 *   <li>mid = (L+R)/2 and side = (L-R)/2 powers, their ratio in dB (side/mid);</li>
 *   <li>mono loss: the loudness of the fold-down (L+R)/2 on both speakers against the stereo
 *       loudness, -10 log10(|L+R|^2 / (2 (|L|^2 + |R|^2))), K-weighted for the overall figure
 *       (BS.1770-4 weighting applied to each bin), unweighted per band;</li>
 *   <li>balance: K-weighted left loudness minus right loudness (BS.1770-4 channel loudness).</li>
 * </ul>
 * Frames quieter than -70 dBFS are left out, as the spectrum analyser leaves them out.
 *
 * <p>Parameters: the constants at the top of the class, each with its unit and source
 * (docs/findings.md, "Stereo", for the limits the findings set on these figures).
 *
 * <p>Memory independent of the file's length: at most {@value #STEPS} steps are kept (70 minutes
 * at 48 kHz); beyond, neighbouring steps are merged (their sums added) and the step doubles.
 */
public final class StereoAnalyser implements Stft.Listener {
    // Parameters.
    /**
     * Hz: the top of the low end, below which we hardly localise sound, so stereo there only costs
     * (smeared kick and bass on club systems, weight lost in mono, vinyl cutting): the usual
     * mono-bass crossover of mastering and vinyl practice (docs/findings.md, LOW_END_STEREO).
     */
    public static final double LOW_END_HZ = 120;
    /**
     * Hz: the band edges, the low end, then about two octaves each: low mids (where pads and
     * guitars sit), mids (the vocal), presence, air. Chosen here, checked on the generated songs'
     * width defects (over-wide pads show in 120-500 Hz, a stereo bass below 120 Hz).
     */
    private static final double[] EDGES_HZ = {0, LOW_END_HZ, 500, 2000, 8000, Double.MAX_VALUE};
    /**
     * Mean square (-70 dBFS): quieter frames are left out, as the spectrum analyser leaves them out
     * and as the absolute gate of ITU-R BS.1770-4 (-70 LKFS) leaves silence out of the loudness.
     */
    private static final double GATE_POWER = Math.pow(10, -70 / 10.0);
    /** s: the step of the over-time series (the report's timelines; the passage rules count steps). */
    static final double STEP_S = 0.5;
    /** Power ratio: side/mid and the mono fold-down are clamped to +-60 dB (exact mono or anti-phase would be infinite). */
    private static final double RATIO_LIMIT = 1e-6;
    /** Steps kept at most (70 minutes at 48 kHz), then neighbours merged: memory independent of length. */
    static final int STEPS = 1 << 13;

    private final int left, right;
    private final int bins;
    /** Band b covers bins bandStart[b] .. bandStart[b + 1] - 1 (bin 0, DC, in none). */
    private final int[] bandStart;
    private final float[] kGain;
    private final double scale;
    private final int bandCount = EDGES_HZ.length - 1;
    // Whole-file sums: per band {L, R, cross}, and K-weighted {L, R, cross}.
    private final double[][] bandSums;
    private final double[] kSums = new double[3];
    // The current step's K-weighted sums.
    private final double[] stepSums = new double[3];
    private final double[] frame = new double[3];
    private final double[][] frameBands;
    private final int framesPerStep;
    private final double stepS;
    private int stepFrames, stepCounted;
    // The current step's per-band sums, and every stored step's K-weighted and per-band sums (the
    // over-time series, and for comparing versions band by band over time), and its counted frames.
    private final double[][] stepBandSums;
    private final double[] kOverTime = new double[STEPS * 3];
    private final double[] bandsOverTime;
    private final int[] countedOverTime = new int[STEPS];
    private int steps;
    private int stride = 1;          // steps of framesPerStep frames gathered in a stored one
    private int pendingSteps;
    private boolean finishing;
    private StereoResult result;

    public StereoAnalyser(StreamInfo info, Stft stft) {
        int[] pair = info.layout().frontPair();
        if (pair == null) throw new IllegalArgumentException("stereo analysis needs two channels");
        left = pair[0];
        right = pair[1];
        bins = stft.size() / 2;
        bandStart = new int[bandCount + 1];
        kGain = new float[bins];
        KWeighting k = new KWeighting(info.sampleRate());
        int band = 0;
        bandStart[0] = 1;
        for (int b = 1; b < bins; b++) {
            double hz = b * stft.binHz();
            while (hz >= EDGES_HZ[band + 1]) bandStart[++band] = b;
            kGain[b] = (float) k.powerGainAt(hz);
        }
        while (band < bandCount) bandStart[++band] = bins;
        scale = stft.powerScale();
        bandSums = new double[bandCount][3];
        stepBandSums = new double[bandCount][3];
        frameBands = new double[bandCount][3];
        bandsOverTime = new double[STEPS * bandCount * 3];
        double frameS = stft.size() / (double) info.sampleRate();
        framesPerStep = Math.max(1, (int) Math.round(STEP_S / frameS));
        stepS = framesPerStep * frameS;
    }

    @Override
    public void frame(float[][] spectra, long startFrame, int validFrames) {
        float[] l = spectra[left], r = spectra[right];
        // Sums in locals, band by band over contiguous bins: no array store per bin.
        double kl = 0, kr = 0, kc = 0;
        for (int b = 0; b < bandCount; b++) {
            double sl = 0, sr = 0, sc = 0;
            for (int k = bandStart[b], end = bandStart[b + 1]; k < end; k++) {
                float lr = l[2 * k], li = l[2 * k + 1], rr = r[2 * k], ri = r[2 * k + 1];
                double pl = lr * lr + li * li, pr = rr * rr + ri * ri, cross = lr * rr + li * ri;
                sl += pl;
                sr += pr;
                sc += cross;
                float g = kGain[k];
                kl += g * pl;
                kr += g * pr;
                kc += g * cross;
            }
            double[] fb = frameBands[b];
            fb[0] = sl;
            fb[1] = sr;
            fb[2] = sc;
        }
        frame[0] = kl;
        frame[1] = kr;
        frame[2] = kc;
        double total = 0;
        for (double[] fb : frameBands) total += fb[0] + fb[1];
        if (total * scale / 2 > GATE_POWER) {
            for (int b = 0; b < bandCount; b++) {
                for (int i = 0; i < 3; i++) {
                    bandSums[b][i] += frameBands[b][i];
                    stepBandSums[b][i] += frameBands[b][i];
                }
            }
            for (int i = 0; i < 3; i++) {
                kSums[i] += frame[i];
                stepSums[i] += frame[i];
            }
            stepCounted++;
        }
        if (++stepFrames == framesPerStep) closeStep();
    }

    /** Ends a step of framesPerStep frames; every stride of them make one stored step. */
    private void closeStep() {
        stepFrames = 0;
        if (++pendingSteps < stride) return;
        if (steps == STEPS) {
            int k = 3, nb = bandCount * 3;
            for (int t = 0; t < steps / 2; t++) {
                for (int i = 0; i < k; i++) kOverTime[t * k + i] = kOverTime[2 * t * k + i] + kOverTime[(2 * t + 1) * k + i];
                for (int i = 0; i < nb; i++) bandsOverTime[t * nb + i] = bandsOverTime[2 * t * nb + i] + bandsOverTime[(2 * t + 1) * nb + i];
                countedOverTime[t] = countedOverTime[2 * t] + countedOverTime[2 * t + 1];
            }
            steps /= 2;
            stride *= 2;
            if (pendingSteps < stride && !finishing) return;   // half of a step of the new size
        }
        System.arraycopy(stepSums, 0, kOverTime, steps * 3, 3);
        for (int b = 0; b < bandCount; b++) {
            System.arraycopy(stepBandSums[b], 0, bandsOverTime, (steps * bandCount + b) * 3, 3);
            java.util.Arrays.fill(stepBandSums[b], 0);
        }
        countedOverTime[steps++] = stepCounted;
        java.util.Arrays.fill(stepSums, 0);
        stepCounted = 0;
        pendingSteps = 0;
    }

    @Override
    public void finish() {
        if (stepFrames > 0 || pendingSteps > 0) {
            finishing = true;            // a last, partial step is stored as it stands
            pendingSteps = stride - 1;
            closeStep();
        }
        double[] corr = new double[steps], balance = new double[steps], side = new double[steps];
        for (int t = 0; t < steps; t++) {
            double[] k = java.util.Arrays.copyOfRange(kOverTime, t * 3, t * 3 + 3);
            boolean counted = countedOverTime[t] > 0;
            corr[t] = counted ? correlation(k) : Double.NaN;
            balance[t] = counted ? balanceDb(k) : Double.NaN;
            side[t] = counted ? sideToMidDb(k) : Double.NaN;
        }
        List<StereoResult.Band> bands = new ArrayList<>();
        for (int b = 0; b < bandCount; b++) {
            double[] s = bandSums[b];
            bands.add(new StereoResult.Band(EDGES_HZ[b], b == bandCount - 1 ? Double.POSITIVE_INFINITY : EDGES_HZ[b + 1],
                    correlation(s), sideToMidDb(s), monoLossDb(s), energyDb(s)));
        }
        double[] low = bandSums[0];
        result = new StereoResult(balanceDb(kSums), correlation(kSums), sideToMidDb(kSums), monoLossDb(kSums),
                correlation(low), sideToMidDb(low), LOW_END_HZ, List.copyOf(bands),
                new TimeSeries(stepS * stride, corr), new TimeSeries(stepS * stride, balance),
                new TimeSeries(stepS * stride, side));
    }

    /**
     * Each step's sums per band (the steps of the over-time series, the bands of {@link #bandEdgesHz}):
     * {@code [step][band]} = {left power, right power, cross power Re(L R*)} in the FFT's units, zero
     * in steps left out as silent. For comparing two versions band by band over time.
     */
    public List<double[][]> bandSumsOverTime() {
        List<double[][]> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            double[][] step = new double[bandCount][];
            for (int b = 0; b < bandCount; b++) {
                int at = (t * bandCount + b) * 3;
                step[b] = java.util.Arrays.copyOfRange(bandsOverTime, at, at + 3);
            }
            out.add(step);
        }
        return out;
    }

    /** The edges of the analyser's bands, low to high (the last is open: {@link Double#MAX_VALUE}). */
    public static double[] bandEdgesHz() {
        return EDGES_HZ.clone();
    }

    public StereoResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }

    /** Correlation of left and right from summed {left power, right power, cross power}; NaN when either is silent. */
    public static double correlation(double[] s) {
        double d = Math.sqrt(s[0] * s[1]);
        return d > 0 ? Math.max(-1, Math.min(1, s[2] / d)) : Double.NaN;
    }

    private static double balanceDb(double[] s) {
        return Decibels.ratio(s[0], s[1]);
    }

    private static double sideToMidDb(double[] s) {
        double mid = s[0] + s[1] + 2 * s[2], side = s[0] + s[1] - 2 * s[2];
        if (!(mid + side > 0)) return Double.NaN;
        double ratio = Math.max(RATIO_LIMIT, Math.min(1 / RATIO_LIMIT, Math.max(side, 0) / Math.max(mid, 1e-300)));
        return 10 * Math.log10(ratio);
    }

    private static double monoLossDb(double[] s) {
        double stereo = s[0] + s[1];
        if (!(stereo > 0)) return Double.NaN;
        double mono = Math.max((stereo + 2 * s[2]) / 2, stereo * RATIO_LIMIT);
        return -10 * Math.log10(mono / stereo);
    }

    /** Band share of the stereo energy relative to the whole, dB: tells whether a band's figures matter. */
    private double energyDb(double[] s) {
        double all = 0;
        for (double[] b : bandSums) all += b[0] + b[1];
        return Decibels.ratio(s[0] + s[1], all);
    }
}
