package dev.signoff.analysis.quiet;

import dev.signoff.analysis.DoubleSeries;
import dev.signoff.analysis.SpillingSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the quiet passages in a finished song's block summaries and says what is left in each.
 *
 * <p>The song's loud level is the {@value #LOUD_PERCENTILE} quantile of its short-term (3 s)
 * loudness gated at {@value #ABSOLUTE_GATE_LUFS} LUFS. A block is quiet when the 400 ms
 * (momentary) or 3 s (short-term) loudness centred on it is at least {@value #QUIET_LU} LU below
 * that; runs of quiet blocks are widened block by block while each block is itself that quiet, so
 * the edges fall within 100 ms of where the music stops and restarts. A run is a passage when it
 * lasts at least {@value #MIN_PASSAGE_S} s and has music on both sides: leading silence, a quiet
 * intro, a fade-out and trailing silence touch the file's edges and are never passages. Passages
 * at most {@value #JOIN_GAP_S} s apart are one passage (a hit between two silences). Each passage
 * is then classified:
 * <ul>
 *   <li>DIGITAL_SILENCE when at least {@value #SILENT_FRACTION} of its blocks are digitally silent;</li>
 *   <li>hiss when a steady noise floor is there: at least {@value #HISS_STEADY_FRACTION} of the
 *       non-silent blocks (and at least {@value #HISS_MIN_BLOCKS} blocks) are noise-like (ratio
 *       below {@value #NOISE_LIKE_RATIO}) with a floor within {@value #HISS_STEADY_DB} dB of the
 *       passage's low floor (its {@value #LOW_FLOOR_PERCENTILE} quantile). A reverb tail is
 *       noise-like too but decays by several dB per 100 ms, so it is not steady and stays music;</li>
 *   <li>hum when the {@link HumMeter} finds a mains family standing out over the passage;</li>
 *   <li>otherwise QUIET_MUSIC.</li>
 * </ul>
 * Both hiss and hum are reported down to {@value #DETECT_MIN_DBFS} dBFS; whether they are audible
 * is for the finding rules to judge. The numbers are explained in docs/findings.md ("Quiet
 * passages"), which cites this class.
 *
 * <p>Memory: it reads the summaries through {@link SpillingSeries#get}, and the loud level is an
 * exact quantile found in rounds of at most {@value #QUANTILE_MEMORY} values, so a day-long file
 * needs no more heap than a song.
 */
final class PassageClassifier {
    // Parameters. Input: the finder's BlockSummaries and HumMeter. Output: the passages. "Chosen
    // for this finder" means set on the generated test songs with a stop, hiss and hum
    // (QuietPassageFinderTest, and the calibration in docs/findings.md, which cites each number).
    /** LU below the song's loud level: a stop or breakdown, not a quieter verse. Chosen for this finder. */
    static final double QUIET_LU = 20.0;
    /** s: a shorter dip is a gap between notes, not a passage. Chosen for this finder. */
    static final double MIN_PASSAGE_S = 1.0;
    /** s: passages at most this far apart are one passage (a hit between two silences). Chosen for this finder. */
    static final double JOIN_GAP_S = 1.0;
    /** The song's loud level: this quantile of its short-term loudness (the loud choruses, not the peak). Chosen for this finder. */
    static final double LOUD_PERCENTILE = 0.90;
    /** LUFS: the absolute gate of ITU-R BS.1770-4 and EBU Tech 3342 (loudness range). */
    static final double ABSOLUTE_GATE_LUFS = -70.0;
    /** 100 ms blocks in the momentary (400 ms) and short-term (3 s) windows of EBU Tech 3341. */
    static final int MOMENTARY_BLOCKS = 4, SHORT_TERM_BLOCKS = 30;
    /** Share of a passage's blocks that are digital silence for it to be DIGITAL_SILENCE. Chosen for this finder. */
    static final double SILENT_FRACTION = 0.9;
    /** Power ratio: a block is noise-like below this (1 for white noise; 3 dB of tonal excess at most). Chosen for this finder. */
    static final double NOISE_LIKE_RATIO = 2.0;
    /** dB: a steady floor's blocks lie this close to the passage's low floor (a reverb tail falls several dB a block). Chosen for this finder. */
    static final double HISS_STEADY_DB = 2.0;
    /** Share of the non-silent blocks that must be steady noise for hiss. Chosen for this finder. */
    static final double HISS_STEADY_FRACTION = 0.4;
    /** Blocks: at least this many steady noise blocks (0.5 s) for hiss. Chosen for this finder. */
    static final int HISS_MIN_BLOCKS = 5;
    /** The passage's low floor: this quantile of its noise-like blocks' floors. Chosen for this finder. */
    static final double LOW_FLOOR_PERCENTILE = 0.2;
    /** dBFS: hiss and hum below this are not reported (24-bit noise lies far under it). */
    static final double DETECT_MIN_DBFS = -110.0;
    /** Values held at once while finding the loud level's quantile (512 KiB). */
    static final int QUANTILE_MEMORY = 65_536;

    private final int sampleRate;
    private final BlockSummaries blocks;
    private final HumMeter hum;
    private final SpillingSeries k;
    private final int n;
    private final int quantileMemory;

    /** @param quantileMemory values held at once for the loud level (QUANTILE_MEMORY but in tests) */
    PassageClassifier(int sampleRate, BlockSummaries blocks, HumMeter hum, int quantileMemory) {
        this.quantileMemory = quantileMemory;
        this.sampleRate = sampleRate;
        this.blocks = blocks;
        this.hum = hum;
        this.k = blocks.kPower;
        this.n = (int) k.size();
    }

    /** Block k ends at round(k fs / 10), as in the loudness meter: exact at every rate. */
    static long boundary(long k, int sampleRate) {
        return Math.round(k * sampleRate / 10.0);
    }

    /** The passages in time order. */
    List<QuietPassage> passages() {
        double loud = loudLevel();
        List<QuietPassage> out = new ArrayList<>();
        if (Double.isNaN(loud)) return out;
        double thr = loud - QUIET_LU;
        boolean[] quiet = new boolean[n];
        for (int i = 0; i < n; i++) {
            quiet[i] = lufs(mean(i - MOMENTARY_BLOCKS / 2, i + MOMENTARY_BLOCKS / 2)) <= thr
                    || lufs(mean(i - SHORT_TERM_BLOCKS / 2, i + SHORT_TERM_BLOCKS / 2)) <= thr;
        }
        // The centred windows reach into the music at a passage's edges; widen by single blocks.
        for (int i = 0; i + 1 < n; i++) if (quiet[i] && lufs(k.get(i + 1)) <= thr) quiet[i + 1] = true;
        for (int i = n - 1; i > 0; i--) if (quiet[i] && lufs(k.get(i - 1)) <= thr) quiet[i - 1] = true;

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
            if (pending != null) out.add(describe(pending[0], pending[1], quiet));
            pending = new int[]{a, b};
        }
        if (pending != null) out.add(describe(pending[0], pending[1], quiet));
        return out;
    }

    /** The {@value #LOUD_PERCENTILE} quantile of gated short-term loudness (momentary for files under 3 s); NaN when all is gated. */
    private double loudLevel() {
        int window = n >= SHORT_TERM_BLOCKS ? SHORT_TERM_BLOCKS : MOMENTARY_BLOCKS;
        long count = 0;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        GatedLoudness values = new GatedLoudness(window);
        while (values.hasNext()) {
            double l = values.next();
            count++;
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        if (count == 0) return Double.NaN;
        return kthSmallest(Math.round((count - 1) * LOUD_PERCENTILE), window, min, max);
    }

    /**
     * The k-th smallest (from 0) gated short-term loudness among those in [lo, hi]. When they fit
     * in quantileMemory (any song) they are sorted; else a histogram of their range finds the bin
     * holding the k-th and the search goes on in that bin. Each round reads the summaries again and
     * narrows the range by the bin count.
     */
    private double kthSmallest(long rank, int window, double lo, double hi) {
        final int bins = 1024;
        while (true) {
            long inRange = 0;
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (GatedLoudness v = new GatedLoudness(window); v.hasNext(); ) {
                double l = v.next();
                if (l < lo || l > hi) continue;
                inRange++;
                min = Math.min(min, l);
                max = Math.max(max, l);
            }
            if (min == max) return min;
            if (inRange <= quantileMemory) {
                double[] values = new double[(int) inRange];
                int i = 0;
                for (GatedLoudness v = new GatedLoudness(window); v.hasNext(); ) {
                    double l = v.next();
                    if (l >= lo && l <= hi) values[i++] = l;
                }
                Arrays.sort(values);
                return values[(int) rank];
            }
            double width = (max - min) / bins;
            long[] histogram = new long[bins];
            for (GatedLoudness v = new GatedLoudness(window); v.hasNext(); ) {
                double l = v.next();
                if (l >= lo && l <= hi) histogram[bin(l, min, width, bins)]++;
            }
            int b = 0;
            while (rank >= histogram[b]) rank -= histogram[b++];
            // bin() puts l in b exactly when min + b width <= l < min + (b + 1) width (the last bin up to max).
            lo = min + b * width;
            hi = b == bins - 1 ? max : Math.nextDown(min + (b + 1) * width);
        }
    }

    /** The bin of l: by the edges min + i width, so that it agrees with comparisons against them. */
    private static int bin(double l, double min, double width, int bins) {
        int b = (int) Math.min(bins - 1, Math.max(0, (l - min) / width));
        while (b > 0 && l < min + b * width) b--;
        while (b < bins - 1 && l >= min + (b + 1) * width) b++;
        return b;
    }

    /** The gated loudness of every full window of {@code window} blocks, in order, as a running sum. */
    private final class GatedLoudness {
        private final int window;
        private int i;
        private double sum, nextValue;
        private boolean ready;

        GatedLoudness(int window) {
            this.window = window;
        }

        boolean hasNext() {
            while (!ready && i < n) {
                sum += k.get(i);
                if (i >= window) sum -= k.get(i - window);
                if (i >= window - 1) {
                    double l = lufs(Math.max(0, sum) / window);
                    if (l > ABSOLUTE_GATE_LUFS) {
                        nextValue = l;
                        ready = true;
                    }
                }
                i++;
            }
            return ready;
        }

        double next() {
            ready = false;
            return nextValue;
        }
    }

    private QuietPassage describe(int a, int b, boolean[] quiet) {
        int len = b - a;
        double startS = boundary(a, sampleRate) / (double) sampleRate, endS = boundary(b, sampleRate) / (double) sampleRate;
        // The music around it: up to 3 s either side, not counting other quiet blocks.
        double around = 0;
        int aroundN = 0;
        for (int i = Math.max(0, a - SHORT_TERM_BLOCKS); i < Math.min(n, b + SHORT_TERM_BLOCKS); i++) {
            if (i >= a && i < b || quiet[i]) continue;
            around += k.get(i);
            aroundN++;
        }
        double surrounding = aroundN > 0 ? lufs(around / aroundN) : Double.NaN;

        int silentBlocks = 0;
        double rms = 0;
        for (int i = a; i < b; i++) {
            silentBlocks += (int) blocks.silent.get(i);
            rms += blocks.rmsPower.get(i);
        }
        if (silentBlocks >= SILENT_FRACTION * len) {
            return new QuietPassage(startS, endS, Double.NaN, surrounding, QuietPassage.Content.DIGITAL_SILENCE,
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double loudness = lufs(mean(a, b));
        double level = 10 * Math.log10(rms / len);
        double hiss = hiss(a, b, len - silentBlocks);
        double[] mains = hum.hum(startS, endS);
        if (!(mains[1] >= DETECT_MIN_DBFS)) mains = new double[]{Double.NaN, Double.NaN};
        boolean hasHiss = !Double.isNaN(hiss), hasHum = !Double.isNaN(mains[0]);
        QuietPassage.Content content = hasHiss && hasHum ? QuietPassage.Content.HISS_AND_HUM
                : hasHiss ? QuietPassage.Content.HISS
                : hasHum ? QuietPassage.Content.HUM
                : QuietPassage.Content.QUIET_MUSIC;
        return new QuietPassage(startS, endS, loudness, surrounding, content, level, hiss, mains[0], mains[1]);
    }

    /** The steady noise floor of blocks a..b in dBFS, or NaN when there is none. */
    private double hiss(int a, int b, int nonSilent) {
        DoubleSeries floors = new DoubleSeries();
        for (int i = a; i < b; i++) {
            double floor = blocks.floorPower.get(i);
            if (blocks.silent.get(i) == 0 && blocks.tonalRatio.get(i) <= NOISE_LIKE_RATIO && floor > 0) {
                floors.add(10 * Math.log10(floor));
            }
        }
        int minBlocks = Math.max(HISS_MIN_BLOCKS, (int) Math.ceil(HISS_STEADY_FRACTION * nonSilent));
        if (floors.size() < minBlocks) return Double.NaN;
        double[] sorted = floors.toArray();
        Arrays.sort(sorted);
        double low = sorted[(int) Math.round((sorted.length - 1) * LOW_FLOOR_PERCENTILE)];
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

    /** Mean of the K-weighted powers of blocks [from, to) clipped to the song; 0 when empty. */
    private double mean(int from, int to) {
        from = Math.max(0, from);
        to = Math.min(n, to);
        if (to <= from) return 0;
        double s = 0;
        for (int i = from; i < to; i++) s += k.get(i);
        return s / (to - from);
    }

    /** BS.1770 loudness of a mean square: -0.691 + 10 log10(power). */
    static double lufs(double power) {
        return power > 0 ? -0.691 + 10 * Math.log10(power) : Double.NEGATIVE_INFINITY;
    }
}
