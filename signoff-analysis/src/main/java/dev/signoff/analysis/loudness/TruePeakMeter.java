package dev.signoff.analysis.loudness;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Sample peak and true peak per ITU-R BS.1770-4 Annex 2, with the runs where the reconstructed
 * waveform goes over 0 dBTP.
 *
 * <p>True peak: the signal is oversampled 4x from 44.1 kHz to below 96 kHz, 2x below 192 kHz and
 * taken as is above (the recommendation's guidance: the aim is an effective rate of at least
 * 192 kHz); below 44.1 kHz by as much as reaches 192 kHz (24x at 8 kHz, where 4x read a tone at
 * 3 kHz 0.07 dB under its crest; ffmpeg resamples to 192 kHz at every rate), by a polyphase
 * interpolator: a Kaiser-windowed sinc (16 taps a phase, beta 7, cut-off at the source
 * Nyquist) designed at construction for the factor in use, each phase normalised to unit DC gain.
 * One phase falls exactly on the input samples: that one is the sample peak and is not computed.
 *
 * <p>Speed without approximation: the interpolated value at any point of a chunk of samples is at
 * most the largest |sample| feeding it times the largest L1 norm of a phase. A chunk whose bound
 * can neither beat the peak found so far nor reach 0 dBTP cannot change the result, so it is not
 * interpolated. A chunk that passes that test is bounded again, phase by phase, more tightly: the
 * sum of its four central taps' terms, computed, plus the other taps' L1 norm times the largest
 * |sample| (a quarter of the work of interpolating it). On a loud master the first bound passes
 * about 40 % of the chunks and the second about 7 %. The result is identical to interpolating
 * everything (tested).
 *
 * <p>Output: {@link PeakResult}; overs closer than 10 ms on a channel are one run; at most
 * {@value #MAX_OVERS} runs are listed, all are counted.
 */
public final class TruePeakMeter implements Analyser {
    // Parameters: the oversampling factor follows ITU-R BS.1770-4 Annex 2 (see above); the filter
    // is designed here and checked against the EBU Tech 3341 true-peak cases (TruePeakMeterTest).
    /** Over runs listed in the result (all are counted). */
    static final int MAX_OVERS = 200;
    /** Taps a phase of the Kaiser-windowed sinc interpolator (interpolateChunk spells the 16 out). */
    private static final int TAPS = 16;
    /** Samples a chunk: the unit whose bound decides whether it is interpolated at all. */
    private static final int CHUNK = 32;
    /** The first of the four central taps, the largest of every phase, which the finer bound sums as they are. */
    private static final int CENTRAL = TAPS / 2 - 2;
    /**
     * Slack of the finer bound, relative to the chunk's largest |sample|: more than the rounding of
     * a 16-term float sum can move an output past the bound (about 2e-6).
     */
    private static final double BOUND_SLACK = 1e-5;
    /** The Kaiser window's beta (side lobes about 70 dB down). */
    private static final double KAISER_BETA = 7.0;

    private final int factor;
    private final float[][] phases;        // [phase][tap]
    private final double maxPhaseL1;
    /** Per phase, the L1 norm of the taps outside the four central ones, plus BOUND_SLACK. */
    private final double[] outerL1;
    private final int channels;
    private final double sampleRate;
    private final boolean skipping;
    private final int samplePhase;         // the phase that is a pure delay, or -1

    private final float[][] history;       // last TAPS-1 samples of each channel
    private float[] work = new float[0];
    private float[] out = new float[0];
    private float[] chunkMax = new float[0];
    private final double[] truePeak, samplePeak;
    private long frame;

    private final List<PeakResult.Over> overs = new ArrayList<>();
    private int overCount;
    private PeakResult.Over worstOver;
    private double lastOverEndS;
    private final long[] overStart, overEnd;
    private final double[] overPeak;
    private final long mergeGap;
    private PeakResult result;

    public TruePeakMeter(StreamInfo info) {
        this(info, true);
    }

    /** @param skipping false interpolates every chunk (for testing that skipping changes nothing) */
    TruePeakMeter(StreamInfo info, boolean skipping) {
        this.skipping = skipping;
        sampleRate = info.sampleRate();
        channels = info.channels();
        factor = oversampling(info.sampleRate());
        phases = design(factor);
        double l1 = 0;
        for (float[] p : phases) {
            double s = 0;
            for (float h : p) s += Math.abs(h);
            l1 = Math.max(l1, s);
        }
        maxPhaseL1 = l1;
        outerL1 = new double[factor];
        for (int p = 0; p < factor; p++) {
            double s = BOUND_SLACK;
            for (int k = 0; k < TAPS; k++) if (k < CENTRAL || k >= CENTRAL + 4) s += Math.abs(phases[p][k]);
            outerL1[p] = s;
        }
        samplePhase = factor > 1 ? samplePhase(phases) : -1;
        history = new float[channels][TAPS - 1];
        truePeak = new double[channels];
        samplePeak = new double[channels];
        overStart = new long[channels];
        overEnd = new long[channels];
        overPeak = new double[channels];
        java.util.Arrays.fill(overStart, -1);
        mergeGap = Math.round(0.010 * sampleRate);
    }

    /** The oversampling factor at a sample rate (see the class comment). */
    static int oversampling(int sampleRate) {
        if (sampleRate >= 192_000) return 1;
        if (sampleRate >= 96_000) return 2;
        if (sampleRate >= 44_100) return 4;
        return (int) Math.ceil(192_000.0 / sampleRate);
    }

    /** Polyphase windowed-sinc interpolator: phase p estimates x(n + p/factor). */
    static float[][] design(int factor) {
        float[][] h = new float[factor][TAPS];
        if (factor == 1) {
            h[0][TAPS / 2 - 1] = 1f;   // identity: a delayed copy of the input
            return h;
        }
        int total = TAPS * factor;
        double center = (total - 1) / 2.0 + 0.5;   // shifted half a step so phase 0 hits an input sample exactly
        double i0Beta = besselI0(KAISER_BETA);
        double[][] d = new double[factor][TAPS];
        for (int n = 0; n < total; n++) {
            double t = (n - center) / factor;
            double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
            double r = 2.0 * n / (total - 1) - 1;
            double w = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            // Output phase p at input position k uses taps n = k*factor + (factor-1-p) of the prototype.
            int p = factor - 1 - (n % factor);
            d[p][n / factor] = sinc * w;
        }
        for (int p = 0; p < factor; p++) {
            double sum = 0;
            for (double v : d[p]) sum += v;
            for (int k = 0; k < TAPS; k++) h[p][k] = (float) (d[p][k] / sum);
        }
        return h;
    }

    /** The phase whose taps are a single 1 (it reproduces the input samples), or -1. */
    static int samplePhase(float[][] phases) {
        for (int p = 0; p < phases.length; p++) {
            int ones = 0, zeros = 0;
            for (float v : phases[p]) {
                if (Math.abs(v - 1f) < 1e-6f) ones++;
                else if (Math.abs(v) < 1e-6f) zeros++;
            }
            if (ones == 1 && zeros == phases[p].length - 1) return p;
        }
        return -1;
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1;
        for (int k = 1; k < 50; k++) {
            term *= (x / (2 * k)) * (x / (2 * k));
            sum += term;
            if (term < 1e-12 * sum) break;
        }
        return sum;
    }

    @Override
    public void accept(AudioBlock block) {
        int n = block.frames();
        int hist = TAPS - 1;
        if (work.length < n + hist) work = new float[n + hist];
        for (int c = 0; c < channels; c++) {
            float[] x = block.channel(c);
            float[] h = history[c];
            System.arraycopy(h, 0, work, 0, hist);
            System.arraycopy(x, 0, work, hist, n);
            // The chunks' maxima cover the block (and the history, counted before): they give the sample peak.
            chunkMaxima(work, n + hist);
            float sp = (float) samplePeak[c];
            for (int j = 0, chunks = (n + hist + CHUNK - 1) / CHUNK; j < chunks; j++) sp = Math.max(sp, chunkMax[j]);
            // Overs are looked for only when one exists. The interpolator's sample phase is not
            // computed: its overs are the samples over full scale.
            if (sp > 1.0f && samplePhase >= 0) {
                for (int i = 0; i < n; i++) if (Math.abs(x[i]) > 1.0f) noteOver(c, frame + i, Math.abs(x[i]));
            }
            samplePeak[c] = sp;
            interpolate(c, work, n);
            if (n >= hist) System.arraycopy(x, n - hist, h, 0, hist);
            else {
                System.arraycopy(h, n, h, 0, hist - n);
                System.arraycopy(x, 0, h, hist - n, n);
            }
        }
        frame += n;
    }

    /** {@code chunkMax[j]} = largest |buf[i]| for i in [j CHUNK, (j+1) CHUNK) and below {@code len}. */
    private void chunkMaxima(float[] buf, int len) {
        int chunks = (len + CHUNK - 1) / CHUNK;
        if (chunkMax.length < chunks + 1) chunkMax = new float[chunks + 1];
        for (int j = 0; j < chunks; j++) chunkMax[j] = absMax(buf, j * CHUNK, Math.min(len, (j + 1) * CHUNK));
        chunkMax[chunks] = 0;
    }

    /**
     * Largest |buf[i]| for i in [from, to), on the bits: without the sign, the order of floats is
     * that of their bits as ints, so each step is an integer compare (C1's code stays short, and C2
     * vectorises it); a NaN, whose bits are above all, comes out as NaN as with Math.max.
     */
    private static float absMax(float[] buf, int from, int to) {
        int m = 0;
        for (int i = from; i < to; i++) m = Math.max(m, Float.floatToRawIntBits(buf[i]) & 0x7fffffff);
        return Float.intBitsToFloat(m);
    }

    /**
     * Interpolates the {@code n} output positions fed by {@code buf[0 .. n+TAPS-1)}: the chunks whose
     * bound can matter, consecutive ones as one span so the inner loops are long enough to vectorise.
     */
    private void interpolate(int c, float[] buf, int n) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        int spanStart = -1;
        for (int j = 0; j <= chunks; j++) {
            boolean needed = false;
            if (j < chunks) {
                // Outputs of chunk j read buf[j CHUNK .. (j+1) CHUNK + TAPS - 1), inside chunks j and j+1.
                double bound = Math.max(chunkMax[j], chunkMax[j + 1]) * maxPhaseL1;
                needed = !skipping || bound > truePeak[c] || bound >= 1.0;
            }
            if (needed && spanStart < 0) spanStart = j * CHUNK;
            if (!needed && spanStart >= 0) {
                interpolateSpan(c, buf, spanStart, Math.min(n, j * CHUNK));
                spanStart = -1;
            }
        }
    }

    private void interpolateSpan(int c, float[] buf, int from, int to) {
        if (out.length < CHUNK) out = new float[CHUNK];
        float peak = (float) truePeak[c];
        for (int p = 0; p < factor; p++) {
            if (p == samplePhase) continue;
            float[] h = phases[p];
            // Chunk by chunk, in time order within the phase as over the whole span (the overs'
            // merging depends on the order they are noted in).
            for (int cs = from; cs < to; cs += CHUNK) {
                int ce = Math.min(to, cs + CHUNK);
                if (skipping) {
                    // The finer bound: the central taps' sum as it is, the other taps at the chunk's largest |sample|.
                    int j = cs / CHUNK;
                    double bound = centralMax(h, buf, cs, ce) + Math.max(chunkMax[j], chunkMax[j + 1]) * outerL1[p];
                    if (bound <= peak && bound < 1.0) continue;
                }
                float m = interpolateChunk(h, buf, cs, ce);
                peak = Math.max(peak, m);
                if (m > 1.0f) {
                    for (int i = 0; i < ce - cs; i++) {
                        if (Math.abs(out[i]) > 1.0f) noteOver(c, frame + cs + i - (TAPS / 2 - 1), Math.abs(out[i]));
                    }
                }
            }
        }
        truePeak[c] = peak;
    }

    /**
     * Phase {@code h}'s outputs fed by {@code buf[from .. to+TAPS-1)} into {@code out[0 .. to-from)};
     * returns their largest |value|. The taps are held in registers and each output summed whole
     * (in the order k = 0..15, as a tap-by-tap accumulation would): one store per output. The loop
     * runs on the input index so that C1 can drop the range checks of buf[j + k], and takes the
     * maximum as it goes (an integer maximum of the bits, as in absMax).
     */
    private float interpolateChunk(float[] h, float[] buf, int from, int to) {
        float h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4], h5 = h[5], h6 = h[6], h7 = h[7];
        float h8 = h[8], h9 = h[9], h10 = h[10], h11 = h[11], h12 = h[12], h13 = h[13], h14 = h[14], h15 = h[15];
        float[] o = out;
        int maxBits = 0;
        for (int j = from; j < to; j++) {
            float y = h0 * buf[j] + h1 * buf[j + 1] + h2 * buf[j + 2] + h3 * buf[j + 3]
                    + h4 * buf[j + 4] + h5 * buf[j + 5] + h6 * buf[j + 6] + h7 * buf[j + 7]
                    + h8 * buf[j + 8] + h9 * buf[j + 9] + h10 * buf[j + 10] + h11 * buf[j + 11]
                    + h12 * buf[j + 12] + h13 * buf[j + 13] + h14 * buf[j + 14] + h15 * buf[j + 15];
            o[j - from] = y;
            maxBits = Math.max(maxBits, Float.floatToRawIntBits(y) & 0x7fffffff);
        }
        return Float.intBitsToFloat(maxBits);
    }

    /** Largest |sum of the central taps' terms| over the outputs from..to of phase {@code h} (see {@link #outerL1}). */
    private static float centralMax(float[] h, float[] buf, int from, int to) {
        float h6 = h[CENTRAL], h7 = h[CENTRAL + 1], h8 = h[CENTRAL + 2], h9 = h[CENTRAL + 3];
        int maxBits = 0;
        for (int j = from; j < to; j++) {
            float y = h6 * buf[j + CENTRAL] + h7 * buf[j + CENTRAL + 1] + h8 * buf[j + CENTRAL + 2] + h9 * buf[j + CENTRAL + 3];
            maxBits = Math.max(maxBits, Float.floatToRawIntBits(y) & 0x7fffffff);
        }
        return Float.intBitsToFloat(maxBits);
    }

    /** Records an oversampled value above full scale at input frame {@code at} (group delay removed). */
    private void noteOver(int c, long at, double level) {
        at = Math.max(0, at);
        if (overStart[c] >= 0 && at - overEnd[c] <= mergeGap) {
            // Phases are computed one after another over a span, so times may step back a little.
            overStart[c] = Math.min(overStart[c], at);
            overEnd[c] = Math.max(overEnd[c], at);
            overPeak[c] = Math.max(overPeak[c], level);
            return;
        }
        closeOver(c);
        overStart[c] = at;
        overEnd[c] = at;
        overPeak[c] = level;
    }

    private void closeOver(int c) {
        if (overStart[c] < 0) return;
        overCount++;
        PeakResult.Over over = new PeakResult.Over(overStart[c] / sampleRate, (overEnd[c] + 1) / sampleRate, c, db(overPeak[c]));
        if (overs.size() < MAX_OVERS) overs.add(over);
        if (worstOver == null || over.peakDbtp() > worstOver.peakDbtp()) worstOver = over;
        lastOverEndS = Math.max(lastOverEndS, over.endS());
        overStart[c] = -1;
    }

    @Override
    public void finish() {
        // Flush the interpolator: the last TAPS/2 outputs need samples after the end (silence).
        int hist = TAPS - 1, tail = TAPS / 2;
        for (int c = 0; c < channels; c++) {
            float[] buf = new float[hist + tail];
            System.arraycopy(history[c], 0, buf, 0, hist);
            chunkMaxima(buf, buf.length);
            interpolate(c, buf, tail);
        }
        for (int c = 0; c < channels; c++) closeOver(c);
        overs.sort(java.util.Comparator.comparingDouble(PeakResult.Over::startS));
        double[] tp = new double[channels], sp = new double[channels];
        double tpMax = 0, spMax = 0;
        for (int c = 0; c < channels; c++) {
            truePeak[c] = Math.max(truePeak[c], samplePeak[c]);
            tp[c] = db(truePeak[c]);
            sp[c] = db(samplePeak[c]);
            tpMax = Math.max(tpMax, truePeak[c]);
            spMax = Math.max(spMax, samplePeak[c]);
        }
        result = new PeakResult(db(tpMax), db(spMax), tp, sp, List.copyOf(overs), overCount, worstOver, overCount == 0 ? Double.NaN : lastOverEndS);
    }

    public PeakResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }

    private static double db(double linear) {
        return linear > 0 ? 20 * Math.log10(linear) : Double.NEGATIVE_INFINITY;
    }
}
