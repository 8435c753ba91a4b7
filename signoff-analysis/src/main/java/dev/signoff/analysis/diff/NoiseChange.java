package dev.signoff.analysis.diff;

import java.util.Locale;

/**
 * Which way a {@link ChangeKind#NOISE} change went, with the noise's level in each version.
 *
 * @param direction whether the new version gained, lost, or holds more or less of the noise
 * @param oldDbfs   the noise's level in the old version, dBFS; null when the old version has none
 * @param newDbfs   its level in the new version, dBFS; null when the new version has none
 * @param humHz     the mains frequency (50 or 60) when the noise is hum; null for hiss and other broadband noise
 * @param underMusicDb how far the noise lies under everything the version holding it has in the same range, where
 *                  it comes closest to it (the window, of about a second, where it stands out most), dB (positive:
 *                  under); null for hum, which is read in the stops
 */
public record NoiseChange(Direction direction, Double oldDbfs, Double newDbfs, Double humHz, Double underMusicDb) {

    public enum Direction {
        /** The new version has noise the old one does not. */
        ADDED,
        /** The old version had noise the new one does not. */
        REMOVED,
        /** Both have it; the new version more. */
        LOUDER,
        /** Both have it; the new version less. */
        QUIETER;

        /** The lowercase name used in JSON. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The level of the noise the change is about: the new version's, or the old one's when it was removed. */
    public double levelDbfs() {
        return direction == Direction.REMOVED ? oldDbfs : newDbfs;
    }

    /** New minus old, dB; null unless both versions have it. */
    public Double changeDb() {
        return oldDbfs == null || newDbfs == null ? null : newDbfs - oldDbfs;
    }
}
