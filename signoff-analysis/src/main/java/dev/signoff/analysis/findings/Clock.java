package dev.signoff.analysis.findings;

import dev.signoff.audio.StreamTime;

import java.util.Locale;

/** Times as engineers read them on a DAW's clock: m:ss.s. */
public final class Clock {
    private Clock() {}

    public static String format(double seconds) {
        return StreamTime.format(seconds);
    }

    public static String range(double start, double end) {
        return format(start) + "-" + format(end);
    }

    /** One decimal: "1.4"; a figure that rounds to zero is "0.0", never "-0.0" (which reads as the other side of zero). */
    public static String db(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.equals("-0.0") ? "0.0" : s;
    }

    /** One decimal, with a sign for changes: "+1.4"; zero is "+0.0". */
    public static String signedDb(double v) {
        String s = String.format(Locale.ROOT, "%+.1f", v);
        return s.equals("-0.0") ? "+0.0" : s;
    }

    /**
     * {@link #signedDb} of a figure said to pass {@code limit}, with as many more decimals (up to
     * three) as it takes not to print the limit itself: "-0.95 dBTP" rather than a "-1.0 dBTP" that
     * reads as no more than the -1.0 it is said to exceed.
     */
    public static String signedDbPast(double value, double limit) {
        return past(value, limit, "%+.");
    }

    /** {@link #db} of a figure said to pass {@code limit}, with more decimals where one would print the limit itself. */
    public static String dbPast(double value, double limit) {
        return past(value, limit, "%.");
    }

    private static String past(double value, double limit, String format) {
        String v = String.format(Locale.ROOT, format + "1f", value);
        for (int decimals = 2; decimals <= 4 && v.equals(String.format(Locale.ROOT, format + (decimals - 1) + "f", limit)); decimals++) {
            v = String.format(Locale.ROOT, format + decimals + "f", value);
        }
        return v.equals("-0.0") ? (format.contains("+") ? "+0.0" : "0.0") : v;
    }
}
