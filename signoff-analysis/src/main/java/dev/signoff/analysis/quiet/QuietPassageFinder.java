package dev.signoff.analysis.quiet;

import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.SpillingSeries;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

import java.util.List;

/**
 * Finds the quiet passages inside a song (stops, breakdowns) and says what is left in them:
 * nothing, a hiss floor, mains hum, both, or quiet music.
 *
 * <p>Input: every block of the stream. Output: {@link #result()}, the passages in time order.
 *
 * <p>Per 100 ms block (the BS.1770 sub-block grid, boundaries at round(k fs / 10)) it keeps a
 * handful of numbers ({@link BlockSummaries}). Every block gets:
 * <ul>
 *   <li>the K-weighted mean square with BS.1770-4 channel weights, from a {@link LoudnessMeter}
 *       (the check's own, so the audio is K-weighted once for both);</li>
 *   <li>the RMS (mean square of the loudest channel) and whether every sample is below
 *       {@value #SILENCE_DBFS} dBFS (digital silence).</li>
 * </ul>
 * Blocks that may end up inside a quiet passage (see "What is computed when" below) also get the
 * loudest channel's broadband noise floor and tonal ratio ({@link NoiseFloor}), and feed the
 * mains-hum windows ({@link HumMeter}). The passages are found and classified at the end
 * ({@link PassageClassifier}).
 *
 * <p>What is computed when. The spectral floor and the hum are the expensive part (an FFT per
 * channel and block, a low-pass on every sample) and only matter inside passages, which in
 * ordinary music are a few percent of the song. So they are computed lazily, {@value #DELAY_BLOCKS}
 * blocks (0.5 s) after a block arrives, when the loudness of the blocks around it is known:
 * <ul>
 *   <li>A block ends up in a passage only if its own, its momentary or its short-term mean square
 *       is at most the threshold, loud level - {@value PassageClassifier#QUIET_LU} LU. Of each, a
 *       lower bound is known from the blocks in so far (missing blocks count as zero): the block
 *       "may be quiet" when the smallest bound is at most the gate.</li>
 *   <li>The gate is the larger of {@value #GATE_ABSOLUTE_LUFS} LUFS and the running maximum of
 *       the momentary loudness so far minus {@value PassageClassifier#QUIET_LU} LU plus a margin of
 *       {@value #GATE_MARGIN_LU} LU. Why that is safe: the gate is at or above the threshold
 *       whenever the song's loud level (the {@value PassageClassifier#LOUD_PERCENTILE} quantile of
 *       its short-term loudness, itself at most 0.3 LU above its maximum momentary loudness) is at
 *       most {@value #GATE_MARGIN_LU} LU above the running maximum. And the running maximum has
 *       heard real music by then: a passage has music on its left, a block that is not quiet, so
 *       its momentary loudness is above the threshold, and that block's momentary window is
 *       complete before any block of the passage is judged. Features can only be lost in a song
 *       whose loud part comes later and is more than {@value #GATE_MARGIN_LU} LU louder than the
 *       loudest 400 ms heard until half a second after the block, and then only in passage blocks
 *       louder than {@value #GATE_ABSOLUTE_LUFS} LUFS (hiss or hum alone in a stop is far below
 *       that). The blocks skipped are, in practice, the music within 10 LU of its loudest: on a
 *       typical master about 95 % of the song.</li>
 *   <li>Floor and ratio are computed for the blocks that may be quiet; the others get NaN, which
 *       is never noise-like (and never happens inside a passage when the argument above holds).</li>
 *   <li>The hum low-pass runs on blocks from {@value #HUM_LEAD_BLOCKS} before to
 *       {@value #HUM_TRAIL_BLOCKS} after any block that may be quiet: a 1 s window used for a
 *       passage reaches at most 0.25 s beyond it, and the filter, started from rest when it
 *       resumes after skipped blocks, has more than 0.2 s to settle before such a window begins
 *       (its slowest pole decays by e^-190 in that time: the output is then the same as if it had
 *       run all along). Windows that touch a skipped block are recorded as NaN and never count
 *       as hum.</li>
 * </ul>
 * The result is the same as computing everything for every block (the tests check it on every
 * test song); the package-private constructor with {@code lazy = false} does that.
 *
 * <p>Memory: five numbers per 100 ms and 24 per 0.5 s, the first minutes of them in the heap and the
 * rest in temporary files (bounded at any length; deleted by {@link #finish()}); no samples beyond
 * the last {@value #DELAY_BLOCKS} + 1 blocks (0.6 s) and the running 1 s Goertzel states.
 */
