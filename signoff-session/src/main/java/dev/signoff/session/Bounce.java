package dev.signoff.session;

import java.nio.file.Path;

/** The bounce of the mix, as {@code --bounce} gives it: what the session must match. */
public record Bounce(Path file, int sampleRate, double lengthS) {
}
