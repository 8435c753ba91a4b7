package dev.signoff.session;

import java.nio.file.Path;
import java.util.List;

/**
 * The bounce of the mix, as {@code --bounce} gives it: what the session must match.
 * {@code sections} are the sections Signoff found in it (as markers), offered where the session has
 * none; empty when they were not measured.
 */
public record Bounce(Path file, int sampleRate, double lengthS, List<Marker> sections) {
    public Bounce {
        sections = List.copyOf(sections);
    }
}
