package dev.signoff.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A consistent copy of a data directory while the server keeps running (SQLite mode).
 *
 * <p>Order matters: first a snapshot of the database with SQLite's {@code VACUUM INTO} (a read
 * transaction: in WAL mode it neither blocks nor is blocked by the server's writes), then the audio,
 * waveform and listening preview files. Stored files never change once written, and a version's file is in place
 * before its row is committed, so every version in the snapshot finds its file in the copy; files
 * of versions that arrived after the snapshot are copied too and harm nothing (the server's cleaner
 * removes unreferenced files after a day). Uploads in progress are left out. The copy is assembled
 * in DEST.partial and renamed at the end: a backup that stops half-way leaves no DEST behind.
 *
 * <p>A server that keeps its files in object storage ({@code serve --storage}) has none of them in
 * the data directory: the bucket is left to its own versioning, and {@link #versionsElsewhere} says
 * how many versions a backup holds only as database rows.
 */
public final class DataBackup {
    private DataBackup() {}

    /** Copies {@code data} to {@code target}, which must not exist yet. Returns the number of files copied. */
    public static int copy(DataDirectory data, Path target) throws IOException {
        Path dest = target.toAbsolutePath().normalize();
        if (Files.exists(dest)) throw new FileAlreadyExistsException(dest + ": already exists; back up into a new folder");
        if (dest.startsWith(data.root())) throw new IllegalArgumentException(dest + ": is inside the data directory; choose a folder outside it");
        if (!Files.exists(data.sqliteFile())) throw new IllegalArgumentException(data.root() + ": no signoff.db here (is this a Signoff data directory? with --db PostgreSQL, back up with pg_dump and copy audio/, waveforms/, previews/, references/ and sessions/)");
        Path partial = dest.resolveSibling(dest.getFileName() + ".partial");
        deleteTree(partial);
        // As private as the data directory: the database holds share tokens and password hashes.
        DataDirectory.createPrivate(partial);
        try {
            snapshotDatabase(data.sqliteFile(), partial.resolve("signoff.db"));
            DataDirectory.makePrivate(partial.resolve("signoff.db"));
            int files = copyTree(data.audio(), partial.resolve("audio")) + copyTree(data.waveforms(), partial.resolve("waveforms"))
                    + copyTree(data.previews(), partial.resolve("previews")) + copyTree(data.references(), partial.resolve("references"))
                    + copyTree(data.sessions(), partial.resolve("sessions"));
            DataDirectory.createPrivate(partial.resolve("uploads"));
            Files.move(partial, dest, StandardCopyOption.ATOMIC_MOVE);
            return files + 1;
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            throw e;
        }
    }

    /** The versions in the backup at {@code backup} whose original is not in it (kept in object storage). */
    public static int versionsElsewhere(Path backup) throws IOException {
        DataDirectory copy = new DataDirectory(backup);
        int missing = 0;
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + copy.sqliteFile()); var s = c.createStatement();
             var rows = s.executeQuery("SELECT audio_path FROM versions")) {
            while (rows.next()) if (!Files.isRegularFile(copy.resolve(rows.getString(1)))) missing++;
        } catch (SQLException e) {
            throw new IOException("could not read the backup's database: " + e.getMessage(), e);
        }
        return missing;
    }

    private static void snapshotDatabase(Path db, Path into) throws IOException {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath()); var s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 15000");
            s.execute("VACUUM INTO '" + into.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException("could not snapshot the database: " + e.getMessage(), e);
        }
    }

    private static int copyTree(Path from, Path to) throws IOException {
        DataDirectory.createPrivate(to);
        if (!Files.isDirectory(from)) return 0;
        int[] count = {0};
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path t = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        if (!Files.exists(t)) DataDirectory.createPrivate(t);
                    }
                    else if (!p.getFileName().toString().endsWith(".part")) {
                        Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                        count[0]++;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return count[0];
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
