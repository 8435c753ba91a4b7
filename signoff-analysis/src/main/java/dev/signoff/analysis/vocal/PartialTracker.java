package dev.signoff.analysis.vocal;

/**
 * Follows the partials of consecutive short STFT frames and tells how much of their power glides
 * (a voice's vibrato and portamento) and how much holds its frequency (keyboards, synths, plucked
 * and struck strings). A simplified fluctogram (Lehner, Widmer and Sonnleitner 2014): instead of
 * cross-correlating bands, each partial is matched to the nearest one of the two frames before.
 *
 * <p>A partial is a local maximum of the frame's power spectrum in the tracked bins, at least
 * {@value #PROMINENCE_DB} dB over the median of those bins and within {@value #RANGE_DB} dB of
 * the frame's strongest; its frequency is refined by a parabola through the log powers of its bin and
 * the two beside it. It glides when, followed over three frames (each step to the nearest partial
 * within {@value #MATCH_BINS} bins), it moved the same way twice by more than {@value #MIN_STEP} and
 * less than {@value #MAX_STEP} of its frequency per frame: vibrato of +-3 % at 5.5 Hz moves a partial
 * about 1 % per 21 ms frame, smoothly. Beating between neighbouring partials and note onsets jitter
 * the estimate too, but back and forth rather than twice the same way.
 */
final class PartialTracker {
    // Parameters: set on the synthesized voices and instruments of LeadVocalDetectorTest.
    /** dB over the median of the tracked bins: a partial stands at least this far out of the frame's floor. */
    static final double PROMINENCE_DB = 15;
    /** dB under the frame's strongest bin: weaker peaks are not partials worth following. */
    static final double RANGE_DB = 30;
    /** Bins: a partial is followed to the nearest one of the frame before within this distance. */
    static final double MATCH_BINS = 1.5;
    /**
     * Fraction of the frequency per frame: a glide moves more than MIN_STEP and less than MAX_STEP
     * (vibrato of +-3 % at 5.5 Hz, Sundberg 1987 and Prame 1994, moves a partial about 1 % per 21 ms frame).
     */
    static final double MIN_STEP = 0.006, MAX_STEP = 0.05;
    /** Partials followed a frame at most (the tracked bins hold about 64 at 48 kHz). */
    private static final int MAX_PARTIALS = 64;

    private final int lo, hi;
    private final double[] level, scratch;
    private double[] position = new double[MAX_PARTIALS], previous = new double[MAX_PARTIALS], earlier = new double[MAX_PARTIALS];
    private final double[] power = new double[MAX_PARTIALS];
    private int count, previousCount, earlierCount;
    private double gliding, holding;

    /** Tracks partials in bins {@code lo..hi} (1 <= lo, hi + 1 < bins). */
    PartialTracker(int lo, int hi) {
        this.lo = lo;
        this.hi = hi;
        level = new double[hi + 2];
        scratch = new double[hi - lo + 1];
    }

    /** Takes the next frame's packed spectrum (see {@link dev.signoff.analysis.spectrum.Stft}). */
    void frame(float[] packed) {
        double[] t = earlier;
        earlier = previous;
        earlierCount = previousCount;
        previous = position;
        previousCount = count;
        position = t;
        count = 0;
        double max = -Double.MAX_VALUE;
        for (int k = lo - 1; k <= hi + 1; k++) {
            double re = packed[2 * k], im = packed[2 * k + 1];
            level[k] = 10 * Math.log10(re * re + im * im + 1e-30);
            if (k >= lo && k <= hi) max = Math.max(max, level[k]);
        }
        System.arraycopy(level, lo, scratch, 0, scratch.length);
        double floor = Math.max(select(scratch, scratch.length / 2) + PROMINENCE_DB, max - RANGE_DB);
        for (int k = lo; k <= hi && count < MAX_PARTIALS; k++) {
            double a = level[k - 1], b = level[k], c = level[k + 1];
            if (b <= a || b < c || b < floor) continue;
            double curvature = a - 2 * b + c;
            position[count] = k + (curvature < 0 ? 0.5 * (a - c) / curvature : 0);
            power[count] = Math.pow(10, b / 10);
            count++;
        }
        gliding = holding = 0;
        for (int i = 0; i < count; i++) {
            double p = position[i];
            double q = nearest(p, previous, previousCount);
            if (Double.isNaN(q)) continue;
            double r = nearest(q, earlier, earlierCount);
            if (Double.isNaN(r)) continue;
            double step = (p - q) / p, before = (q - r) / p;
            boolean glides = step * before > 0 && Math.abs(step) > MIN_STEP && Math.abs(before) > MIN_STEP
                    && Math.abs(step) < MAX_STEP && Math.abs(before) < MAX_STEP;
            if (glides) gliding += power[i];
            else holding += power[i];
        }
    }

    /**
     * The value of rank {@code k} (from 0) of {@code a}, the one {@code Arrays.sort} would put at
     * {@code a[k]}; reorders {@code a}. Hoare's quickselect, median-of-three pivot: linear on
     * average, where sorting a frame's bins for their median was most of the tracker's time.
     */
    static double select(double[] a, int k) {
        int lo = 0, hi = a.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double x = a[lo], y = a[mid], z = a[hi];
            double pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    double t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }

    private static double nearest(double p, double[] positions, int n) {
        double best = Double.NaN;
        for (int i = 0; i < n; i++) {
            double d = Math.abs(positions[i] - p);
            if (d < MATCH_BINS && !(Math.abs(best - p) <= d)) best = positions[i];
        }
        return best;
    }

    /** Power of the last frame's partials that glide (followed over three frames). */
    double gliding() { return gliding; }

    /** Power of the last frame's partials that were followed over three frames and did not glide. */
    double holding() { return holding; }
}
