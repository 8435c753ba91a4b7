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

    /** One decimal, with a sign for changes: "+1.4". */
    public static String db(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    public static String signedDb(double v) {
        return String.format(Locale.ROOT, "%+.1f", v);
    }
}
