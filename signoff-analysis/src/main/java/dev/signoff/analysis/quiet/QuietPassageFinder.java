package dev.signoff.analysis.quiet;

import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.DoubleSeries;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import org.jtransforms.fft.FloatFFT_1D;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the quiet passages inside a song (stops, breakdowns) and says what is left in them:
 * nothing, a hiss floor, mains hum, both, or quiet music.
 *
 * <p>Input: every block of the stream. Output: {@link #result()}, the passages in time order.
 *
 * <p>Per 100 ms block (the BS.1770 sub-block grid, boundaries at round(k fs / 10)) it keeps a
 * handful of numbers. Every block gets:
 * <ul>
 *   <li>the K-weighted mean square with BS.1770-4 channel weights, from a {@link LoudnessMeter}
 *       (the check's own, so the audio is K-weighted once for both);</li>
 *   <li>the RMS (mean square of the loudest channel) and whether every sample is below
 *       {@value #SILENCE_DBFS} dBFS (digital silence).</li>
 * </ul>
 * Blocks that may end up inside a quiet passage (see "What is computed when" below) also get:
 * <ul>
 *   <li>a broadband noise-floor estimate: a Hann-windowed FFT of the block, the median bin power of
 *       each octave band from {@value #FLOOR_FROM_HZ} Hz up (found by selection, not sorting),
 *       divided by ln 2 (a noise bin's power is
 *       exponentially distributed, so its median is ln 2 times its mean, and a few strong tonal
 *       bins do not move the median: the minimum-statistics idea of Martin 2001, "Noise power
 *       spectral density estimation based on optimal smoothing and minimum statistics", applied
 *       across frequency instead of time). The floor is extrapolated flat below
 *       {@value #FLOOR_FROM_HZ} Hz, where mains hum and bass would bias it, and reported as the
 *       full-band RMS of the noise;</li>
 *   <li>the ratio of the block's total power above {@value #FLOOR_FROM_HZ} Hz to that floor (1 for
 *       pure noise, far above 1 when tones stand out: a flatness measure).</li>
 * </ul>
 * Mains hum needs finer frequency resolution than 100 ms gives (10 Hz), so it is measured on 1 s
 * Hann windows with 0.5 s hop (1 Hz bins): each channel is low-passed at {@value #DECIMATE_LP_HZ} Hz
 * (4th-order Butterworth) and decimated to about 2 kHz, then Goertzel filters read the power at
 * 50, 100, 150, 200 Hz and 60, 120, 180, 240 Hz, half a bin either side (a line must peak on the
 * mains frequency, which rejects a bass note at 49 Hz) and 3-4 Hz either side (the local floor).
 * Per window and harmonic the loudest channel's three powers are kept.
 *
 * <p>What is computed when. The spectral floor and the hum are the expensive part (an FFT per
 * channel and block, a low-pass on every sample) and only matter inside passages, which in
 * ordinary music are a few percent of the song. So they are computed lazily, {@value #DELAY_BLOCKS}
 * blocks (0.5 s) after a block arrives, when the loudness of the blocks around it is known:
 * <ul>
 *   <li>A block ends up in a passage only if its own, its momentary or its short-term mean square
 *       is at most the threshold, loud level - {@value #QUIET_LU} LU (see below). Of each, a lower
 *       bound is known from the blocks in so far (missing blocks count as zero): the block "may
 *       be quiet" when the smallest bound is at most the gate.</li>
 *   <li>The gate is the larger of {@value #GATE_ABSOLUTE_LUFS} LUFS and the running maximum of
 *       the momentary loudness so far minus {@value #QUIET_LU} LU plus a margin of
 *       {@value #GATE_MARGIN_LU} LU. Why that is safe: the gate is at or above the threshold
 *       whenever the song's loud level (the {@value #LOUD_PERCENTILE} quantile of its short-term
 *       loudness, itself at most 0.3 LU above its maximum momentary loudness) is at most
 *       {@value #GATE_MARGIN_LU} LU above the running maximum. And the running maximum has heard
 *       real music by then: a passage has music on its left, a block that is not quiet, so its
 *       momentary loudness is above the threshold, and that block's momentary window is complete
 *       before any block of the passage is judged. Features can only be lost in a song whose loud
 *       part comes later and is more than {@value #GATE_MARGIN_LU} LU louder than the loudest
 *       400 ms heard until half a second after the block, and then only in passage blocks louder
 *       than {@value #GATE_ABSOLUTE_LUFS} LUFS (hiss or hum alone in a stop is far below that).
 *       The blocks skipped are, in practice, the music within 10 LU of its loudest: on a typical
 *       master about 95 % of the song.</li>
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
 * <p>In {@link #finish()}: the song's loud level is the {@value #LOUD_PERCENTILE} quantile of its
 * short-term (3 s) loudness gated at -70 LUFS. A block is quiet when the 400 ms (momentary) or 3 s
 * (short-term) loudness centred on it is at least {@value #QUIET_LU} LU below that; runs of quiet
 * blocks are widened block by block while each block is itself that quiet, so the edges fall
 * within 100 ms of where the music stops and restarts. A run is a passage when it lasts at least
 * {@value #MIN_PASSAGE_S} s and has music on both sides: leading silence, a quiet intro, a fade-out
 * and trailing silence touch the file's edges and are never passages. Passages at most
 * {@value #JOIN_GAP_S} s apart are one passage (a hit between two silences). Each passage is then
 * classified:
 * <ul>
 *   <li>DIGITAL_SILENCE when at least {@value #SILENT_FRACTION} of its blocks are digitally silent;</li>
 *   <li>hiss when a steady noise floor is there: at least {@value #HISS_STEADY_FRACTION} of the
 *       non-silent blocks (and at least 0.5 s) are noise-like (ratio below
 *       {@value #NOISE_LIKE_RATIO}) with a floor within {@value #HISS_STEADY_DB} dB of the passage's
 *       low floor (its 20th percentile). A reverb tail is noise-like too but decays by several dB
 *       per 100 ms, so it is not steady and stays music;</li>
 *   <li>hum when, averaged over the 1 s windows inside the passage, the mains lines are at least
 *       10 dB above their local floor together, each counted line peaks on its frequency and is
 *       6 dB above its floor;</li>
 *   <li>otherwise QUIET_MUSIC.</li>
 * </ul>
 * Both hiss and hum are reported down to {@value #DETECT_MIN_DBFS} dBFS; whether they are audible
 * is for the finding rules to judge.
 *
 * <p>Memory: five numbers per 100 ms and 24 per 0.5 s (about 3 MB an hour, whatever the channel
 * count); no samples beyond the last {@value #DELAY_BLOCKS} + 1 blocks (0.6 s) and the running
 * 1 s Goertzel states.
 */
public final class QuietPassageFinder implements Analyser {
    static final double QUIET_LU = 20.0;
    static final double MIN_PASSAGE_S = 1.0;
    /** Passages at most this far apart are one passage. */
    static final double JOIN_GAP_S = 1.0;
    static final double LOUD_PERCENTILE = 0.90;
    static final double SILENCE_DBFS = -120.0;
    static final double SILENT_FRACTION = 0.9;
    static final double FLOOR_FROM_HZ = 300.0;
    static final double NOISE_LIKE_RATIO = 2.0;
    static final double HISS_STEADY_DB = 2.0;
    static final double HISS_STEADY_FRACTION = 0.4;
    static final double DETECT_MIN_DBFS = -110.0;
    static final double DECIMATE_LP_HZ = 400.0;
    private static final double ABSOLUTE_GATE_LUFS = -70.0;
    private static final int MOMENTARY_BLOCKS = 4, SHORT_TERM_BLOCKS = 30;
    /** The feature gate's allowance for the song getting louder later (see the class documentation). */
    static final double GATE_MARGIN_LU = 10.0;
    /** Blocks this quiet get their features whatever came before. */
    static final double GATE_ABSOLUTE_LUFS = -40.0;
    private static final double GATE_RELATIVE = Math.pow(10, (GATE_MARGIN_LU - QUIET_LU) / 10);
    private static final double GATE_ABSOLUTE_POWER = Math.pow(10, (GATE_ABSOLUTE_LUFS + 0.691) / 10);
    /** Hum is decimated from this many blocks before a possibly quiet block (window reach and warm-up) ... */
    static final int HUM_LEAD_BLOCKS = 5;
    /** ... to this many after it (window reach). */
    static final int HUM_TRAIL_BLOCKS = 3;
    /** Features of block j are computed once block j + DELAY_BLOCKS is in. */
    static final int DELAY_BLOCKS = HUM_LEAD_BLOCKS;
    private static final double SILENCE_PEAK = Math.pow(10, SILENCE_DBFS / 20);
    private static final double LN2 = Math.log(2);

    // Hum: two mains families, four harmonics each; per harmonic the Goertzel frequencies are the
    // line, half a bin either side, and 3 and 4 bins either side (the local floor).
    private static final double[] MAINS_HZ = {50, 60};
    private static final int HARMONICS = 4;
    private static final double[] OFFSETS_HZ = {0, -0.5, 0.5, -3, -4, 3, 4};
    private static final int LINES = MAINS_HZ.length * HARMONICS;
    private static final double HUM_WINDOW_S = 1.0;
    /** A counted line is this far above its local floor (6 dB) ... */
    private static final double LINE_OVER_FLOOR = 4.0;
    /** ... and a family's lines together this far (10 dB). */
    private static final double FAMILY_OVER_FLOOR = 10.0;

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

    // Per-block spectrum.
    private final int fftSize;
    // Single precision, like the other spectral analysers: they share one set of compiled FFT code.
    private final FloatFFT_1D fft;
    private final float[] fftBuf;
    private final double[] hann, binPower, selectBuf;
    private final double powerScale;
    private final int[] bandEdges;   // bin indices; band b is [edges[b], edges[b+1])
    private double blockFloor, blockRatio;   // noiseFloor()'s results

    // Per-block summaries.
    private final DoubleSeries kPower = new DoubleSeries();
    private final DoubleSeries rmsPower = new DoubleSeries();
    private final DoubleSeries silent = new DoubleSeries();
    private final DoubleSeries floorPower = new DoubleSeries();
    private final DoubleSeries tonalRatio = new DoubleSeries();

    // Hum: decimation and windowed Goertzel filters.
    private final Butterworth4[] decimators;
    private boolean decimating;
    private final int decimation;
    private final double decimatedRate;
    private final int humLength, humHop;
    private final double[] humWindow, goertzelCoeff;
    private final double humWindowSum;
    private final float[][] decimated;
    private long decimatedIndex;
    private long nextHumStart;
    private final ArrayDeque<HumWindow> openWindows = new ArrayDeque<>();
    /** Per finished window, per line: line power, larger half-bin neighbour, local floor (NaN: skipped). */
    private final DoubleSeries humSeries = new DoubleSeries();

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
        this.lazy = lazy;
        sampleRate = info.sampleRate();
        channels = info.channels();
        meter.addSubBlockListener((index, meanSquare) -> kPower.add(meanSquare));
        int maxBlock = (int) (boundary(1) + 2);
        ring = new float[DELAY_BLOCKS + 1][channels][maxBlock];
        ringLength = new int[DELAY_BLOCKS + 1];
        ringFirstFrame = new long[DELAY_BLOCKS + 1];
        blockEnd = boundary(1);

        fftSize = Integer.highestOneBit((int) (sampleRate / 10));
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        fft = new FloatFFT_1D(fftSize);
        hann = new double[fftSize];
        double w2 = 0;
        for (int i = 0; i < fftSize; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / fftSize);
            w2 += hann[i] * hann[i];
        }
        powerScale = 2.0 / (fftSize * w2);
        fftBuf = new float[fftSize];
        binPower = new double[fftSize / 2 + 1];
        selectBuf = new double[fftSize / 2 + 1];
        bandEdges = octaveBands(sampleRate, fftSize);

        decimation = Math.max(1, sampleRate / 2000);
        decimatedRate = sampleRate / (double) decimation;
        decimators = new Butterworth4[channels];
        for (int c = 0; c < channels; c++) decimators[c] = new Butterworth4(sampleRate, DECIMATE_LP_HZ);
        humLength = 2 * (int) Math.round(decimatedRate * HUM_WINDOW_S / 2);
        humHop = humLength / 2;
        humWindow = new double[humLength];
        double ws = 0;
        for (int i = 0; i < humLength; i++) {
            humWindow[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / humLength);
            ws += humWindow[i];
        }
        humWindowSum = ws;
        goertzelCoeff = new double[LINES * OFFSETS_HZ.length];
        for (int line = 0; line < LINES; line++) {
            double hz = lineHz(line);
            for (int o = 0; o < OFFSETS_HZ.length; o++) {
                goertzelCoeff[line * OFFSETS_HZ.length + o] = 2 * Math.cos(2 * Math.PI * (hz + OFFSETS_HZ[o]) / decimatedRate);
            }
        }
        decimated = new float[channels][maxBlock / decimation + 2];
    }

    private static double lineHz(int line) {
        return MAINS_HZ[line / HARMONICS] * (line % HARMONICS + 1);
    }

    /** Block k ends at round(k fs / 10), as in the loudness meter: exact at every rate. */
    private long boundary(long k) {
        return Math.round(k * sampleRate / 10.0);
    }

    /** Octave bands from FLOOR_FROM_HZ to Nyquist, the last one taking the remainder. */
    private static int[] octaveBands(int sampleRate, int n) {
        double df = sampleRate / (double) n;
        int nyquistBin = n / 2;
        List<Integer> edges = new ArrayList<>();
        int lo = Math.max(1, (int) Math.ceil(FLOOR_FROM_HZ / df));
        edges.add(lo);
        double f = FLOOR_FROM_HZ * 2;
        while (true) {
            int e = (int) Math.ceil(f / df);
            // A band that would leave fewer than 8 bins for the last one is merged into it.
            if (e >= nyquistBin - 8) break;
            edges.add(e);
            f *= 2;
        }
        edges.add(nyquistBin + 1);
        return edges.stream().mapToInt(Integer::intValue).toArray();
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
        if (kPower.size() <= blockIndex) throw new IllegalStateException("the loudness meter must see each block before the quiet-passage finder");
        float peak = 0;
        double rms = 0;
        for (int c = 0; c < channels; c++) {
            float[] ch = x[c];
            double squares = 0;
            for (int i = 0; i < len; i++) {
                squares += ch[i] * (double) ch[i];
                peak = Math.max(peak, Math.abs(ch[i]));
            }
            rms = Math.max(rms, squares / len);
        }
        rmsPower.add(rms);
        silent.add(peak < SILENCE_PEAK ? 1 : 0);
        // The momentary window of the previous block (blocks j-3..j) is now complete.
        maxMomentary = Math.max(maxMomentary, windowMean(blockIndex - 1, MOMENTARY_BLOCKS, blockIndex));
        fill = 0;
        blockIndex++;
        blockEnd = boundary(blockIndex + 1);
        if (blockIndex - nextFeatureBlock > DELAY_BLOCKS) features(nextFeatureBlock++, blockIndex - 1);
    }

    /**
     * A lower bound of the mean of the window of {@code size} blocks centred on block {@code m} as
     * {@link #findPassages()} takes it (clipped at the file's start), from the blocks up to
     * {@code last}: blocks not yet measured count as 0 and the window is not clipped at the end.
     */
    private double windowMean(long m, int size, long last) {
        if (m < 0) return 0;
        long from = Math.max(0, m - size / 2), to = m + size / 2;
        double sum = 0;
        for (long i = from, end = Math.min(to - 1, last); i <= end; i++) sum += kPower.get((int) i);
        return sum / (to - from);
    }

    /**
     * Whether block {@code m} can still turn out quiet, judged with the blocks up to {@code last}:
     * the lower bounds of its own, momentary and short-term mean squares against the gate (see the
     * class documentation).
     */
    private boolean mayBeQuiet(long m, long last, double gate) {
        double low = Math.min(kPower.get((int) m),
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
                noiseFloor(x[c], len);
                if (Double.isNaN(ratio) || blockFloor > floor) {
                    floor = blockFloor;
                    ratio = blockRatio;
                }
            }
        }
        // Skipped blocks stay NaN: never noise-like.
        floorPower.add(floor);
        tonalRatio.add(ratio);
        hum(x, len, ringFirstFrame[s], humNeeded);
    }

    /**
     * Sets {@link #blockFloor} (full-band noise-floor mean square) and {@link #blockRatio} (total /
     * floor power above FLOOR_FROM_HZ) of one channel's block.
     */
    private void noiseFloor(float[] x, int len) {
        int off = Math.max(0, (len - fftSize) / 2);
        for (int i = 0; i < fftSize; i++) fftBuf[i] = i + off < len ? (float) (x[i + off] * hann[i]) : 0f;
        fft.realForward(fftBuf);
        int half = fftSize / 2;
        binPower[0] = fftBuf[0] * (double) fftBuf[0];
        binPower[half] = fftBuf[1] * (double) fftBuf[1];
        for (int b = 1; b < half; b++) binPower[b] = fftBuf[2 * b] * (double) fftBuf[2 * b] + fftBuf[2 * b + 1] * (double) fftBuf[2 * b + 1];
        double floor = 0, total = 0, firstBandPsd = 0;
        for (int band = 0; band + 1 < bandEdges.length; band++) {
            int from = bandEdges[band], to = bandEdges[band + 1], count = to - from;
            System.arraycopy(binPower, from, selectBuf, 0, count);
            double median = median(selectBuf, count);
            double psd = median / LN2;
            if (band == 0) firstBandPsd = psd;
            floor += psd * count;
            for (int b = from; b < to; b++) total += binPower[b];
        }
        double ratio = floor > 0 ? total / floor : (total > 0 ? Double.POSITIVE_INFINITY : 1.0);
        double below = firstBandPsd * (bandEdges[0] - 1);
        blockFloor = (floor + below) * powerScale;
        blockRatio = ratio;
    }

    /** The median of a[0..n) (mean of the middle two for even n), reordering a: O(n) selection. */
    static double median(double[] a, int n) {
        int k = n / 2;
        double upper = select(a, n, k);
        if (n % 2 == 1) return upper;
        // select() leaves a[0..k) at most a[k]: the lower middle is their maximum.
        double lower = a[0];
        for (int i = 1; i < k; i++) lower = Math.max(lower, a[i]);
        return 0.5 * (lower + upper);
    }

    /** The k-th smallest of a[0..n) (Wirth's selection), leaving a[0..k) <= a[k] <= a[k+1..n). */
    private static double select(double[] a, int n, int k) {
        int l = 0, m = n - 1;
        while (l < m) {
            double x = a[k];
            int i = l, j = m;
            do {
                while (a[i] < x) i++;
                while (x < a[j]) j--;
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) l = i;
            if (k < i) m = j;
        }
        return a[k];
    }

    /**
     * Low-passes and decimates the block, feeding the open 1 s hum windows; when not
     * {@code needed}, only counts the decimated samples and marks the windows it touches skipped.
     */
    private void hum(float[][] x, int len, long firstFrame, boolean needed) {
        int produced;
        if (needed) {
            if (!decimating) {
                // Resuming after skipped blocks: start from rest (see the class documentation).
                for (Butterworth4 lp : decimators) lp.reset();
                decimating = true;
            }
            int first = (int) Math.floorMod(-firstFrame, (long) decimation);
            produced = 0;
            for (int c = 0; c < channels; c++) produced = decimators[c].decimate(x[c], len, first, decimation, decimated[c]);
        } else {
            decimating = false;
            produced = (int) (Math.floorDiv(firstFrame + len - 1, (long) decimation) - Math.floorDiv(firstFrame - 1, (long) decimation));
            for (HumWindow w : openWindows) w.skipped = true;
        }
        for (int j = 0; j < produced; j++) {
            if (decimatedIndex == nextHumStart) {
                openWindows.add(new HumWindow(decimatedIndex, !needed));
                nextHumStart += humHop;
            }
            if (needed) {
                for (HumWindow w : openWindows) if (!w.skipped) w.feed(decimated, j, (int) (decimatedIndex - w.start));
            }
            HumWindow first = openWindows.peekFirst();
            if (first != null && decimatedIndex - first.start == humLength - 1) {
                first.close();
                openWindows.removeFirst();
            }
            decimatedIndex++;
        }
    }

    /** Windowed Goertzel filters for one 1 s window, every channel and frequency. */
    private final class HumWindow {
        final long start;
        /** Some of its samples were skipped: its powers are recorded as NaN. */
        boolean skipped;
        double[][] s1, s2;

        HumWindow(long start, boolean skipped) {
            this.start = start;
            this.skipped = skipped;
            if (!skipped) {
                s1 = new double[channels][goertzelCoeff.length];
                s2 = new double[channels][goertzelCoeff.length];
            }
        }

        void feed(float[][] x, int j, int i) {
            double w = humWindow[i];
            for (int c = 0; c < channels; c++) {
                double v = x[c][j] * w;
                double[] a = s1[c], b = s2[c];
                for (int k = 0; k < goertzelCoeff.length; k++) {
                    double s0 = v + goertzelCoeff[k] * a[k] - b[k];
                    b[k] = a[k];
                    a[k] = s0;
                }
            }
        }

        void close() {
            if (skipped) {
                for (int i = 0; i < 3 * LINES; i++) humSeries.add(Double.NaN);
                return;
            }
            // 2 |X|^2 / (sum w)^2 reads a sine at the bin frequency as its mean square (A^2 / 2).
            double scale = 2.0 / (humWindowSum * humWindowSum);
            int m = OFFSETS_HZ.length;
            for (int line = 0; line < LINES; line++) {
                double bestLine = 0, bestSide = 0, bestFloor = 0, bestExcess = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < channels; c++) {
                    double[] p = new double[m];
                    for (int o = 0; o < m; o++) {
                        int k = line * m + o;
                        double a = s1[c][k], b = s2[c][k];
                        p[o] = Math.max(0, a * a + b * b - goertzelCoeff[k] * a * b) * scale;
                    }
                    double floor = (p[3] + p[4] + p[5] + p[6]) / 4;
                    if (p[0] - floor > bestExcess) {
                        bestExcess = p[0] - floor;
                        bestLine = p[0];
                        bestSide = Math.max(p[1], p[2]);
                        bestFloor = floor;
                    }
                }
                humSeries.add(bestLine);
                humSeries.add(bestSide);
                humSeries.add(bestFloor);
            }
        }
    }

    @Override
    public void finish() {
        // A trailing partial block is dropped, as the loudness meter drops it.
        while (nextFeatureBlock < blockIndex) features(nextFeatureBlock++, blockIndex - 1);
        result = List.copyOf(findPassages());
    }

    /** The passages found, in time order; available after {@link #finish()}. */
    public List<QuietPassage> result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }

    private List<QuietPassage> findPassages() {
        int n = kPower.size();
        double[] k = kPower.toArray();
        double loud = loudLevel(k);
        List<QuietPassage> out = new ArrayList<>();
        if (Double.isNaN(loud)) return out;
        double thr = loud - QUIET_LU;
        boolean[] quiet = new boolean[n];
        for (int i = 0; i < n; i++) {
            quiet[i] = lufs(mean(k, i - MOMENTARY_BLOCKS / 2, i + MOMENTARY_BLOCKS / 2)) <= thr
                    || lufs(mean(k, i - SHORT_TERM_BLOCKS / 2, i + SHORT_TERM_BLOCKS / 2)) <= thr;
        }
        // The centred windows reach into the music at a passage's edges; widen by single blocks.
        for (int i = 0; i + 1 < n; i++) if (quiet[i] && lufs(k[i + 1]) <= thr) quiet[i + 1] = true;
        for (int i = n - 1; i > 0; i--) if (quiet[i] && lufs(k[i - 1]) <= thr) quiet[i - 1] = true;

        int minBlocks = (int) Math.round(MIN_PASSAGE_S * 10);
        int joinBlocks = (int) Math.round(JOIN_GAP_S * 10);
        int[] pending = null;   // {a, b}: the passage being built, described once nothing more joins it
        for (int i = 0; i < n; ) {
            if (!quiet[i]) { i++; continue; }
            int a = i;
            while (i < n && quiet[i]) i++;
            int b = i;   // exclusive
            if (a == 0 || b == n || b - a < minBlocks) continue;
            // A hit between two silences does not make two stops of one: the passage spans both,
            // and its level and content are measured over the whole, hit included.
            if (pending != null && a - pending[1] <= joinBlocks) {
                pending[1] = b;
                continue;
            }
            if (pending != null) out.add(describe(pending[0], pending[1], k, quiet));
            pending = new int[]{a, b};
        }
        if (pending != null) out.add(describe(pending[0], pending[1], k, quiet));
        return out;
    }

    /** The {@value #LOUD_PERCENTILE} quantile of gated short-term loudness (momentary for files under 3 s). */
    private static double loudLevel(double[] k) {
        int window = k.length >= SHORT_TERM_BLOCKS ? SHORT_TERM_BLOCKS : MOMENTARY_BLOCKS;
        DoubleSeries values = new DoubleSeries();
        double sum = 0;
        for (int i = 0; i < k.length; i++) {
            sum += k[i];
            if (i >= window) sum -= k[i - window];
            if (i >= window - 1) {
                double l = lufs(Math.max(0, sum) / window);
                if (l > ABSOLUTE_GATE_LUFS) values.add(l);
            }
        }
        if (values.size() == 0) return Double.NaN;
        double[] v = values.toArray();
        Arrays.sort(v);
        return v[(int) Math.round((v.length - 1) * LOUD_PERCENTILE)];
    }

    private QuietPassage describe(int a, int b, double[] k, boolean[] quiet) {
        int len = b - a;
        double startS = boundary(a) / (double) sampleRate, endS = boundary(b) / (double) sampleRate;
        // The music around it: up to 3 s either side, not counting other quiet blocks.
        double around = 0;
        int aroundN = 0;
        for (int i = Math.max(0, a - SHORT_TERM_BLOCKS); i < Math.min(k.length, b + SHORT_TERM_BLOCKS); i++) {
            if (i >= a && i < b || quiet[i]) continue;
            around += k[i];
            aroundN++;
        }
        double surrounding = aroundN > 0 ? lufs(around / aroundN) : Double.NaN;

        int silentBlocks = 0;
        double rms = 0;
        for (int i = a; i < b; i++) {
            silentBlocks += (int) silent.get(i);
            rms += rmsPower.get(i);
        }
        if (silentBlocks >= SILENT_FRACTION * len) {
            return new QuietPassage(startS, endS, Double.NaN, surrounding, QuietPassage.Content.DIGITAL_SILENCE,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double loudness = lufs(mean(k, a, b));
        double level = 10 * Math.log10(rms / len);
        double hiss = hiss(a, b, len - silentBlocks);
        double[] hum = hum(startS, endS);
        boolean hasHiss = !Double.isNaN(hiss), hasHum = !Double.isNaN(hum[0]);
        QuietPassage.Content content = hasHiss && hasHum ? QuietPassage.Content.HISS_AND_HUM
                : hasHiss ? QuietPassage.Content.HISS
                : hasHum ? QuietPassage.Content.HUM
                : QuietPassage.Content.QUIET_MUSIC;
        return new QuietPassage(startS, endS, loudness, surrounding, content, level, hiss, hum[0], hum[1]);
    }

    /** The steady noise floor of blocks a..b in dBFS, or NaN when there is none. */
    private double hiss(int a, int b, int nonSilent) {
        DoubleSeries floors = new DoubleSeries();
        for (int i = a; i < b; i++) {
            if (silent.get(i) == 0 && tonalRatio.get(i) <= NOISE_LIKE_RATIO && floorPower.get(i) > 0) {
                floors.add(10 * Math.log10(floorPower.get(i)));
            }
        }
        int minBlocks = Math.max(5, (int) Math.ceil(HISS_STEADY_FRACTION * nonSilent));
        if (floors.size() < minBlocks) return Double.NaN;
        double[] sorted = floors.toArray();
        Arrays.sort(sorted);
        double low = sorted[(int) Math.round((sorted.length - 1) * 0.2)];
        double sum = 0;
        int steady = 0;
        for (double f : sorted) {
            if (Math.abs(f - low) <= HISS_STEADY_DB) {
                sum += Math.pow(10, f / 10);
                steady++;
            }
        }
        if (steady < minBlocks) return Double.NaN;
        double db = 10 * Math.log10(sum / steady);
        return db >= DETECT_MIN_DBFS ? db : Double.NaN;
    }

    /** {mains Hz, hum level dBFS} over the 1 s windows inside startS..endS, or NaNs. */
    private double[] hum(double startS, double endS) {
        int windows = humSeries.size() / (3 * LINES);
        double hopS = humHop / decimatedRate, lengthS = humLength / decimatedRate;
        double[] line = new double[LINES], side = new double[LINES], floor = new double[LINES];
        int used = 0, best = -1;
        double bestOverlap = 0;
        for (int w = 0; w < windows; w++) {
            double ws = w * hopS, we = ws + lengthS;
            double overlap = Math.min(we, endS) - Math.max(ws, startS);
            if (overlap > bestOverlap) { bestOverlap = overlap; best = w; }
            if (ws >= startS - 0.1 && we <= endS + 0.1) {
                addWindow(w, line, side, floor);
                used++;
            }
        }
        // A passage shorter than a window plus a hop may hold none whole: take the best-covered one.
        if (used == 0 && best >= 0 && bestOverlap >= 0.75 * lengthS) {
            addWindow(best, line, side, floor);
            used = 1;
        }
        double[] none = {Double.NaN, Double.NaN};
        if (used == 0) return none;
        double bestPower = 0, bestHz = Double.NaN;
        for (int f = 0; f < MAINS_HZ.length; f++) {
            double lines = 0, floors = 0;
            boolean strong = false;
            for (int h = 0; h < HARMONICS; h++) {
                int l = f * HARMONICS + h;
                floors += floor[l];
                // A line counts when it stands above its floor and peaks on the mains frequency itself.
                if (line[l] >= LINE_OVER_FLOOR * floor[l] && line[l] >= side[l] && line[l] > 0) {
                    lines += line[l] - floor[l];
                    if (line[l] >= FAMILY_OVER_FLOOR * floor[l]) strong = true;
                }
            }
            if (strong && lines >= FAMILY_OVER_FLOOR * floors && lines / used > bestPower) {
                bestPower = lines / used;
                bestHz = MAINS_HZ[f];
            }
        }
        if (Double.isNaN(bestHz)) return none;
        double db = 10 * Math.log10(bestPower);
        return db >= DETECT_MIN_DBFS ? new double[]{bestHz, db} : none;
    }

    private void addWindow(int w, double[] line, double[] side, double[] floor) {
        int base = w * 3 * LINES;
        for (int l = 0; l < LINES; l++) {
            line[l] += humSeries.get(base + 3 * l);
            side[l] += humSeries.get(base + 3 * l + 1);
            floor[l] += humSeries.get(base + 3 * l + 2);
        }
    }

    /** Mean of x[from..to) clipped to the array; 0 when empty. */
    private static double mean(double[] x, int from, int to) {
        from = Math.max(0, from);
        to = Math.min(x.length, to);
        if (to <= from) return 0;
        double s = 0;
        for (int i = from; i < to; i++) s += x[i];
        return s / (to - from);
    }

    /** BS.1770 loudness of a mean square: -0.691 + 10 log10(power). */
    private static double lufs(double power) {
        return power > 0 ? -0.691 + 10 * Math.log10(power) : Double.NEGATIVE_INFINITY;
    }

    /**
     * 4th-order Butterworth low-pass (two biquads, Q 0.5412 and 1.3066, bilinear transform with
     * pre-warping), enough to keep music above 1.7 kHz from aliasing onto the hum lines after
     * decimation to about 2 kHz (more than 50 dB down).
     */
    private static final class Butterworth4 {
        private final double p0, p1, p2, p3, p4, q0, q1, q2, q3, q4;   // the two sections' b0 b1 b2 a1 a2
        private double pz0, pz1, qz0, qz1;

        Butterworth4(double fs, double hz) {
            double[][] c = new double[2][5];
            double[] qs = {0.54119610, 1.30656296};
            for (int s = 0; s < 2; s++) {
                double w = 2 * Math.PI * hz / fs, cos = Math.cos(w), alpha = Math.sin(w) / (2 * qs[s]);
                double a0 = 1 + alpha;
                c[s][0] = (1 - cos) / 2 / a0;
                c[s][1] = (1 - cos) / a0;
                c[s][2] = (1 - cos) / 2 / a0;
                c[s][3] = -2 * cos / a0;
                c[s][4] = (1 - alpha) / a0;
            }
            p0 = c[0][0]; p1 = c[0][1]; p2 = c[0][2]; p3 = c[0][3]; p4 = c[0][4];
            q0 = c[1][0]; q1 = c[1][1]; q2 = c[1][2]; q3 = c[1][3]; q4 = c[1][4];
        }

        /** Back to rest, as after silence. */
        void reset() {
            pz0 = pz1 = qz0 = qz1 = 0;
        }

        /** Filters x[0..n) and writes every step-th output from index first to out; returns the count. */
        int decimate(float[] x, int n, int first, int step, float[] out) {
            double a0 = pz0, a1 = pz1, b0 = qz0, b1 = qz1;
            int p = 0;
            for (int i = 0, next = first; i < n; i++) {
                double v = x[i];
                double y = p0 * v + a0;
                a0 = p1 * v - p3 * y + a1;
                a1 = p2 * v - p4 * y;
                // Flush the decay after a stop to zero before it turns into slow subnormals.
                if (Math.abs(a0) < 1e-30) a0 = 0;
                if (Math.abs(a1) < 1e-30) a1 = 0;
                double z = q0 * y + b0;
                b0 = q1 * y - q3 * z + b1;
                b1 = q2 * y - q4 * z;
                if (Math.abs(b0) < 1e-30) b0 = 0;
                if (Math.abs(b1) < 1e-30) b1 = 0;
                if (i == next) {
                    out[p++] = (float) z;
                    next += step;
                }
            }
            pz0 = a0; pz1 = a1; qz0 = b0; qz1 = b1;
            return p;
        }
    }
}
