package dev.signoff.session;

import java.util.List;

/**
 * One track, bus or the master of a session. {@code alternatePlaylists} counts the playlists kept
 * beside the playing one that still hold items (Ardour's playlists; zero where the format has none).
 */
public record Track(String name, Kind kind, boolean muted, List<Item> items, List<Plugin> plugins, int alternatePlaylists) {

    public enum Kind {
        AUDIO, MIDI, FOLDER, BUS, MASTER;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public Track {
        name = name == null ? "" : name;
        items = List.copyOf(items);
        plugins = List.copyOf(plugins);
    }

    /** Tracks that hold recorded or programmed parts (a folder, a bus and the master only route them). */
    public boolean holdsParts() {
        return kind == Kind.AUDIO || kind == Kind.MIDI;
    }
}