public final class QuietPassageFinder implements Analyser {
    // Parameters. Input: every block, and the loudness meter's 100 ms mean squares. Output: the
    // passages (QuietPassage). The passages' own numbers are PassageClassifier's, the hiss floor's
    // NoiseFloor's, the hum's HumMeter's; here only which blocks are looked at, chosen for this
    // finder and exact by the argument of the class documentation (QuietPassageFinderTest checks
    // the lazy finder against the one that measures every block). docs/findings.md, "Quiet passages".
    /** dBFS: a block whose every sample is below this is digital silence (far under 16-bit dither, about -96 dBFS). */
    static final double SILENCE_DBFS = -120.0;
    /** LU: the feature gate's allowance for the song getting louder later (see the class documentation). */
    static final double GATE_MARGIN_LU = 10.0;
    /** LUFS: blocks this quiet get their features whatever came before. */
    static final double GATE_ABSOLUTE_LUFS = -40.0;
    /** Blocks: hum is decimated from this many before a possibly quiet block (window reach and warm-up) ... */
    static final int HUM_LEAD_BLOCKS = 5;
    /** ... to this many after it (window reach). */
    static final int HUM_TRAIL_BLOCKS = 3;
    /** Blocks: features of block j are computed once block j + DELAY_BLOCKS is in. */
    static final int DELAY_BLOCKS = HUM_LEAD_BLOCKS;
    private static final double GATE_RELATIVE = Math.pow(10, (GATE_MARGIN_LU - PassageClassifier.QUIET_LU) / 10);
    private static final double GATE_ABSOLUTE_POWER = Math.pow(10, (GATE_ABSOLUTE_LUFS + 0.691) / 10);
    private static final double SILENCE_PEAK = Math.pow(10, SILENCE_DBFS / 20);
    private static final int MOMENTARY_BLOCKS = PassageClassifier.MOMENTARY_BLOCKS, SHORT_TERM_BLOCKS = PassageClassifier.SHORT_TERM_BLOCKS;

    private final int sampleRate, channels;
    private final boolean lazy;

    // The last DELAY + 1 blocks of samples: block j lives in slot j % ring.length.
    private final float[][][] ring;
    private final int[] ringLength;
    private final long[] ringFirstFrame;
    private long frame, blockIndex, blockEnd;
    private int fill;
    /** The next block whose features are still to be computed (or skipped). */
    private long nextFeatureBlock;
    /** Running maximum of the (final) momentary mean squares seen so far. */
    private double maxMomentary;

    private final BlockSummaries blocks;
    private final NoiseFloor noiseFloor;
    private final HumMeter hum;
    private final int quantileMemory;

    private List<QuietPassage> result;

    /**
     * A finder that takes the K-weighted 100 ms mean squares from the check's loudness meter instead
     * of filtering the audio a second time. The meter must be fed each block before this finder
     * (same pipeline lane, earlier in it), so a block's loudness is known when its samples arrive.
     */
    public QuietPassageFinder(StreamInfo info, LoudnessMeter meter) {
        this(info, meter, true);
    }

    /** @param lazy false computes the spectral and hum features of every block (for tests: same result) */
    QuietPassageFinder(StreamInfo info, LoudnessMeter meter, boolean lazy) {
        this(info, meter, lazy, new BlockSummaries(), HumMeter.windowSeries(), PassageClassifier.QUANTILE_MEMORY);
    }

    /**
     * With the memory limits given, for tests: the series spill to their files and the loud level is
     * found in rounds after a few seconds of audio instead of hours.
     *
     * @param humWindows the hum meter's window series
     */
    QuietPassageFinder(StreamInfo info, LoudnessMeter meter, boolean lazy, BlockSummaries blocks, SpillingSeries humWindows,
                       int quantileMemory) {
        this.lazy = lazy;
        this.quantileMemory = quantileMemory;
        this.blocks = blocks;
        sampleRate = info.sampleRate();
        channels = info.channels();
        meter.addSubBlockListener((index, meanSquare) -> blocks.kPower.add(meanSquare));
        int maxBlock = (int) (boundary(1) + 2);
        ring = new float[DELAY_BLOCKS + 1][channels][maxBlock];
        ringLength = new int[DELAY_BLOCKS + 1];
        ringFirstFrame = new long[DELAY_BLOCKS + 1];
        blockEnd = boundary(1);
        noiseFloor = new NoiseFloor(sampleRate);
        hum = new HumMeter(sampleRate, channels, maxBlock, humWindows);
    }

    private long boundary(long k) {
        return PassageClassifier.boundary(k, sampleRate);
    }

    @Override
    public void accept(AudioBlock block) {
        int n = block.frames(), pos = 0;
        while (pos < n) {
            int len = (int) Math.min(n - pos, blockEnd - frame);
            float[][] slot = ring[(int) (blockIndex % ring.length)];
            for (int c = 0; c < channels; c++) System.arraycopy(block.channel(c), pos, slot[c], fill, len);
            fill += len;
            pos += len;
            frame += len;
            if (frame == blockEnd) closeBlock();
        }
    }

