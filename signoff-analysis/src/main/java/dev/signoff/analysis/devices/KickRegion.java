package dev.signoff.analysis.devices;

import java.util.Locale;

/**
 * The parts of a kick drum's sound that can carry it on a playback device, with the analysis
 * window used for each (long enough to resolve the region's lowest frequency, short enough to
 * follow the hit: the ear's own time resolution shortens as frequency rises).
 */
public enum KickRegion {
    /** The fundamental thump, {@code 40-100 Hz}: felt on monitors, cars and good earbuds. */
    SUB(40, 100, 0.17),
    /** The body or punch, {@code 100-250 Hz}: what larger small speakers still play. */
    BODY(100, 250, 0.043),
    /**
     * The beater click, {@code 2-5 kHz}: how a kick is heard on phones and laptops. The
     * 1-2 kHz octave is left out: there the vocal and the chords mask a click of a few
     * milliseconds, and its energy would only dilute the click's.
     */
    CLICK(2000, 5000, 0.0107);

    private final double loHz, hiHz, windowS;

    KickRegion(double loHz, double hiHz, double windowS) {
        this.loHz = loHz;
        this.hiHz = hiHz;
        this.windowS = windowS;
    }

    public double loHz() { return loHz; }

    public double hiHz() { return hiHz; }

    /** Target analysis window length (the meter uses the nearest power-of-two number of samples). */
    public double windowS() { return windowS; }

    /** Lower-case name for reports: "sub", "body", "click". */
    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** "40-100 Hz", "2-5 kHz". */
    public String range() {
        return hiHz >= 1000 ? String.format(Locale.ROOT, "%.0f-%.0f kHz", loHz / 1000, hiHz / 1000)
                : String.format(Locale.ROOT, "%.0f-%.0f Hz", loHz, hiHz);
    }
}
