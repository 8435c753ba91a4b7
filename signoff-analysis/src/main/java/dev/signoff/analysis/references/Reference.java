package dev.signoff.analysis.references;

import dev.signoff.analysis.Measurements;

import java.nio.file.Path;

/** A finished track the engineer trusts, measured the same way as the mix. */
public record Reference(Path file, Measurements measurements) {

    public String name() {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }
}
