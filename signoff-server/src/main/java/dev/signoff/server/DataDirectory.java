package dev.signoff.server;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a review server keeps its state: the SQLite database (unless PostgreSQL is used) and the
 * audio. Layout:
 * <pre>
 *   signoff.db (+ -wal, -shm)   database (SQLite mode)
 *   audio/&lt;project&gt;/&lt;version&gt;.&lt;ext&gt;   uploaded originals, immutable
 *   waveforms/&lt;version&gt;.peaks     precomputed waveform peaks
 *   previews/&lt;version&gt;.m4a       listening previews (AAC), what share links stream
 *   uploads/&lt;upload&gt;.part         resumable uploads in progress
 *   references/&lt;project&gt;/&lt;reference&gt;.&lt;ext&gt;   the owner's reference tracks, never served
 *   sessions/&lt;version&gt;/&lt;id&gt;.&lt;ext&gt;   the DAW session each version was bounced from (.rpp, .dawproject, .ardour)
 * </pre>
 * With object storage (storage.S3Storage) audio/, waveforms/, previews/ and sessions/ are keys in a bucket, and
 * here they hold only files being made (previews encoding, peaks being written) before they are stored.
 * Every path handed out is built by the server from ids; {@link #resolve} refuses anything outside
 * the six file areas, so no file name or stored value can reach the database or leave the directory.
 * A directory the server creates is private to the user running it (rwx------).
 */
public final class DataDirectory {
    private static final String[] AREAS = {"audio", "waveforms", "previews", "uploads", "references", "sessions"};
    private final Path root;

    public DataDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            if (!Files.exists(this.root)) createPrivate(this.root);
            if (!Files.isDirectory(this.root)) throw new DataDirectoryException(this.root + " is not a directory");
            for (String sub : AREAS) Files.createDirectories(this.root.resolve(sub));
            Files.deleteIfExists(Files.createTempFile(this.root, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new DataDirectoryException("cannot write to " + this.root + " (" + reason(e) + ")");
        }
    }

    /** The data directory cannot be used; the message is one line for the console. */
    public static final class DataDirectoryException extends RuntimeException {
        DataDirectoryException(String message) { super("data directory: " + message, null, false, false); }
    }

    /** The default: $SIGNOFF_DATA, else ~/.local/share/signoff. */
    private static Path defaultRoot() {
        String env = System.getenv("SIGNOFF_DATA");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".local", "share", "signoff");
    }

    /** {@code chosen} (a --data option) when given, else {@link #defaultRoot()}. */
    public static Path rootOrDefault(Path chosen) {
        return chosen == null ? defaultRoot() : chosen;
    }

    public Path root() { return root; }

    public Path sqliteFile() { return root.resolve("signoff.db"); }

    public Path audio() { return root.resolve("audio"); }

    public Path waveforms() { return root.resolve("waveforms"); }

    public Path uploads() { return root.resolve("uploads"); }

    public Path previews() { return root.resolve("previews"); }

    public Path references() { return root.resolve("references"); }

    public Path sessions() { return root.resolve("sessions"); }

    /**
     * {@code relative} (as stored in the database) inside one of the file areas (audio/, waveforms/,
     * previews/, uploads/, references/, sessions/). Refuses anything else: escapes, absolute paths, and the database files themselves.
     */
    public Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        for (String area : AREAS) {
            Path dir = root.resolve(area);
            if (p.startsWith(dir) && !p.equals(dir)) return p;
        }
        throw new IllegalArgumentException("path outside the data directory's file areas: " + relative);
    }

    /** The stored form of {@code path}: relative to the root, with forward slashes. */
    public String relativize(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(root)) throw new IllegalArgumentException("path outside the data directory: " + path);
        return root.relativize(p).toString().replace('\\', '/');
    }

    /** A new directory only its owner can enter: it holds unreleased music and password hashes. */
    static void createPrivate(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        else
            Files.createDirectory(dir);
    }

    /** Makes a file readable and writable by its owner only (the database: share tokens, password hashes). */
    static void makePrivate(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileAlreadyExistsException f) return f.getFile() + " is a file, not a directory";
        if (e instanceof NoSuchFileException) return "no folder can be created there";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage();
    }
}
