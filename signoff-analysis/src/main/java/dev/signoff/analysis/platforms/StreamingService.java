package dev.signoff.analysis.platforms;

import dev.signoff.analysis.devices.LimiterSettings;

/**
 * A streaming service's loudness normalisation as it plays one track (track mode, normalisation
 * on, the default setting): the reference it turns tracks to and what it does with a track
 * quieter than that. Sources, dates and how sure each figure is: docs/platforms.md.
 */
public enum StreamingService {
    SPOTIFY_NORMAL("spotify-normal", "Spotify Normal", -14, Raise.TO_PEAK_HEADROOM),
    SPOTIFY_LOUD("spotify-loud", "Spotify Loud", -11, Raise.THROUGH_LIMITER),
    SPOTIFY_QUIET("spotify-quiet", "Spotify Quiet", -19, Raise.TO_PEAK_HEADROOM),
    APPLE_MUSIC("apple-music", "Apple Music", -16, Raise.TO_PEAK_HEADROOM),
    YOUTUBE("youtube", "YouTube", -14, Raise.NEVER),
    TIDAL("tidal", "Tidal", -14, Raise.NEVER),
    AMAZON_MUSIC("amazon-music", "Amazon Music", -14, Raise.TO_PEAK_HEADROOM),
    DEEZER("deezer", "Deezer", -15, Raise.TO_PEAK_HEADROOM);

    /** Spotify's "Loud" limiter: engages at -1 dB sample value, 5 ms attack, 100 ms release (Spotify for Artists). */
    public static final LimiterSettings LOUD_LIMITER = new LimiterSettings(0, -1, 5, 100);
    /** True-peak headroom a service leaves when it raises a quiet track ("1 dB headroom for lossy encodings"). */
    public static final double RAISE_HEADROOM_DB = 1.0;

    /** What a service does with a track quieter than its reference. */
    public enum Raise {
        /** Leaves it as it is (turns down only). */
        NEVER,
        /** Raises it, but only until its true peak reaches -{@value #RAISE_HEADROOM_DB} dBTP. */
        TO_PEAK_HEADROOM,
        /** Raises it all the way and catches the peaks with {@link #LOUD_LIMITER}. */
        THROUGH_LIMITER
    }

    private final String id, displayName;
    private final double referenceLufs;
    private final Raise raise;

    StreamingService(String id, String displayName, double referenceLufs, Raise raise) {
        this.id = id;
        this.displayName = displayName;
        this.referenceLufs = referenceLufs;
        this.raise = raise;
    }

    /** Stable id for JSON and options, e.g. "spotify-normal". */
    public String id() { return id; }

    public String displayName() { return displayName; }

    public double referenceLufs() { return referenceLufs; }

    public Raise raise() { return raise; }

    /**
     * The gain this service applies to a track of {@code integratedLufs} and {@code truePeakDbtp}
     * before any limiter: down to the reference always, up as its {@link Raise} allows.
     */
    public double gainDb(double integratedLufs, double truePeakDbtp) {
        double toReference = referenceLufs - integratedLufs;
        if (toReference <= 0) return toReference;
        return switch (raise) {
            case NEVER -> 0;
            case TO_PEAK_HEADROOM -> Math.max(0, Math.min(toReference, -RAISE_HEADROOM_DB - truePeakDbtp));
            case THROUGH_LIMITER -> toReference;
        };
    }
}
