package dev.signoff.analysis.loudness;

import java.util.ArrayList;
import java.util.List;

import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;


/**
 * Loudness per ITU-R BS.1770-4 and EBU R128 (Tech 3341 meter, Tech 3342 loudness range).
 *
 * <p>Input: every block of the stream. Each channel is K-weighted ({@link KWeighting}) and its
 * mean square accumulated in 100 ms sub-blocks, weighted by the channel's BS.1770 weight (LFE
 * excluded, surround channels +1.5 dB). From the sub-blocks:
 * <ul>
 *   <li>momentary loudness: 400 ms window, every 100 ms (also the integrated loudness's gating blocks,
 *       which overlap by 75 %);</li>
 *   <li>short-term loudness: 3 s window, every 100 ms (also the input of the loudness range);</li>
 *   <li>integrated loudness: absolute gate -70 LUFS, then relative gate -10 LU below the
 *       absolutely-gated mean;</li>
 *   <li>loudness range (EBU Tech 3342): short-term values gated at -70 LUFS and -20 LU below their
 *       mean, then the spread between the 10th and 95th percentiles.</li>
 * </ul>
 * Windows that start before the file are padded with silence (as libebur128 does), so the first
 * momentary values of a file rise over 400 ms; gating uses only complete windows.
 *
 * <p>Output: {@link LoudnessResult}. A mono file is measured as one channel of weight 1.0, the
 * literal BS.1770 reading (a mono -23 dBFS 1 kHz sine reads -26.0 LUFS; played as dual-mono over
 * two speakers it would be 3 dB louder).
 *
 * <p>Memory independent of the file's length: the gating and the loudness range are worked out
 * from histograms of the blocks' loudness in {@value #HISTOGRAM_STEP_LU} LU steps (each bin keeps
 * its count and the exact sum of its powers, so only blocks in the bin the relative gate falls in
 * can be placed on the wrong side; ffmpeg's meter works the same way), and the momentary and
 * short-term series are {@link DecimatingSeries} of {@value #SERIES_POINTS} points: every 100 ms
 * up to 27 minutes, every 200 ms up to 55 minutes, and so on (a point is then the mean power of the
 * windows it stands for). Reached that early, the limit keeps a long file's heap, and its report's
 * series, the size of a long song's; a plot has fewer pixels than that anyway.
 */
public final class LoudnessMeter implements Analyser {
    // Parameters.
    /** LUFS: the absolute gate (ITU-R BS.1770-4; EBU Tech 3342 for the loudness range). */
    private static final double ABSOLUTE_GATE_LUFS = -70.0;
    /** LU under the absolutely-gated mean: the relative gate of integrated loudness (ITU-R BS.1770-4). */
    private static final double RELATIVE_GATE_LU = -10.0;
    /** LU under the mean short-term loudness: the loudness range's relative gate (EBU Tech 3342). */
    private static final double LRA_RELATIVE_GATE_LU = -20.0;
    /** 100 ms sub-blocks: momentary 400 ms, short-term 3 s (EBU Tech 3341). */
    private static final int MOMENTARY_SUBBLOCKS = 4, SHORT_TERM_SUBBLOCKS = 30;
    /** Points of the momentary and short-term series: 100 ms points up to about 27 minutes, then
     *  neighbours merged in pairs (memory bound; docs/performance.md). */
    static final int SERIES_POINTS = 1 << 14;
    /** LU: the gating histograms' step. */
    static final double HISTOGRAM_STEP_LU = 0.01;
    /** Histogram range: from the absolute gate to well over anything a float file can hold. */
    private static final double HISTOGRAM_TOP_LUFS = 40.0;

    private final KWeighting[] filters;
    private final double[] weights;
    private final int sampleRate;
    private final double[] pair = new double[2];
    private final List<SubBlockListener> listeners = new ArrayList<>();

    private long frame;               // frames consumed so far
    private long subBlockIndex;       // index of the sub-block being filled
    private long subBlockEnd;         // first frame after the current sub-block
    private long subBlockStart;
    private double subBlockEnergy;    // weighted sum of squares in the current sub-block
    private final double[] ringEnergy = new double[SHORT_TERM_SUBBLOCKS];
    private final long[] ringFrames = new long[SHORT_TERM_SUBBLOCKS];

