package dev.signoff.session;

import java.util.List;

/** What one format's reader found in the session file, before its media are looked up on disk. */
record ParsedSession(Daw daw, int sampleRate, double tempoBpm, List<Track> tracks, List<Marker> markers,
                     double rangeStartS, double rangeEndS, String rangeName, double renderStartS, MediaLocator locator) {
}
