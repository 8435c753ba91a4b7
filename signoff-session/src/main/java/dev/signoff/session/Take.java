package dev.signoff.session;

import java.util.List;

/**
 * One take of an item: the media files it plays (one per channel in Ardour, one in REAPER and
 * DAWproject), as the session writes them, or none for MIDI kept inside the session file.
 * {@code midi} marks in-session MIDI; {@code declaredSampleRate} is the rate the session itself
 * records for the media (DAWproject does), or 0.
 */
public record Take(String name, List<String> sources, boolean midi, int declaredSampleRate) {

    public Take {
        name = name == null ? "" : name;
        sources = List.copyOf(sources);
    }

    public boolean holdsContent() {
        return midi || !sources.isEmpty();
    }
}