    private final DecimatingSeries momentaryPower = new DecimatingSeries(SERIES_POINTS, 0.1);   // mean square of each 400 ms window
    private final DecimatingSeries shortTermPower = new DecimatingSeries(SERIES_POINTS, 0.1);   // mean square of each 3 s window
    private final PowerHistogram gatingBlocks = new PowerHistogram();   // complete 400 ms windows
    private final PowerHistogram shortTermBlocks = new PowerHistogram(); // complete 3 s windows
    private double maxMomentaryPower, maxShortTermPower;
    private LoudnessResult result;

    public LoudnessMeter(StreamInfo info) {
        sampleRate = info.sampleRate();
        filters = new KWeighting[info.channels()];
        weights = new double[info.channels()];
        for (int c = 0; c < filters.length; c++) {
            filters[c] = new KWeighting(sampleRate);
            weights[c] = info.layout().speaker(c).bs1770Weight();
        }
        subBlockEnd = subBlockBoundary(1);
    }

    /**
     * Receives each 100 ms sub-block's K-weighted, channel-weighted mean square as soon as it is
     * complete, so another analyser can use the loudness grid without filtering the audio again.
     * Called on the meter's thread, from inside {@link #accept}.
     */
    @FunctionalInterface
    public interface SubBlockListener {
        /** @param index sub-block number (block k ends at round((k + 1) fs / 10)) */
        void subBlock(long index, double meanSquare);
    }

    public void addSubBlockListener(SubBlockListener listener) {
        listeners.add(listener);
    }

    /** Sub-block k ends at round(k * fs / 10): exact at every rate, including 11025 Hz. */
    private long subBlockBoundary(long k) {
        return Math.round(k * sampleRate / 10.0);
    }

    @Override
    public void accept(AudioBlock block) {
        int n = block.frames(), pos = 0;
        while (pos < n) {
            int len = (int) Math.min(n - pos, subBlockEnd - frame);
            int c = 0;
            for (; c + 1 < filters.length; c += 2) {
                KWeighting.sumOfSquares(filters[c], block.channel(c), filters[c + 1], block.channel(c + 1), pos, len, pair);
                subBlockEnergy += weights[c] * pair[0] + weights[c + 1] * pair[1];
            }
            if (c < filters.length) subBlockEnergy += weights[c] * filters[c].sumOfSquares(block.channel(c), pos, len);
            pos += len;
            frame += len;
            if (frame == subBlockEnd) closeSubBlock();
        }
    }

    private void closeSubBlock() {
        int slot = (int) (subBlockIndex % SHORT_TERM_SUBBLOCKS);
        ringEnergy[slot] = subBlockEnergy;
        ringFrames[slot] = frame - subBlockStart;
        for (SubBlockListener l : listeners) l.subBlock(subBlockIndex, subBlockEnergy / (frame - subBlockStart));
        subBlockIndex++;
        double m = windowPower(MOMENTARY_SUBBLOCKS), st = windowPower(SHORT_TERM_SUBBLOCKS);
        momentaryPower.add(m);
        shortTermPower.add(st);
        maxMomentaryPower = Math.max(maxMomentaryPower, m);
        maxShortTermPower = Math.max(maxShortTermPower, st);
        // Gating uses only complete windows, not those padded with silence before the start.
        if (subBlockIndex >= MOMENTARY_SUBBLOCKS) gatingBlocks.add(m);
        if (subBlockIndex >= SHORT_TERM_SUBBLOCKS) shortTermBlocks.add(st);
        subBlockEnergy = 0;
        subBlockStart = frame;
        subBlockEnd = subBlockBoundary(subBlockIndex + 1);
    }

    /** Mean square over the last {@code count} sub-blocks, silence-padded before the start. */
    private double windowPower(int count) {
        double energy = 0;
        long frames = 0;
        for (int i = 1; i <= count; i++) {
            long k = subBlockIndex - i;
            if (k < 0) {
                frames += subBlockBoundary(1);  // silence before the file
                continue;
            }
            int slot = (int) (k % SHORT_TERM_SUBBLOCKS);
            energy += ringEnergy[slot];
            frames += ringFrames[slot];
        }
        return energy / frames;
    }

    @Override
    public void finish() {
        // A trailing partial sub-block is not a complete gating block; it is dropped, as in libebur128.
        double integrated = gatingBlocks.gatedLoudness();
        double[] lra = shortTermBlocks.loudnessRange();
        result = new LoudnessResult(integrated, lra[0], lra[1], lra[2], maxLufs(maxMomentaryPower), maxLufs(maxShortTermPower),
                new TimeSeries(momentaryPower.stepS(), toLufs(momentaryPower.toArray())),
                new TimeSeries(shortTermPower.stepS(), toLufs(shortTermPower.toArray())));
    }

