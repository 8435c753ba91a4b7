package dev.signoff.analysis.diff;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.FloatFFT_1D;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Lines two versions of a mix up in time, to the sample, before they are compared.
 *
 * <p>Inputs: the {@link BounceSketch} of each version (onset envelopes from the first pass) and
 * the files themselves, of which a few seconds are read again. Output: an {@link Alignment}.
 *
 * <p>Method, coarse to fine:
 * <ol>
 *   <li>Coarse: the cross-correlation of the two onset envelopes (each smoothed over five frames,
 *       so that the two versions' frame grids, offset by a fraction of a frame, do not matter, and
 *       less its moving average over about a second; computed with an FFT), over every lag at which the versions overlap by at
 *       least half the shorter one. The envelope ignores gain and EQ (see {@link BounceSketch}), so
 *       the peak stands where the shared music lines up; its resolution is one envelope frame (about
 *       20 ms). A song repeats itself, so the {@value #CANDIDATES} highest peaks are kept, best first.</li>
 *   <li>Fine: the generalised cross-correlation with phase transform (GCC-PHAT; Knapp and Carter
 *       1976, "The generalized correlation method for estimation of time delay", IEEE Trans. ASSP
 *       24(4)) of {@value #EXCERPT_S} s of each channel, taken where the old version has the most
 *       onsets within its first {@value #EXCERPT_SEARCH_S} s of shared music, the new excerpt widened
 *       by {@value #MARGIN_S} s on each side of the coarse lag. The phase transform whitens the
 *       cross-spectrum (each bin keeps only its phase) between {@value #PHAT_LO_HZ} Hz and
 *       {@value #PHAT_HI_HZ} Hz, so an EQ change does not shift or blur the peak, and the peak of a
 *       pure delay is one sample wide. The channels' magnitudes are added, so a channel whose
 *       polarity was flipped still counts. The peak's position is the lag to the sample.</li>
 * </ol>
 * The candidates are refined in turn until one gives a peak over {@value #CONFIDENT_PEAK_RATIO}
 * times the mean around it (shared audio); otherwise the clearest wins, an earlier candidate unless a
 * later one is clearly (20 %) clearer, since a loop repeated exactly refines alike at every repeat.
 * When none is clear (the peak under
 * {@value #MIN_PEAK_RATIO} times the mean around it: the versions share little of their waveform,
 * e.g. a re-recorded part or a different tempo) the best coarse lag is kept and
 * {@link Alignment#refined()} is false.
 */
final class BounceAligner {
    static final double EXCERPT_S = 6;
    static final double EXCERPT_SEARCH_S = 120;
    static final double MARGIN_S = 0.1;
    static final double PHAT_LO_HZ = 100, PHAT_HI_HZ = 12_000;
    static final double MIN_PEAK_RATIO = 8;
    /** A refinement this clear ends the search: shared audio gives hundreds, repeated drums a few tens at most. */
    static final double CONFIDENT_PEAK_RATIO = 100;
    /** The versions must overlap by at least this share of the shorter one. */
    static final double MIN_OVERLAP_SHARE = 0.5;
    /** The onset envelopes are detrended over this many frames (about a second at 20 ms). */
    static final int DETREND_FRAMES = 51;
    /** Coarse lags tried in turn, best first, until one refines to a clear peak. */
    static final int CANDIDATES = 3;

    private BounceAligner() {}

    /** Aligns {@code newer} against {@code older}; both must have the same sample rate. */
    public static Alignment align(BounceSketch older, BounceSketch newer) throws IOException {
        int fs = older.info().sampleRate();
        if (newer.info().sampleRate() != fs) throw new IllegalArgumentException("sample rates differ");
        int hop = older.hopFrames();
        int[] candidates = coarseLags(older.flux(), newer.flux(), CANDIDATES);
        Alignment best = null;
        for (int candidate : candidates) {
            Alignment a = refine(older, newer, (long) candidate * hop);
            if (a.refined() && a.peakRatio() >= CONFIDENT_PEAK_RATIO) return a;
            // A later candidate must refine clearly better to beat an earlier one: exact loops refine alike.
            if (best == null || (a.refined() && (!best.refined() || a.peakRatio() > 1.2 * best.peakRatio()))) best = a;
        }
        return best != null ? best : new Alignment(0, fs, 0, Double.NaN, false);
    }

    /** GCC-PHAT around one coarse lag. */
    private static Alignment refine(BounceSketch older, BounceSketch newer, long coarse) throws IOException {
        int fs = older.info().sampleRate(), hop = older.hopFrames();
        int n = Integer.highestOneBit((int) Math.min(Integer.MAX_VALUE / 4, Math.round(EXCERPT_S * fs)));
        int margin = (int) Math.round(MARGIN_S * fs) + hop;
        long overlapStart = Math.max(0, -coarse), overlapEnd = Math.min(older.frames(), newer.frames() - coarse);
        if (overlapEnd - overlapStart < n + 2L * margin) return new Alignment(coarse, fs, coarse, Double.NaN, false);
        long start = busiestStart(older, overlapStart + margin, Math.min(overlapEnd - n - margin, overlapStart + (long) (EXCERPT_SEARCH_S * fs)), n);
        List<float[][]> excerpts = VersionDiff.inParallel(() -> excerpt(older.file(), start, n),
                () -> excerpt(newer.file(), start + coarse - margin, n + 2 * margin));
        float[][] a = excerpts.get(0), b = excerpts.get(1);
        double[] peak = gccPhat(a, b, 2 * margin, fs);
        if (!(peak[1] >= MIN_PEAK_RATIO)) return new Alignment(coarse, fs, coarse, peak[1], false);
        long lag = coarse - margin + Math.round(peak[0]);
        return new Alignment(lag, fs, coarse, peak[1], true);
    }

    /**
     * The {@code count} best lags in envelope frames (new minus old), best first: the highest local
     * maxima of the cross-correlation, at least {@value #DETREND_FRAMES} frames apart.
     */
    static int[] coarseLags(float[] x, float[] y, int count) {
        int nx = x.length, ny = y.length;
        if (nx == 0 || ny == 0) return new int[]{0};
        int m = Integer.highestOneBit(nx + ny) * 2;
        double[] a = centred(x, m), b = centred(y, m);
        DoubleFFT_1D fft = new DoubleFFT_1D(m);
        fft.realForward(a);
        fft.realForward(b);
        // conj(A) * B, packed layout: [0] and [1] are the real DC and Nyquist terms.
        double[] r = new double[m];
        r[0] = a[0] * b[0];
        r[1] = a[1] * b[1];
        for (int k = 1; k < m / 2; k++) {
            double ar = a[2 * k], ai = a[2 * k + 1], br = b[2 * k], bi = b[2 * k + 1];
            r[2 * k] = ar * br + ai * bi;
            r[2 * k + 1] = ar * bi - ai * br;
        }
        fft.realInverse(r, true);
        int minOverlap = (int) Math.ceil(MIN_OVERLAP_SHARE * Math.min(nx, ny));
        java.util.List<Integer> found = new java.util.ArrayList<>();
        for (int k = 0; k < count; k++) {
            int best = Integer.MIN_VALUE;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int lag = -(nx - 1); lag <= ny - 1; lag++) {
                int overlap = Math.min(nx, ny - lag) - Math.max(0, -lag);
                if (overlap < minOverlap) continue;
                boolean taken = false;
                for (int f : found) if (Math.abs(f - lag) < DETREND_FRAMES) taken = true;
                if (taken) continue;
                double v = r[lag >= 0 ? lag : m + lag];
                if (v > bestValue) {
                    bestValue = v;
                    best = lag;
                }
            }
            if (best == Integer.MIN_VALUE) break;
            found.add(best);
        }
        if (found.isEmpty()) return new int[]{0};
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The envelope less its moving average over {@value #DETREND_FRAMES} frames, zero-padded to
     * {@code size}: what is left are the onsets themselves, sharp in time, without the slow swell of
     * the song's sections (which correlates over seconds and would blunt the peak).
     */
    static double[] centred(float[] x, int size) {
        // Smoothed first with a 5-frame triangle, so an onset counts alike whichever side of a frame
        // edge it falls: the two versions' frame grids are offset by a fraction of a frame.
        double[] smooth = new double[x.length];
        double[] kernel = {1, 2, 3, 2, 1};
        for (int i = 0; i < x.length; i++) {
            double v = 0, w = 0;
            for (int k = -2; k <= 2; k++) {
                if (i + k < 0 || i + k >= x.length) continue;
                v += kernel[k + 2] * x[i + k];
                w += kernel[k + 2];
            }
            smooth[i] = v / w;
        }
        double[] out = new double[size];
        int h = DETREND_FRAMES / 2;
        double sum = 0;
        int lo = 0, hi = -1;
        for (int i = 0; i < x.length; i++) {
            while (hi < Math.min(x.length - 1, i + h)) sum += smooth[++hi];
            while (lo < i - h) sum -= smooth[lo++];
            out[i] = smooth[i] - sum / (hi - lo + 1);
        }
        return out;
    }

    /** The start (in samples, within [from, to]) of the {@code length}-sample window of the old version with the most onsets. */
    static long busiestStart(BounceSketch s, long from, long to, int length) {
        int hop = s.hopFrames();
        int first = (int) Math.ceil(from / (double) hop), last = (int) Math.min(s.flux().length, (to / hop));
        int w = Math.max(1, length / hop);
        if (last <= first) return Math.max(0, from);
        double sum = 0;
        for (int i = first; i < Math.min(first + w, s.flux().length); i++) sum += s.flux()[i];
        double best = sum;
        int bestStart = first;
        for (int i = first + 1; i <= last && i + w - 1 < s.flux().length; i++) {
            sum += s.flux()[i + w - 1] - s.flux()[i - 1];
            if (sum > best) {
                best = sum;
                bestStart = i;
            }
        }
        return (long) bestStart * hop;
    }

    /** {@code length} samples of the compared channels from {@code start} (zeros outside the file). */
    static float[][] excerpt(Path file, long start, int length) throws IOException {
        float[][] out = new float[2][length];
        try (AudioReader reader = AudioDecoders.open(file)) {
            int[] pick = PairedReader.comparedChannels(reader.info());
            AudioBlock block;
            while ((block = reader.read(65_536)) != null) {
                long b0 = block.startFrame(), b1 = b0 + block.frames();
                if (b1 <= start) continue;
                if (b0 >= start + length) break;
                long from = Math.max(b0, start), to = Math.min(b1, start + length);
                for (int c = 0; c < 2; c++) {
                    System.arraycopy(block.channel(pick[c]), (int) (from - b0), out[c], (int) (from - start), (int) (to - from));
                }
            }
        }
        return out;
    }

    /** One channel's phase-transformed cross-correlation (bins {@code lo..hi} only), or null when it is silent. */
    private static float[] phatCorrelation(FloatFFT_1D fft, int m, float[] a, float[] b, int lo, int hi) {
        float[] x = Arrays.copyOf(a, m), y = Arrays.copyOf(b, m);
        fft.realForward(x);
        fft.realForward(y);
        double maxMag = 0;
        double[] mag = new double[m / 2];
        for (int k = lo; k <= hi; k++) {
            double xr = x[2 * k], xi = x[2 * k + 1], yr = y[2 * k], yi = y[2 * k + 1];
            mag[k] = Math.hypot(xr * yr + xi * yi, xr * yi - xi * yr);
            maxMag = Math.max(maxMag, mag[k]);
        }
        if (maxMag == 0) return null;
        // Bins with next to nothing in them carry noise, not phase: leave them out.
        double floor = maxMag * 1e-9;
        float[] r = new float[m];
        for (int k = lo; k <= hi; k++) {
            if (mag[k] > floor) {
                double xr = x[2 * k], xi = x[2 * k + 1], yr = y[2 * k], yi = y[2 * k + 1];
                r[2 * k] = (float) ((xr * yr + xi * yi) / mag[k]);
                r[2 * k + 1] = (float) ((xr * yi - xi * yr) / mag[k]);
            }
        }
        fft.realInverse(r, true);
        return r;
    }

    /**
     * GCC-PHAT of {@code a} against {@code b} (b longer by {@code span}), summed over channels in
     * magnitude: returns {peak position in 0..span with parabolic interpolation, peak / mean of the rest}.
     */
    static double[] gccPhat(float[][] a, float[][] b, int span, int sampleRate) throws IOException {
        int m = Integer.highestOneBit(b[0].length - 1) * 2;
        double binHz = sampleRate / (double) m;
        int lo = Math.max(1, (int) Math.ceil(PHAT_LO_HZ / binHz));
        int hi = Math.min(m / 2 - 1, (int) Math.floor(Math.min(PHAT_HI_HZ, 0.45 * sampleRate) / binHz));
        // The two channels on two cores, with one plan: its tables (2^19 points for 6 s at 48 kHz)
        // cost about a fifth of a transform to make, and the transforms only read them.
        FloatFFT_1D fft = new FloatFFT_1D(m);
        List<float[]> channels = VersionDiff.inParallel(() -> phatCorrelation(fft, m, a[0], b[0], lo, hi),
                () -> a.length > 1 ? phatCorrelation(fft, m, a[1], b[1], lo, hi) : null);
        double[] detection = new double[span + 1];
        for (float[] r : channels) {
            if (r == null) continue;
            for (int k = 0; k <= span; k++) detection[k] += Math.abs(r[k]);
        }
        int best = 0;
        for (int k = 1; k <= span; k++) if (detection[k] > detection[best]) best = k;
        double rest = 0;
        int count = 0;
        for (int k = 0; k <= span; k++) {
            if (Math.abs(k - best) <= 2) continue;
            rest += detection[k];
            count++;
        }
        double ratio = count == 0 || rest == 0 ? (detection[best] > 0 ? Double.POSITIVE_INFINITY : Double.NaN) : detection[best] / (rest / count);
        double position = best;
        if (best > 0 && best < span) {
            double l = detection[best - 1], c = detection[best], r = detection[best + 1];
            double d = l - 2 * c + r;
            if (d < 0) position = best + 0.5 * (l - r) / d;
        }
        return new double[]{position, ratio};
    }
}
