package dev.signoff.audio;

import java.util.Locale;

/** A place in a stream as engineers read it on a DAW's clock, m:ss.s, for messages and reports alike. */
public final class StreamTime {
    private StreamTime() {}

    public static String format(double seconds) {
        if (Double.isNaN(seconds)) return "-";
        long tenths = Math.round(seconds * 10);
        return String.format(Locale.ROOT, "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10);
    }
}
