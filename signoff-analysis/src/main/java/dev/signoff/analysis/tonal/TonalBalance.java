package dev.signoff.analysis.tonal;

import dev.signoff.analysis.spectrum.SpectrumResult;

/**
 * The few numbers that describe a mix's tonal balance the way engineers talk about it, read off
 * the long-term 1/3-octave spectrum. Each is a level difference in dB between per-band average
 * levels (power mean of the bands in a region, so regions of different widths compare fairly),
 * which makes them independent of the mix's loudness.
 *
 * <ul>
 *   <li>{@code lowEndDb}: 31.5-100 Hz against the 500 Hz-1.6 kHz body (kick and bass weight);</li>
 *   <li>{@code mudDb}: 200-400 Hz against what its neighbours lead one to expect: the higher of
 *       the straight line (in dB over log frequency) from the 100-160 Hz region to the body, and
 *       the body's own level. A build-up rises above both; a thin mix whose bass flank has gone
 *       is not called muddy for it;</li>
 *   <li>{@code harshDb}: 2-5 kHz against the higher of the line from the body to 8-12.5 kHz and
 *       the body falling at {@value #TYPICAL_TOP_SLOPE_DB_PER_OCTAVE} dB per octave (about the
 *       average slope of finished pop and rock mixes above 1 kHz): the presence build-up that
 *       ears get used to over a long session. A mix that is bright all the way up is not harsh
 *       for it, and a dull mix whose top has gone is not called harsh either;</li>
 *   <li>{@code airDb}: 8-16 kHz against the body (top-end openness; dull mixes fall away here);</li>
 *   <li>{@code sibilanceDb}: from {@link SibilanceMeter}, how far the loudest 5-10 kHz bursts stick out
 *       over the 1-4 kHz body at the moment they happen.</li>
 * </ul>
 * A figure is NaN when the file's bandwidth does not reach its region.
 */
public record TonalBalance(double lowEndDb, double mudDb, double harshDb, double airDb, double sibilanceDb) {
    static final double TYPICAL_TOP_SLOPE_DB_PER_OCTAVE = -4.5;

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    public static TonalBalance of(SpectrumResult spectrum, SibilanceResult sibilance) {
        double body = meanDb(spectrum, 500, 1600);
        double low = meanDb(spectrum, 31.5, 100);
        double mud = Math.min(excessOverTrend(spectrum, 200, 400, 100, 160, 500, 1600), meanDb(spectrum, 200, 400) - body);
        double slopeLine = body + TYPICAL_TOP_SLOPE_DB_PER_OCTAVE * log2(Math.sqrt(2000 * 5000.0) / Math.sqrt(500 * 1600.0));
        double harsh = Math.min(excessOverTrend(spectrum, 2000, 5000, 500, 1600, 8000, 12500), meanDb(spectrum, 2000, 5000) - slopeLine);
        double air = meanDb(spectrum, 8000, 16000) - body;
        return new TonalBalance(low - body, mud, harsh, air, sibilance == null ? Double.NaN : sibilance.loudestRatioDb());
    }

    /** Power mean of the bands whose centres lie in [lo, hi], dB; NaN when none has a level. */
    static double meanDb(SpectrumResult s, double lo, double hi) {
        double p = 0;
        int n = 0;
        for (SpectrumResult.Band b : s.bands()) {
            if (b.centerHz() >= lo && b.centerHz() <= hi && !Double.isNaN(b.levelDb())) {
                p += Math.pow(10, b.levelDb() / 10);
                n++;
            }
        }
        return n == 0 ? Double.NaN : 10 * Math.log10(p / n);
    }

    /**
     * How far the region [lo, hi] lies above the straight line, in dB over log frequency, through
     * the two flanking regions (each placed at its geometric centre).
     */
    static double excessOverTrend(SpectrumResult s, double lo, double hi, double aLo, double aHi, double bLo, double bHi) {
        double a = meanDb(s, aLo, aHi), b = meanDb(s, bLo, bHi), r = meanDb(s, lo, hi);
        double xa = Math.log(Math.sqrt(aLo * aHi)), xb = Math.log(Math.sqrt(bLo * bHi)), xr = Math.log(Math.sqrt(lo * hi));
        double trend = a + (b - a) * (xr - xa) / (xb - xa);
        return r - trend;
    }
}
