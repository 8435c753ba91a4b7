package dev.signoff.server.library;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.BackgroundService;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.RecallStore;
import dev.signoff.server.store.UploadStore;
import dev.signoff.server.store.VersionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Removes what interrupted imports leave behind, once it is a day old: resumable uploads nobody
 * resumed (row and .part file), staged files of single-request uploads whose server died (and
 * decoders' copies of stored files), stored originals that never got their version row (a crash
 * between storing and the insert), listening previews (stored, or unfinished encodings on the
 * local disk) that no version row names, and DAW session files that no session row names.
 * Runs at start and then every hour; several instances may run it at once (deleting twice is harmless).
 */
public final class VaultCleaner implements BackgroundService {
    private static final Logger LOG = LoggerFactory.getLogger(VaultCleaner.class);
    public static final Duration MAX_AGE = Duration.ofDays(1);

    private final DataDirectory dir;
    private final MediaStorage storage;
    private final UploadStore uploads;
    private final VersionStore versions;
    private final RecallStore sessions;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public VaultCleaner(DataDirectory dir, MediaStorage storage, UploadStore uploads, VersionStore versions, RecallStore sessions, Clock clock) {
        this.dir = dir;
        this.storage = storage;
        this.uploads = uploads;
        this.versions = versions;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "signoff-vault-cleaner");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::safely, 1, 3600, TimeUnit.SECONDS);
    }

    private void safely() {
        try {
            clean();
        } catch (RuntimeException | IOException e) {
            LOG.warn("cleaning the data directory failed: {}", e.toString());
        }
    }

    /** One sweep; returns the number of files removed. */
    public int clean() throws IOException {
        long before = clock.millis() - MAX_AGE.toMillis();
        int removed = 0;
        for (UploadStore.Upload u : uploads.untouchedSince(before)) {
            uploads.delete(u.id());
            if (Files.deleteIfExists(ResumableUploads.partFile(dir, u.id()))) removed++;
        }
        try (Stream<Path> staged = Files.list(dir.uploads())) {
            for (Path p : (Iterable<Path>) staged::iterator) if (oldFile(p, before) && Files.deleteIfExists(p)) removed++;
        }
        removed += removeUnknown("audio/", versions.allAudioPaths(), before);
        removed += removeUnknown("sessions/", sessions.allStoredKeys(), before);
        Set<String> previews = versions.allPreviewPaths();
        removed += removeUnknown("previews/", previews, before);
        try (Stream<Path> files = Files.list(dir.previews())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (oldFile(p, before) && !previews.contains(dir.relativize(p)) && Files.deleteIfExists(p)) removed++;
            }
        }
        if (removed > 0) LOG.info("removed {} files left behind by interrupted uploads", removed);
        return removed;
    }

    /** Stored files under {@code prefix} older than {@code before} that no version names. */
    private int removeUnknown(String prefix, Set<String> known, long before) throws IOException {
        int removed = 0;
        for (MediaStorage.Stored s : storage.list(prefix)) {
            if (s.lastModified() < before && !known.contains(s.key())) {
                storage.delete(s.key());
                removed++;
            }
        }
        return removed;
    }

    private static boolean oldFile(Path p, long before) throws IOException {
        return Files.isRegularFile(p) && Files.getLastModifiedTime(p).toMillis() < before;
    }

    @Override public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
