package dev.signoff.session;

import java.nio.file.Path;

/**
 * A media file the session refers to or keeps in its media folder. {@code written} is the path as
 * the session file writes it (null for a file no item uses); {@code path} where it resolves on this
 * machine (for a file inside a DAWproject container, its entry name); {@code sampleRate} 0 where
 * it is unknown (missing, MIDI, unreadable).
 */
public record MediaFile(String written, Path path, boolean inContainer, boolean exists, boolean insideProject,
                        boolean used, int sampleRate, long bytes) {
}
