package dev.signoff.analysis.diff;

import java.util.Locale;

/** What sort of difference a {@link Change} between two versions is. */
public enum ChangeKind {
    /** The whole mix (or a passage of it) louder or quieter, all frequencies alike. */
    LEVEL,
    /** A frequency range louder or quieter against the rest of the mix: an EQ move, an element brought up. */
    TONAL,
    /** Left against right. */
    BALANCE,
    /** The side signal against the mid: wider or narrower. */
    WIDTH,
    /** One channel, or both, polarity-inverted. */
    POLARITY,
    /**
     * Content one version holds that the other cannot explain, spread across the spectrum like hiss (noise or
     * distortion), or mains hum in a stop: added, removed, louder or quieter ({@link NoiseChange}).
     */
    NOISE,
    /** Where the music sits in the file: added or removed time at the start or end, or an edit. */
    TIMING;

    /** The lowercase name used in JSON and messages. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
