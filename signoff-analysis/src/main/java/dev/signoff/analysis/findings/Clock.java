package dev.signoff.analysis.findings;

import java.util.Locale;

/** Times as engineers read them on a DAW's clock: m:ss.s. */
public final class Clock {
    private Clock() {}

    public static String format(double seconds) {
        if (Double.isNaN(seconds)) return "-";
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
    }

    public static String range(double start, double end) {
        return format(start) + "-" + format(end);
    }

    /** One decimal, with a sign for changes: "+1.4". */
    public static String db(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String signedDb(double v) {
        return String.format(Locale.ROOT, "%+.1f", v);
    }
}
