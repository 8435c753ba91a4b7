package dev.signoff.analysis.sections;

import dev.signoff.analysis.Decibels;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.StreamInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds a song's sections (intro, verse, chorus... though it names them only A, B, C) from the
 * audio alone, as a listener of the shared {@link Stft}: it pays for no FFT of its own.
 *
 * <p>Method (after Foote 2000, "Automatic audio segmentation using a measure of audio novelty",
 * with the features of Müller 2015, "Fundamentals of Music Processing", ch. 3-4):
 * <ol>
 *   <li>Per STFT frame (about 170 ms): timbre as the log power in {@value #BANDS} log-spaced bands
 *       from 40 Hz to 16 kHz with the frame's mean log power removed (a cepstrum-free MFCC: the
 *       spectral shape without the level), a 12-bin chroma (Bartsch and Wakefield 2001: power of the
 *       bins from 80 Hz to 5 kHz folded onto pitch classes, normalised to sum 1, so harmony counts
 *       and level does not), and the level itself (the loudness contour). These {@value #FEATURES}
 *       floats per frame are all that is kept of the stream.</li>
 *   <li>Leading and trailing silence is cut off, and runs of at least {@value #MIN_QUIET_S} s more
 *       than {@value #QUIET_BELOW_DB} dB below the loud parts (a stop, a break) become quiet sections
 *       of their own: their edges are boundaries whatever the novelty says, since a full stop is the
 *       plainest change a song has, and no minimum length applies to them. Stops with less than a
 *       minimum section of music between them are one stop, and a stop that close to the start or
 *       end of the music is part of the intro or the ending.</li>
 *   <li>Each feature is standardised robustly over the audible frames (median, median absolute
 *       deviation) and soft-limited to {@value #CLIP} spreads, so a sparse intro or a fade does not
 *       set the scale for the verses and choruses; the three groups are weighted to count alike
 *       (chroma by {@value #W_CHROMA}: within a part it moves with every chord).</li>
 *   <li>Analysis frames of {@value #STEP_S} s (about a beat at 120 BPM; longer for files of over
 *       {@value #MAX_FRAMES} of them, to cap the cost), each the mean over {@value #CONTEXT_S} s around
 *       it for timbre and level (a bar: kick, snare and hats average out) and over
 *       {@value #CHROMA_CONTEXT_S} s for chroma (a chord progression).</li>
 *   <li>Novelty: the self-similarity of the analysis frames near the diagonal (a Gaussian of their
 *       Euclidean distance, one half at the song's median distance within the kernel's reach),
 *       correlated with a Gaussian-tapered checkerboard kernel {@value #KERNEL_S} s wide. Each
 *       quadrant is a weighted mean rather than a sum, so the curve needs no padding at the ends and
 *       reads "similarity within minus similarity across".</li>
 *   <li>Boundaries: local maxima above an adaptive threshold (the song's median novelty plus
 *       {@value #PEAK_MADS} median absolute deviations, at least {@value #MIN_NOVELTY}), taken
 *       strongest first, at least {@value #MIN_SECTION_S} s from each other and from the quiet
 *       sections and ends; each is then moved to the STFT frame within one analysis frame that best
 *       separates the {@value #REFINE_WINDOW_S} s before from the {@value #REFINE_WINDOW_S} s after,
 *       so the resolution is one STFT frame rather than one analysis frame.</li>
 *   <li>Labels: agglomerative clustering (average linkage) of the sections' mean features,
 *       merging while the Euclidean distance stays below {@value #LABEL_DISTANCE} times the typical
 *       distance between analysis frames; neighbours with the same label are one section (then
 *       labelled again); letters in order of first appearance.</li>
 *   <li>Energy rank by level, and the chorus: the repeated label with the most energy
 *       ({@link SectionsResult}).</li>
 * </ol>
 *
 * <p>Input: the spectra of every frame; channels are averaged in power, so mono and stereo files
 * read alike. Output: {@link SectionsResult}. Memory: {@value #FEATURES} floats per STFT frame
 * (about 2.6 MB per hour at 48 kHz, at most {@value #STORED_FRAMES} frames), and in {@link #finish} a band of the self-similarity matrix of
 * at most {@value #MAX_FRAMES} frames by twice the kernel. Parameters and limits: docs/sections.md.
 */
public final class SectionFinder implements Stft.Listener {
    // Parameters: the reasons and what other values did on the test songs and real music are in
    // docs/sections.md ("Parameters", "Measured"); the methods cited in the class comment.
    /** Log-spaced timbre bands, a cepstrum-free MFCC's resolution (Müller 2015, ch. 3: 12-20 bands). */
    static final int BANDS = 18;
    /** Hz: the timbre bands' range (the top at most 0.45 of the sample rate, under the anti-alias filter). */
    static final double BANDS_LO_HZ = 40, BANDS_HI_HZ = 16_000;
    /** Of the sample rate: the highest timbre band's top, where a resampler's anti-alias filter still passes. */
    static final double BANDS_TOP_OF_RATE = 0.45;
    /** Hz: the bins folded onto pitch classes, the range of bass notes to the upper partials of melodies (Bartsch and Wakefield 2001). */
    static final double CHROMA_LO_HZ = 80, CHROMA_HI_HZ = 5_000;
    static final int FEATURES = BANDS + 12 + 1;
    /** dB under the loud parts (LOUD_PERCENTILE of the frames' levels): quieter frames are quiet (a stop, not a quiet verse). */
    static final double QUIET_BELOW_DB = 40;
    /** Rank, 0-1, of the frame level taken as "the loud parts" (the 95th percentile: a few peaks do not set it). */
    static final double LOUD_PERCENTILE = 0.95;
    /** s: the shortest run of quiet frames that is a stop. */
    static final double MIN_QUIET_S = 1.0;
    /** dBFS: below this a frame is silent whatever the rest of the file does (below 16-bit dither). */
    static final double SILENCE_DBFS = -90;
    /** dB under the quiet level: the floor added to band powers before the log, so silence has a finite timbre. */
    static final double LOG_FLOOR_DB = -20;
    /** Share of the window's power: a last frame with less (a sliver of audio) is not put on the timeline. */
    static final double MIN_FRAME_WEIGHT = 0.25;
    /** s: the analysis frame, about a beat at 120 BPM (boundaries are refined to one STFT frame afterwards). */
    static final double STEP_S = 0.5;
    /** Analysis frames at most: longer files get longer frames, to cap the cost of the self-similarity. */
    static final int MAX_FRAMES = 1000;
    /** s: the checkerboard kernel's width (Foote 2000): past a bar's ups and downs, within an 8 s intro. */
    static final double KERNEL_S = 12;
    /** s: each analysis frame's features are averaged over this much around it (a bar at 120 BPM). */
    static final double CONTEXT_S = 2;
    /** Robust spreads: standardised features are soft-limited to this many. */
    static final double CLIP = 3;
    /** Median absolute deviations to standard deviations for normal data (Rousseeuw and Croux 1993). */
    static final double MAD_TO_SD = 1.4826;
    /** s: boundaries are refined by comparing this much before and after each candidate STFT frame. */
    static final double REFINE_WINDOW_S = 1.0;
    /**
     * s: chroma is averaged over longer: it changes with every chord, and only the harmony of a whole
     * progression (commonly 4 bars, 8 s at 120 BPM) tells one part from another (Müller's CENS
     * features smooth over several seconds for the same reason).
     */
    static final double CHROMA_CONTEXT_S = 8;
    /**
     * s: two bars down to about 75 BPM (the finder knows no tempo): shorter pieces of real songs are
     * fills, hits and builds, not parts. An 8 s outro whose fade is cut off still fits.
     */
    static final double MIN_SECTION_S = 6.5;
    /** Median absolute deviations over the median novelty: a peak must pass this to be a boundary. */
    static final double PEAK_MADS = 2.5;
    /** The least novelty a boundary needs whatever the song's statistics (similarity units, 0-2). */
    static final double MIN_NOVELTY = 0.15;
    /** Times the typical distance between analysis frames: sections nearer than this share a label. */
    static final double LABEL_DISTANCE = 0.8;
    /** Weights of timbre, chroma and level after each group is scaled to unit total variance. */
    static final double W_TIMBRE = 1.0, W_CHROMA = 0.5, W_LEVEL = 1.0;

    private final Stft stft;
    private final int channels;
    /** Seconds a stored frame stands for: the STFT's hop, doubled each time the frames are merged in pairs. */
    private double hopS;
    private final double scale;
    private final int[] bandLo, bandHi;
    private final int chromaLo, chromaHi;
    private final byte[] pitchClass;
    /** Linear powers per STFT frame: bands, chroma, total. */
    private float[] frames = new float[FEATURES * 1024];
    private int count;
    /**
     * Memory independent of the file's length: at most this many frames (11.6 minutes at 48 kHz, 0.5 MB)
     * are kept; beyond, neighbouring frames are merged (their mean powers) and hopS doubles, so a long
     * file's sections are found on a coarser grid. The analysis frames are coarser than these from 8
     * minutes on anyway ({@value #MAX_FRAMES} of them), and a cap reached this early keeps the heap of
     * a 24-hour check as small as that of a long song.
     */
    static final int STORED_FRAMES = 1 << 12;
    private int stride = 1;
    private final double[] pending = new double[FEATURES];
    private int pendingCount;
    private final float[] row = new float[FEATURES];
    private final double[] chroma = new double[12];
    /** Where the audio ends, s: the last frame is partly padding, and no section may run past the file. */
    private double audioEndS;
    private final double sampleRate;
    private SectionsResult result;

    public SectionFinder(StreamInfo info, Stft stft) {
        this.stft = stft;
        channels = info.channels();
        int n = stft.size();
        double binHz = stft.binHz();
        sampleRate = info.sampleRate();
        hopS = n / sampleRate;
        scale = stft.powerScale() / channels;
        bandLo = new int[BANDS];
        bandHi = new int[BANDS];
        double top = Math.min(BANDS_HI_HZ, BANDS_TOP_OF_RATE * info.sampleRate());
        for (int b = 0; b < BANDS; b++) {
            double lo = BANDS_LO_HZ * Math.pow(top / BANDS_LO_HZ, b / (double) BANDS);
            double hi = BANDS_LO_HZ * Math.pow(top / BANDS_LO_HZ, (b + 1) / (double) BANDS);
            bandLo[b] = Math.max(1, (int) Math.round(lo / binHz));
            bandHi[b] = Math.max(bandLo[b] + 1, (int) Math.round(hi / binHz));
        }
        chromaLo = (int) Math.ceil(CHROMA_LO_HZ / binHz);
        chromaHi = Math.min(n / 2 - 1, (int) Math.floor(CHROMA_HI_HZ / binHz));
        pitchClass = new byte[chromaHi + 1];
        for (int k = chromaLo; k <= chromaHi; k++) {
            long midi = Math.round(69 + 12 * Math.log(k * binHz / 440) / Math.log(2));
            pitchClass[k] = (byte) Math.floorMod(midi, 12);
        }
    }

    /** Frames held now (for the memory tests). */
    int storedFrames() { return count; }

    @Override
    public void frame(float[][] spectra, long startFrame, int validFrames) {
        double weight = stft.windowPowerFraction(validFrames);
        audioEndS = Math.max(audioEndS, (startFrame + validFrames) / sampleRate);
        // A sliver of a last frame says too little to be worth a place on the timeline.
        if (weight < MIN_FRAME_WEIGHT) return;
        int half = stft.size() / 2;
        double total = 0;
        float[] power = stft.power(spectra);
        for (int k = 1; k < half; k++) total += power[k];
        double g = scale / weight;
        for (int b = 0; b < BANDS; b++) {
            double sum = 0;
            for (int k = bandLo[b], end = Math.min(bandHi[b], half); k < end; k++) sum += power[k];
            row[b] = (float) (sum * g);
        }
        Arrays.fill(chroma, 0);
        for (int k = chromaLo; k <= chromaHi; k++) chroma[pitchClass[k]] += power[k];
        for (int c = 0; c < 12; c++) row[BANDS + c] = (float) (chroma[c] * g);
        row[BANDS + 12] = (float) (total * g);
        for (int f = 0; f < FEATURES; f++) pending[f] += row[f];
        if (++pendingCount == stride) storePending();
    }

    /** Stores the mean of the pending frames, merging the stored ones in pairs first when they are at the limit. */
    private void storePending() {
        if (count == STORED_FRAMES) {
            for (int i = 0; i < count / 2; i++) {
                for (int f = 0; f < FEATURES; f++) {
                    frames[i * FEATURES + f] = 0.5f * (frames[2 * i * FEATURES + f] + frames[(2 * i + 1) * FEATURES + f]);
                }
            }
            count /= 2;
            stride *= 2;
            hopS *= 2;
            if (pendingCount < stride && !finishing) return;   // half of a frame of the new size
        }
        if ((count + 1) * FEATURES > frames.length) frames = Arrays.copyOf(frames, frames.length * 2);
        for (int f = 0; f < FEATURES; f++) {
            frames[count * FEATURES + f] = (float) (pending[f] / pendingCount);
            pending[f] = 0;
        }
        pendingCount = 0;
        count++;
    }

    private boolean finishing;

    @Override
    public void finish() {
        finishing = true;
        if (pendingCount > 0) storePending();
        result = analyse();
        frames = null;
    }

    public SectionsResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }

    // ---------------------------------------------------------------------------------------------

    private double level(int i) {
        return 10 * Math.log10(frames[i * FEATURES + BANDS + 12] + 1e-30);
    }

    private SectionsResult analyse() {
        if (count == 0) return SectionsResult.empty();
        double[] level = new double[count];
        for (int i = 0; i < count; i++) level[i] = level(i);
        double[] sorted = level.clone();
        Arrays.sort(sorted);
        double loudRef = sorted[(int) (LOUD_PERCENTILE * (count - 1))];
        double quietDb = Math.max(loudRef - QUIET_BELOW_DB, SILENCE_DBFS);
        boolean[] quiet = new boolean[count];
        for (int i = 0; i < count; i++) quiet[i] = level[i] < quietDb;
        int first = 0, last = count;
        while (first < count && quiet[first]) first++;
        while (last > first && quiet[last - 1]) last--;
        if (first >= last) return SectionsResult.empty();

        int minSection = Math.max(1, (int) Math.round(MIN_SECTION_S / hopS));
        List<int[]> stops = stops(quiet, first, last, minSection);
        // Music intervals between the stops.
        List<int[]> music = new ArrayList<>();
        int start = first;
        for (int[] stop : stops) {
            music.add(new int[]{start, stop[0]});
            start = stop[1];
        }
        music.add(new int[]{start, last});

        float[][] z = standardised(first, last, quietDb, quiet);
        int step = Math.max(1, (int) Math.round(STEP_S / hopS));
        int musicFrames = 0;
        for (int[] m : music) musicFrames += m[1] - m[0];
        step = Math.max(step, (int) Math.ceil(musicFrames / (double) MAX_FRAMES));
        double stepS = step * hopS;
        int half = Math.max(1, (int) Math.round(KERNEL_S / 2 / stepS));

        List<int[]> spans = new ArrayList<>();   // {start, end, quiet?1:0} in STFT frames
        // One threshold for the whole song: a short stretch after a stop has too few frames for
        // statistics of its own.
        List<double[]> novelties = new ArrayList<>();
        double[] pooled = new double[count / step + 1];
        int pooledCount = 0;
        for (int[] m : music) {
            double[] nov = novelty(z, m[0], m[1], step, half, minSection);
            novelties.add(nov);
            if (nov == null) continue;
            System.arraycopy(nov, 0, pooled, pooledCount, nov.length);
            pooledCount += nov.length;
        }
        double threshold = MIN_NOVELTY;
        if (pooledCount > 0) {
            double median = median(pooled, pooledCount);
            double[] dev = new double[pooledCount];
            for (int k = 0; k < pooledCount; k++) dev[k] = Math.abs(pooled[k] - median);
            threshold = Math.max(MIN_NOVELTY, median + PEAK_MADS * median(dev, pooledCount));
        }
        for (int mi = 0; mi < music.size(); mi++) {
            int[] m = music.get(mi);
            for (int[] seg : split(z, m[0], m[1], novelties.get(mi), threshold, step, minSection)) spans.add(new int[]{seg[0], seg[1], 0});
            if (mi < stops.size()) spans.add(new int[]{stops.get(mi)[0], stops.get(mi)[1], 1});
        }
        String[] labels = label(z, spans);
        // Neighbours that are the same part are one section; merging changes the sections' means,
        // so label again until nothing merges (each round removes at least one span).
        while (mergeRepeats(spans, labels)) labels = label(z, spans);
        List<Section> sections = new ArrayList<>();
        for (int s = 0; s < spans.size(); s++) {
            int[] sp = spans.get(s);
            double p = 0;
            for (int i = sp[0]; i < sp[1]; i++) p += frames[i * FEATURES + BANDS + 12];
            p /= (sp[1] - sp[0]);
            sections.add(new Section(sp[0] * hopS, Math.min(sp[1] * hopS, audioEndS), labels[s], sp[2] == 1,
                    Decibels.power(p), Double.NaN, 0, false));
        }
        return SectionsResult.judge(sections);
    }

    /**
     * The stops among STFT frames [first, last): runs of at least {@value #MIN_QUIET_S} s of quiet
     * frames, as {start, end}. Stops with less than a minimum section of music between them are one
     * stop (a hit or a breath between two silences is not a part of the song), and a stop with
     * less than that between it and the first or last audible frame is not one: it belongs to the
     * intro or the ending (a pickup hit then silence, a last hit after the final chord).
     */
    private List<int[]> stops(boolean[] quiet, int first, int last, int minSection) {
        int minQuiet = Math.max(1, (int) Math.ceil(MIN_QUIET_S / hopS));
        List<int[]> stops = new ArrayList<>();
        for (int i = first; i < last; ) {
            if (!quiet[i]) { i++; continue; }
            int j = i;
            while (j < last && quiet[j]) j++;
            if (j - i >= minQuiet) {
                int[] previous = stops.isEmpty() ? null : stops.get(stops.size() - 1);
                if (previous != null && i - previous[1] < minSection) previous[1] = j;
                else stops.add(new int[]{i, j});
            }
            i = j;
        }
        stops.removeIf(stop -> stop[0] - first < minSection || last - stop[1] < minSection);
        return stops;
    }

    /**
     * Joins neighbouring spans that carry the same label (quiet spans never join); returns whether
     * any did. The labels array is left stale: the caller labels the new spans again.
     */
    private static boolean mergeRepeats(List<int[]> spans, String[] labels) {
        boolean merged = false;
        List<int[]> out = new ArrayList<>();
        String previous = null;
        for (int s = 0; s < spans.size(); s++) {
            int[] sp = spans.get(s);
            if (sp[2] == 0 && labels[s].equals(previous)) {
                out.get(out.size() - 1)[1] = sp[1];
                merged = true;
                continue;
            }
            out.add(sp);
            previous = sp[2] == 0 ? labels[s] : null;
        }
        spans.clear();
        spans.addAll(out);
        return merged;
    }

    /** Per-frame feature vectors, standardised over the audible frames and weighted by group. */
    private float[][] standardised(int first, int last, double quietDb, boolean[] quiet) {
        double floor = Math.pow(10, (quietDb + LOG_FLOOR_DB) / 10);
        float[][] x = new float[count][FEATURES];
        for (int i = first; i < last; i++) {
            int base = i * FEATURES;
            double meanLog = 0;
            for (int b = 0; b < BANDS; b++) {
                x[i][b] = (float) (10 * Math.log10(frames[base + b] + floor));
                meanLog += x[i][b];
            }
            meanLog /= BANDS;
            for (int b = 0; b < BANDS; b++) x[i][b] -= (float) meanLog;
            double cs = 0;
            for (int c = 0; c < 12; c++) cs += frames[base + BANDS + c];
            for (int c = 0; c < 12; c++) x[i][BANDS + c] = cs > 0 ? (float) (frames[base + BANDS + c] / cs) : 1f / 12;
            x[i][BANDS + 12] = (float) (10 * Math.log10(frames[base + BANDS + 12] + floor));
        }
        // Statistics of the audible frames only, and robust ones (median, median absolute
        // deviation): an intro or a stop unlike everything else would otherwise set the scale and
        // shrink the differences between the parts that matter, the verses and choruses.
        int n = 0;
        for (int i = first; i < last; i++) if (!quiet[i]) n++;
        double[] col = new double[n];
        for (int d = 0; d < FEATURES; d++) {
            int k = 0;
            for (int i = first; i < last; i++) if (!quiet[i]) col[k++] = x[i][d];
            Arrays.sort(col);
            double median = col[n / 2];
            for (int i = 0; i < n; i++) col[i] = Math.abs(col[i] - median);
            Arrays.sort(col);
            double spread = MAD_TO_SD * col[n / 2];
            double group = d < BANDS ? W_TIMBRE / Math.sqrt(BANDS) : d < BANDS + 12 ? W_CHROMA / Math.sqrt(12) : W_LEVEL;
            if (spread < 1e-6) {
                for (int i = first; i < last; i++) x[i][d] = 0;
                continue;
            }
            // Soft limit at a few spreads: a fade or a sparse intro is far from the rest whatever the
            // exact distance, and would otherwise look unlike itself as its level keeps falling.
            for (int i = first; i < last; i++) x[i][d] = (float) (group * CLIP * Math.tanh((x[i][d] - median) / spread / CLIP));
        }
        return x;
    }

    /**
     * Novelty of STFT frames [from, to) averaged into analysis frames of {@code step}, one value per
     * analysis frame (the boundary before it); null when the stretch is too short to split.
     */
    private double[] novelty(float[][] z, int from, int to, int step, int half, int minSection) {
        int n = (to - from) / step;
        if (n < 4 || to - from < 2 * minSection) return null;
        float[][] y = new float[n][];
        int ctx = Math.max(0, (int) Math.round(CONTEXT_S / 2 / (step * hopS)));
        int chromaCtx = Math.max(0, (int) Math.round(CHROMA_CONTEXT_S / 2 / (step * hopS)));
        for (int k = 0; k < n; k++) {
            int a = Math.max(0, k - ctx), b = Math.min(n, k + ctx + 1);
            y[k] = mean(z, from + a * step, from + b * step);
            a = Math.max(0, k - chromaCtx);
            b = Math.min(n, k + chromaCtx + 1);
            float[] c = mean(z, from + a * step, from + b * step);
            System.arraycopy(c, BANDS, y[k], BANDS, 12);
        }
        return novelty(y, half);
    }

    /** Splits STFT frames [from, to) at the novelty peaks above the threshold; returns the pieces. */
    private List<int[]> split(float[][] z, int from, int to, double[] nov, double threshold, int step, int minSection) {
        List<int[]> out = new ArrayList<>();
        if (nov == null) {
            out.add(new int[]{from, to});
            return out;
        }
        int n = nov.length;
        List<Integer> peaks = new ArrayList<>();
        for (int k = 1; k < n; k++) {
            if (nov[k] < threshold) continue;
            boolean max = true;
            for (int j = Math.max(1, k - 2); j <= Math.min(n - 1, k + 2) && max; j++) max = nov[j] <= nov[k] && (j >= k || nov[j] < nov[k]);
            if (max) peaks.add(k);
        }
        peaks.sort((a, b) -> Double.compare(nov[b], nov[a]));
        List<Integer> cuts = new ArrayList<>();
        for (int k : peaks) {
            int f = refine(z, from + k * step, step, from, to);
            if (f - from < minSection || to - f < minSection) continue;
            boolean far = true;
            for (int c : cuts) far &= Math.abs(c - f) >= minSection;
            if (far) cuts.add(f);
        }
        cuts.sort(Integer::compare);
        int a = from;
        for (int c : cuts) {
            out.add(new int[]{a, c});
            a = c;
        }
        out.add(new int[]{a, to});
        return out;
    }

    /**
     * The STFT frame within half an analysis frame of {@code at} that best separates about a second
     * before it from a second after it (Euclidean distance of the mean standardised features).
     */
    private int refine(float[][] z, int at, int step, int from, int to) {
        int w = Math.max(2, (int) Math.round(REFINE_WINDOW_S / hopS));
        int r = step + 1;
        int best = at;
        double bestD = -1;
        for (int f = Math.max(from + 1, at - r); f <= Math.min(to - 1, at + r); f++) {
            float[] before = mean(z, Math.max(from, f - w), f), after = mean(z, f, Math.min(to, f + w));
            double d = 0;
            for (int i = 0; i < FEATURES; i++) d += (before[i] - after[i]) * (double) (before[i] - after[i]);
            if (d > bestD) {
                bestD = d;
                best = f;
            }
        }
        return best;
    }

    /**
     * Foote's novelty: for a boundary before analysis frame i, the Gaussian-weighted mean
     * similarity within the frames before, plus within the frames after, minus twice that across.
     * Self-pairs are left out, as they are similar by definition and would favour short stretches.
     */
    double[] novelty(float[][] y, int half) {
        int n = y.length;
        double sigma = half / 2.0;
        double[] g = new double[half + 1];
        for (int a = 1; a <= half; a++) g[a] = Math.exp(-0.5 * Math.pow((a - 0.5) / sigma, 2));
        // Band of the self-similarity matrix: sim[i][d] for frames i and i + d, d < 2 * half.
        int width = 2 * half;
        float[][] sim = new float[n][width];
        double[] all = new double[n * width];
        int cnt = 0;
        for (int i = 0; i < n; i++) {
            for (int d = 1; d < width && i + d < n; d++) all[cnt++] = sim[i][d] = (float) distance2(y[i], y[i + d]);
        }
        // Similarity falls off with distance on the song's own scale: half at the median distance
        // between frames within the kernel's reach.
        double med = Math.max(1e-12, median(all, cnt));
        frameDistance2 = frameDistance2 == 0 ? med : Math.min(frameDistance2, med);
        for (int i = 0; i < n; i++) for (int d = 1; d < width && i + d < n; d++) sim[i][d] = (float) Math.exp(-Math.log(2) * sim[i][d] / med);
        double[] nov = new double[n];
        for (int i = 1; i < n; i++) {
            double bb = 0, wbb = 0, aa = 0, waa = 0, ba = 0, wba = 0;
            for (int a = 1; a <= half && i - a >= 0; a++) {
                int p = i - a;
                for (int b = a + 1; b <= half && i - b >= 0; b++) {
                    double wt = g[a] * g[b];
                    bb += wt * sim[i - b][b - a];
                    wbb += wt;
                }
                for (int b = 1; b <= half && i + b - 1 < n; b++) {
                    double wt = g[a] * g[b];
                    ba += wt * sim[p][a + b - 1];
                    wba += wt;
                }
            }
            for (int a = 1; a <= half && i + a - 1 < n; a++) {
                for (int b = a + 1; b <= half && i + b - 1 < n; b++) {
                    double wt = g[a] * g[b];
                    aa += wt * sim[i + a - 1][b - a];
                    waa += wt;
                }
            }
            if (wba == 0) continue;
            // A side with a single frame has no pairs: count it as perfectly steady.
            double within = (wbb > 0 ? bb / wbb : 1) + (waa > 0 ? aa / waa : 1);
            nov[i] = within - 2 * ba / wba;
        }
        return nov;
    }

    /**
     * Labels the spans: quiet ones {@link Section#QUIET_LABEL}, the others by average-linkage
     * clustering of their mean features, letters in order of appearance.
     */
    private String[] label(float[][] z, List<int[]> spans) {
        int n = spans.size();
        List<Integer> idx = new ArrayList<>();
        List<float[]> vec = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (spans.get(s)[2] == 1) continue;
            idx.add(s);
            vec.add(mean(z, spans.get(s)[0], spans.get(s)[1]));
        }
        int m = idx.size();
        double[][] dist = new double[m][m];
        double scale = Math.sqrt(frameDistance2);
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) dist[i][j] = Math.sqrt(distance2(vec.get(i), vec.get(j))) / scale;
        // Clusters as lists of members; average linkage.
        List<List<Integer>> clusters = new ArrayList<>();
        for (int i = 0; i < m; i++) clusters.add(new ArrayList<>(List.of(i)));
        while (clusters.size() > 1) {
            double best = Double.MAX_VALUE;
            int bi = -1, bj = -1;
            for (int i = 0; i < clusters.size(); i++) {
                for (int j = i + 1; j < clusters.size(); j++) {
                    double d = 0;
                    for (int a : clusters.get(i)) for (int b : clusters.get(j)) d += dist[a][b];
                    d /= clusters.get(i).size() * clusters.get(j).size();
                    if (d < best) {
                        best = d;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (best > LABEL_DISTANCE) break;
            clusters.get(bi).addAll(clusters.remove(bj));
        }
        int[] cluster = new int[m];
        for (int c = 0; c < clusters.size(); c++) for (int i : clusters.get(c)) cluster[i] = c;
        String[] labels = new String[n];
        Arrays.fill(labels, Section.QUIET_LABEL);
        String[] byCluster = new String[clusters.size()];
        int next = 0;
        for (int i = 0; i < m; i++) {
            if (byCluster[cluster[i]] == null) byCluster[cluster[i]] = letter(next++);
            labels[idx.get(i)] = byCluster[cluster[i]];
        }
        return labels;
    }

    /** Typical squared distance between analysis frames within the kernel's reach. */
    private double frameDistance2;

    private static double median(double[] v, int n) {
        double[] c = Arrays.copyOf(v, n);
        Arrays.sort(c);
        return n == 0 ? 0 : c[n / 2];
    }

    private static double distance2(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        return s;
    }

    private static String letter(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : "" + (char) ('A' + i % 26) + (i / 26 + 1);
    }

    private static float[] mean(float[][] z, int from, int to) {
        float[] m = new float[FEATURES];
        for (int i = from; i < to; i++) for (int d = 0; d < FEATURES; d++) m[d] += z[i][d];
        if (to > from) for (int d = 0; d < FEATURES; d++) m[d] /= (to - from);
        return m;
    }

}
