package dev.signoff.analysis.diff;

import java.util.Locale;

/** Frequencies and frequency ranges the way engineers say them: "63 Hz", "700 Hz", "1.4 kHz", "2-4 kHz". */
public final class Hz {
    private Hz() {}

    public static String format(double hz) {
        return number(hz) + (hz >= 999.5 ? " kHz" : " Hz");
    }

    /** The number without its unit: 63, 700, 1.4 (kHz from 1 kHz up). */
    private static String number(double hz) {
        if (hz >= 999.5) {
            double k = hz / 1000;
            String s = k >= 9.95 ? String.valueOf(Math.round(k)) : String.format(Locale.ROOT, "%.1f", k);
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
        if (hz >= 100) return String.valueOf(Math.round(hz / 10) * 10);
        return String.valueOf(Math.round(hz));
    }

    /** "2-4 kHz", "630 Hz-1.6 kHz", "40-80 Hz". */
    public static String range(double loHz, double hiHz) {
        boolean loK = loHz >= 999.5, hiK = hiHz >= 999.5;
        if (loK == hiK) return number(loHz) + "-" + number(hiHz) + (hiK ? " kHz" : " Hz");
        return format(loHz) + "-" + format(hiHz);
    }
}
