package dev.signoff.session;

import java.util.List;

/**
 * One item (REAPER), clip (DAWproject) or region (Ardour) on a track's timeline, in seconds from
 * the session's start. {@code activeTake} indexes the take that plays; the others are the
 * alternate takes kept in the item.
 */
public record Item(String name, double startS, double lengthS, boolean muted, List<Take> takes, int activeTake) {

    public Item {
        name = name == null ? "" : name;
        takes = List.copyOf(takes);
        if (!takes.isEmpty() && (activeTake < 0 || activeTake >= takes.size())) activeTake = 0;
    }

    public double endS() {
        return startS + lengthS;
    }

    /** Takes beside the playing one. */
    public int alternateTakes() {
        return Math.max(0, takes.size() - 1);
    }

    /** Whether the item holds content (audio or MIDI) rather than an empty take. */
    public boolean holdsContent() {
        return takes.stream().anyMatch(Take::holdsContent);
    }
}