    /** The loudness numbers of the block just filled (every block), then the delayed features. */
    private void closeBlock() {
        int s = (int) (blockIndex % ring.length), len = fill;
        float[][] x = ring[s];
        ringLength[s] = len;
        ringFirstFrame[s] = frame - len;
        if (blocks.kPower.size() <= blockIndex) throw new IllegalStateException("the loudness meter must see each block before the quiet-passage finder");
        // The peak is an integer maximum of |sample|'s bits (the order of non-negative floats): C1
        // does not inline Math.max(float, float), which cost a call a sample.
        int peakBits = 0;
        double rms = 0;
        for (int c = 0; c < channels; c++) {
            float[] ch = x[c];
            double squares = 0;
            for (int i = 0; i < len; i++) {
                float v = ch[i];
                squares += v * (double) v;
                peakBits = Math.max(peakBits, Float.floatToRawIntBits(v) & 0x7fffffff);
            }
            rms = Math.max(rms, squares / len);
        }
        blocks.rmsPower.add(rms);
        blocks.silent.add(Float.intBitsToFloat(peakBits) < SILENCE_PEAK ? 1 : 0);
        // The momentary window of the previous block (blocks j-3..j) is now complete.
        maxMomentary = Math.max(maxMomentary, windowMean(blockIndex - 1, MOMENTARY_BLOCKS, blockIndex));
        fill = 0;
        blockIndex++;
        blockEnd = boundary(blockIndex + 1);
        if (blockIndex - nextFeatureBlock > DELAY_BLOCKS) features(nextFeatureBlock++, blockIndex - 1);
    }

    /**
     * A lower bound of the mean of the window of {@code size} blocks centred on block {@code m} as
     * the classification takes it (clipped at the file's start), from the blocks up to
     * {@code last}: blocks not yet measured count as 0 and the window is not clipped at the end.
     */
    private double windowMean(long m, int size, long last) {
        if (m < 0) return 0;
        long from = Math.max(0, m - size / 2), to = m + size / 2;
        double sum = 0;
        for (long i = from, end = Math.min(to - 1, last); i <= end; i++) sum += blocks.kPower.get(i);
        return sum / (to - from);
    }

    /**
     * Whether block {@code m} can still turn out quiet, judged with the blocks up to {@code last}:
     * the lower bounds of its own, momentary and short-term mean squares against the gate (see the
     * class documentation).
     */
    private boolean mayBeQuiet(long m, long last, double gate) {
        double low = Math.min(blocks.kPower.get(m),
                Math.min(windowMean(m, MOMENTARY_BLOCKS, last), windowMean(m, SHORT_TERM_BLOCKS, last)));
        return low <= gate;
    }

    /** Spectral floor and hum of block i, computed or skipped, judged with blocks up to {@code last}. */
    private void features(long i, long last) {
        int s = (int) (i % ring.length), len = ringLength[s];
        float[][] x = ring[s];
        boolean floorNeeded = !lazy, humNeeded = !lazy;
        if (lazy) {
            double gate = Math.max(GATE_ABSOLUTE_POWER, maxMomentary * GATE_RELATIVE);
            floorNeeded = mayBeQuiet(i, last, gate);
            humNeeded = floorNeeded;
            for (long m = Math.max(0, i - HUM_TRAIL_BLOCKS), end = Math.min(last, i + HUM_LEAD_BLOCKS); m <= end && !humNeeded; m++) {
                humNeeded = mayBeQuiet(m, last, gate);
            }
        }
        double floor = Double.NaN, ratio = Double.NaN;
        if (floorNeeded) {
            for (int c = 0; c < channels; c++) {
                noiseFloor.measure(x[c], len);
                if (Double.isNaN(ratio) || noiseFloor.floor() > floor) {
                    floor = noiseFloor.floor();
                    ratio = noiseFloor.ratio();
                }
            }
        }
        // Skipped blocks stay NaN: never noise-like.
        blocks.floorPower.add(floor);
        blocks.tonalRatio.add(ratio);
        hum.accept(x, len, ringFirstFrame[s], humNeeded);
    }

    @Override
    public void finish() {
        // A trailing partial block is dropped, as the loudness meter drops it.
        while (nextFeatureBlock < blockIndex) features(nextFeatureBlock++, blockIndex - 1);
        try {
            result = List.copyOf(new PassageClassifier(sampleRate, blocks, hum, quantileMemory).passages());
        } finally {
            blocks.close();
            hum.close();
        }
    }

    /** The passages found, in time order; available after {@link #finish()}. */
    public List<QuietPassage> result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }

    /** The median of a[0..n), reordering a ({@link NoiseFloor#median}). */
    static double median(double[] a, int n) {
        return NoiseFloor.median(a, n);
    }
}
