package dev.signoff.analysis.devices;

/**
 * A device's protective look-ahead peak limiter, as the DSP of a small speaker runs it at full
 * volume: the filtered signal is raised by {@code driveDb}, then held under {@code ceilingDb}
 * (sample peak) with a gain that falls over {@code lookAheadMs} before each peak (no overshoot)
 * and recovers with a {@code releaseMs} time constant. Both channels share one gain.
 *
 * @param driveDb     gain before the limiter (the device's volume at its maximum)
 * @param ceilingDb   highest sample level out of the limiter, dBFS
 * @param lookAheadMs look-ahead (and attack) time
 * @param releaseMs   release time constant
 */
public record LimiterSettings(double driveDb, double ceilingDb, double lookAheadMs, double releaseMs) {

    public LimiterSettings {
        if (ceilingDb > 0) throw new IllegalArgumentException("ceiling must be at or below 0 dBFS");
        if (!(lookAheadMs > 0) || !(releaseMs > 0)) throw new IllegalArgumentException("look-ahead and release must be positive");
    }

    /** Short form for listings, e.g. "+6 dB drive, ceiling -1 dBFS, 5 ms look-ahead, 80 ms release". */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%+.0f dB drive, ceiling %.1f dBFS, %.0f ms look-ahead, %.0f ms release",
                driveDb, ceilingDb, lookAheadMs, releaseMs);
    }
}
