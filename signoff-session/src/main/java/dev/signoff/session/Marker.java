package dev.signoff.session;

/** A marker or the start of a region, in seconds from the session's start. */
public record Marker(double timeS, String name) {
    public Marker {
        name = name == null ? "" : name;
    }
}
