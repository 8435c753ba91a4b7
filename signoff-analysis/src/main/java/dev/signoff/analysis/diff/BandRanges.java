package dev.signoff.analysis.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a change per frequency band into ranges: "+3.1 dB at 700 Hz-1.4 kHz", "+4.0 dB above 4 kHz".
 *
 * <p>Input: one value per band (dB, NaN where the band is not measured), the bands' centres and
 * edges, low to high, and the smallest peak worth a range. Output: the ranges, low to high.
 *
 * <p>Method: bands whose value has the same sign and at least half the smallest peak in size form
 * runs. In each run the largest value is a peak and its range is the stretch around it where the
 * change stays at least half the peak (in dB): the half-gain points, interpolated linearly in log
 * frequency between band centres, which for the RBJ-cookbook peaking and shelving filters of an
 * EQ are their centre's bandwidth edges and their corner frequency. The skirts beyond, where the
 * change keeps falling away from the peak (rises of less than half the smallest peak aside), belong
 * to the same range; what is left of the run beyond them is searched the same way, so two EQ moves an octave apart come out as two ranges. A
 * range that reaches the lowest or highest measured band is open there (a shelf). The peak's
 * frequency and size are refined by a parabola through the peak band and its two neighbours
 * (in dB over log frequency), which recovers a bell's peak from bands a third of an octave wide.
 */
final class BandRanges {

    /**
     * One range.
     *
     * @param fromBand first band of the range
     * @param toBand   last band of the range
     * @param peakDb   the change at its peak (refined)
     * @param peakHz   where the peak is (refined)
     * @param loHz     lower half-gain point, or the lowest band's lower edge when open below
     * @param hiHz     upper half-gain point, or the highest band's upper edge when open above
     * @param openBelow the range reaches the lowest measured band
     * @param openAbove the range reaches the highest measured band
     */
    record Range(int fromBand, int toBand, double peakDb, double peakHz, double loHz, double hiHz,
                 boolean openBelow, boolean openAbove) {
    }

    private final double[] centre, lo, hi, v;
    private final double minDb;
    private final int firstValid, lastValid;

    private BandRanges(double[] centre, double[] lo, double[] hi, double[] values, double minDb) {
        this.centre = centre;
        this.lo = lo;
        this.hi = hi;
        this.v = values;
        this.minDb = minDb;
        int f = -1, l = -1;
        for (int b = 0; b < v.length; b++) {
            if (Double.isFinite(v[b])) {
                if (f < 0) f = b;
                l = b;
            }
        }
        firstValid = f;
        lastValid = l;
    }

    static List<Range> find(double[] centre, double[] lo, double[] hi, double[] values, double minDb) {
        BandRanges r = new BandRanges(centre, lo, hi, values, minDb);
        List<Range> out = new ArrayList<>();
        int b = 0;
        while (b < values.length) {
            if (!member(values[b], 0, minDb)) {
                b++;
                continue;
            }
            int sign = values[b] > 0 ? 1 : -1, end = b;
            while (end + 1 < values.length && member(values[end + 1], sign, minDb)) end++;
            r.split(b, end, out);
            b = end + 1;
        }
        out.sort(java.util.Comparator.comparingInt(Range::fromBand));
        return out;
    }

    /** A band of a run: finite, of the run's sign (0: either), at least half the smallest peak. */
    private static boolean member(double x, int sign, double minDb) {
        if (!Double.isFinite(x) || Math.abs(x) < minDb / 2) return false;
        return sign == 0 || (x > 0) == (sign > 0);
    }

    private void split(int from, int to, List<Range> out) {
        if (from > to) return;
        int peak = from;
        for (int b = from; b <= to; b++) if (Math.abs(v[b]) > Math.abs(v[peak])) peak = b;
        double p = Math.abs(v[peak]);
        if (p < minDb) return;
        int a = peak, z = peak;
        while (a - 1 >= from && Math.abs(v[a - 1]) >= p / 2) a--;
        while (z + 1 <= to && Math.abs(v[z + 1]) >= p / 2) z++;
        out.add(range(a, z, peak));
        // The skirts, where the change keeps falling away from the peak, belong to it; only beyond
        // them, where it rises again by more than a quarter of the smallest peak, can another be.
        double bump = minDb / 2;
        while (a - 1 >= from && Math.abs(v[a - 1]) <= Math.abs(v[a]) + bump) a--;
        while (z + 1 <= to && Math.abs(v[z + 1]) <= Math.abs(v[z]) + bump) z++;
        split(from, a - 1, out);
        split(z + 1, to, out);
    }

    private Range range(int a, int z, int peak) {
        double p = v[peak], half = Math.abs(p) / 2;
        boolean openBelow = a == firstValid, openAbove = z == lastValid;
        double loHz = openBelow ? lo[a] : edge(a, a - 1, half);
        double hiHz = openAbove ? hi[z] : edge(z, z + 1, half);
        double peakDb = p, peakHz = centre[peak];
        // A parabola through the peak and its neighbours, when it has both and is a true extreme.
        if (peak - 1 >= 0 && peak + 1 < v.length && Double.isFinite(v[peak - 1]) && Double.isFinite(v[peak + 1])) {
            double l = v[peak - 1], c = v[peak], r = v[peak + 1];
            double d = l - 2 * c + r;
            boolean extreme = c > 0 ? (c >= l && c >= r && d < 0) : (c <= l && c <= r && d > 0);
            if (extreme) {
                double delta = 0.5 * (l - r) / d;
                if (Math.abs(delta) <= 0.5) {
                    peakDb = c - 0.25 * (l - r) * delta;
                    peakHz = centre[peak] * Math.pow(centre[peak + 1] / centre[peak], delta);
                }
            }
        }
        return new Range(a, z, peakDb, peakHz, loHz, hiHz, openBelow, openAbove);
    }

    /** Where the change falls to {@code half} between band {@code inside} and its neighbour {@code outside}, log-interpolated. */
    private double edge(int inside, int outside, double half) {
        if (outside < 0 || outside >= v.length || !Double.isFinite(v[outside])) return outside < inside ? lo[inside] : hi[inside];
        double vi = Math.abs(v[inside]), vo = (v[outside] > 0) == (v[inside] > 0) ? Math.abs(v[outside]) : -Math.abs(v[outside]);
        double t = vi == vo ? 0.5 : (vi - half) / (vi - vo);
        t = Math.max(0, Math.min(1, t));
        return Math.exp(Math.log(centre[inside]) + t * (Math.log(centre[outside]) - Math.log(centre[inside])));
    }
}
