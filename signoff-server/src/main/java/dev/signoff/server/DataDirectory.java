package dev.signoff.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a review server keeps its state: the SQLite database (unless PostgreSQL is used) and the
 * audio. Layout:
 * <pre>
 *   signoff.db (+ -wal, -shm)   database (SQLite mode)
 *   audio/&lt;project&gt;/&lt;version&gt;.&lt;ext&gt;   uploaded originals, immutable
 *   waveforms/&lt;version&gt;.peaks     precomputed waveform peaks
 *   uploads/&lt;upload&gt;.part         resumable uploads in progress
 * </pre>
 * Every path handed out is built by the server from ids; {@link #resolve} refuses anything that
 * would leave the directory, so no file name or stored value can reach outside it.
 */
public final class DataDirectory {
    private final Path root;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            for (String sub : new String[]{"audio", "waveforms", "uploads"})
                Files.createDirectories(this.root.resolve(sub));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + this.root + ": " + e.getMessage(), e);
        }
    }

    /** The default: $SIGNOFF_DATA, else ~/.local/share/signoff. */
    public static Path defaultRoot() {
        String env = System.getenv("SIGNOFF_DATA");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".local", "share", "signoff");
    }

    public Path root() { return root; }

    public Path sqliteFile() { return root.resolve("signoff.db"); }

    public Path audio() { return root.resolve("audio"); }

    public Path waveforms() { return root.resolve("waveforms"); }

    public Path uploads() { return root.resolve("uploads"); }

    /** {@code relative} (as stored in the database) inside the directory; refuses escapes. */
    public Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || p.equals(root))
            throw new IllegalArgumentException("path outside the data directory: " + relative);
        return p;
    }

    /** The stored form of {@code path}: relative to the root, with forward slashes. */
    public String relativize(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("path outside the data directory: " + path);
        return root.relativize(p).toString().replace('\\', '/');
    }
}