    public LoudnessResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }

    /** BS.1770 loudness of a mean square: -0.691 + 10 log10(power). */
    static double lufs(double power) {
        return power > 0 ? -0.691 + 10 * Math.log10(power) : Double.NEGATIVE_INFINITY;
    }

    private static double powerOf(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }

    /** Integrated loudness of gating-block powers with the absolute and relative gates. */
    static double gatedLoudness(double[] blockPower) {
        PowerHistogram h = new PowerHistogram();
        for (double p : blockPower) h.add(p);
        return h.gatedLoudness();
    }

    /** {LRA, low, high} from short-term powers per EBU Tech 3342; NaN when nothing passes the gates. */
    static double[] loudnessRange(double[] shortTermPower) {
        PowerHistogram h = new PowerHistogram();
        for (double p : shortTermPower) h.add(p);
        return h.loudnessRange();
    }

    /**
     * Block powers above the absolute gate, by loudness in {@value #HISTOGRAM_STEP_LU} LU bins,
     * each bin with its count and the sum of its powers.
     */
    static final class PowerHistogram {
        private static final int BINS = (int) Math.round((HISTOGRAM_TOP_LUFS - ABSOLUTE_GATE_LUFS) / HISTOGRAM_STEP_LU);
        private final long[] count = new long[BINS];
        private final double[] power = new double[BINS];
        private final double absPower = powerOf(ABSOLUTE_GATE_LUFS);
        private long n;
        private double sum;

        void add(double p) {
            if (!(p > absPower)) return;
            int bin = (int) Math.min(BINS - 1, Math.floor((lufs(p) - ABSOLUTE_GATE_LUFS) / HISTOGRAM_STEP_LU));
            count[bin]++;
            power[bin] += p;
            n++;
            sum += p;
        }

        /** Whether bin b is above a relative gate: by its lower edge, or for the bin the gate falls in, by its mean power. */
        private boolean above(int b, double relPower, int gateBin) {
            return b > gateBin || (b == gateBin && power[b] / count[b] > relPower);
        }

        private int binOf(double p) {
            return (int) Math.floor((lufs(p) - ABSOLUTE_GATE_LUFS) / HISTOGRAM_STEP_LU);
        }

        double gatedLoudness() {
            if (n == 0) return Double.NaN;
            double relPower = sum / n * Math.pow(10, RELATIVE_GATE_LU / 10);
            int gateBin = binOf(relPower);
            double gated = 0;
            long g = 0;
            for (int b = Math.max(0, gateBin); b < BINS; b++) {
                if (count[b] == 0 || !above(b, relPower, gateBin)) continue;
                gated += power[b];
                g += count[b];
            }
            return g == 0 ? Double.NaN : lufs(gated / g);
        }

        double[] loudnessRange() {
            double[] none = {Double.NaN, Double.NaN, Double.NaN};
            if (n == 0) return none;
            double relPower = sum / n * Math.pow(10, LRA_RELATIVE_GATE_LU / 10);
            int gateBin = binOf(relPower);
            long g = 0;
            for (int b = Math.max(0, gateBin); b < BINS; b++) if (count[b] > 0 && above(b, relPower, gateBin)) g += count[b];
            if (g == 0) return none;
            double low = lufs(atRank(Math.round((g - 1) * 0.10), relPower, gateBin));
            double high = lufs(atRank(Math.round((g - 1) * 0.95), relPower, gateBin));
            return new double[]{high - low, low, high};
        }

        /** The mean power of the bin holding the gated block of rank r (0 = quietest). */
        private double atRank(long r, double relPower, int gateBin) {
            long seen = 0;
            for (int b = Math.max(0, gateBin); b < BINS; b++) {
                if (count[b] == 0 || !above(b, relPower, gateBin)) continue;
                seen += count[b];
                if (seen > r) return power[b] / count[b];
            }
            throw new IllegalStateException("rank beyond the gated blocks");
        }
    }

    private static double[] toLufs(double[] power) {
        double[] out = new double[power.length];
        for (int i = 0; i < power.length; i++) {
            double l = lufs(power[i]);
            out[i] = Double.isInfinite(l) ? Double.NaN : l;
        }
        return out;
    }

    /** The loudness of the loudest window; NaN for digital silence, as the series store it. */
    private static double maxLufs(double power) {
        return power > 0 ? lufs(power) : Double.NaN;
    }
}
