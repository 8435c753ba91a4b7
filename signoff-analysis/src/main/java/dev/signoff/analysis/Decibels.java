package dev.signoff.analysis;

/** Power levels in decibels, with NaN where there is no power to speak of (digital silence). */
public final class Decibels {
    private Decibels() {}

    /** 10 log10 of a power (mean square); NaN when it is zero. */
    public static double power(double p) {
        return p > 0 ? 10 * Math.log10(p) : Double.NaN;
    }

    /** The level of power {@code p} relative to power {@code reference}; NaN when either is zero. */
    public static double ratio(double p, double reference) {
        return p > 0 && reference > 0 ? 10 * Math.log10(p / reference) : Double.NaN;
    }
}
