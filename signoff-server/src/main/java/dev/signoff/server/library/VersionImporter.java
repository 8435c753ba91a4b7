package dev.signoff.server.library;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.jobs.JobQueue;
import dev.signoff.server.storage.AudioFormat;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.ProjectRevisions;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.store.VersionStore.Version;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * Turns a complete file into a version: the one import path for uploads and `signoff watch`.
 * The file is staged in uploads/ first; it is decoded to prove it is audio, hashed, stored whole as
 * audio/&lt;project&gt;/&lt;version&gt;.&lt;ext&gt; (the name made by the server: an atomic rename in the data
 * directory, one PUT to object storage), and only then is the version inserted, with its analysis job and the project's new revision, in one
 * transaction. A crash at any point leaves either no version or a whole one; what it may leave
 * behind is a staged file or an unreferenced stored file, which {@link VaultCleaner} removes.
 */
public final class VersionImporter {
    /** A PCM file's header already proves its length; this much of it is decoded to prove the rest. */
    static final double PCM_DECODE_SECONDS = 30;

    /** Refused: not audio, truncated, corrupt, or the same bytes as an existing version. */
    public static final class Refused extends Exception {
        private final boolean duplicate;

        Refused(String message, boolean duplicate) {
            super(message, null, false, false);
            this.duplicate = duplicate;
        }

        /** True when the file is byte for byte an existing version of the project. */
        public boolean duplicate() { return duplicate; }
    }

    private final DataDirectory dir;
    private final MediaStorage storage;
    private final Jdbi jdbi;
    private final VersionStore versions;
    private final JobQueue jobs;
    private final Clock clock;
    private final Consumer<String> onQueued;

    /** @param onQueued told the id of every queued job (a local worker can start at once instead of at its next poll) */
    public VersionImporter(DataDirectory dir, MediaStorage storage, Jdbi jdbi, VersionStore versions, JobQueue jobs, Clock clock, Consumer<String> onQueued) {
        this.dir = dir;
        this.storage = storage;
        this.jdbi = jdbi;
        this.versions = versions;
        this.jobs = jobs;
        this.clock = clock;
        this.onQueued = onQueued;
    }

    /** A new, unique path in uploads/ to stage a file in. */
    public Path stagingFile() {
        return dir.uploads().resolve(Ids.newId() + ".part");
    }

    /**
     * Imports a file staged in uploads/ (consumed: stored, or deleted when refused).
     *
     * @param fileName the name the client gave it: shown, never used as a path
     * @param sha256   its hash when already computed while receiving it, else null
     */
    public Version importStaged(String projectId, Path staged, String fileName, String label, String sha256) throws Refused, IOException {
        boolean stored = false;
        try {
            Probe probe = probe(staged, fileName);
            String sha = sha256 != null ? sha256 : sha256(staged);
            // Spares the move for a file imported before; simultaneous imports are decided by the insert.
            var existing = versions.findBySha(projectId, sha);
            if (existing.isPresent())
                throw new Refused(fileName + ": the same file is already v" + existing.get().number(), true);
            String versionId = Ids.newId();
            String key = "audio/" + projectId + "/" + versionId + "." + probe.format().extension();
            long size = Files.size(staged);
            storage.put(key, staged);
            stored = true;
            var v = new VersionStore.NewVersion(versionId, projectId, label, fileName, key, probe.format().id(),
                    size, sha, probe.info().sampleRate(), probe.info().channels(), probe.durationS());
            try {
                Version version = jdbi.inTransaction(h -> {
                    Version inserted = versions.insert(h, v);
                    jobs.enqueue(h, JobQueue.ANALYSE, inserted.id());
                    ProjectRevisions.touch(h, projectId, clock.millis());
                    return inserted;
                });
                onQueued.accept(version.id());
                return version;
            } catch (VersionStore.SameFile e) {
                storage.delete(key);
                throw new Refused(fileName + ": " + e.getMessage(), true);
            } catch (RuntimeException e) {
                storage.delete(key);
                throw e;
            }
        } finally {
            if (!stored) Files.deleteIfExists(staged);
        }
    }

    /** Copies {@code source} (outside the data directory) into staging and imports the copy. */
    public Version importCopy(String projectId, Path source, String label) throws Refused, IOException {
        Path staged = stagingFile();
        try {
            String sha;
            try (InputStream in = Files.newInputStream(source)) {
                sha = copyHashing(in, staged, Long.MAX_VALUE);
            }
            return importStaged(projectId, staged, source.getFileName().toString(), label, sha);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** What decoding the start (or the whole) of a file showed. */
    record Probe(StreamInfo info, AudioFormat format, double durationS) {}

    /**
     * Decodes the file to prove it is whole audio. PCM containers declare their length, which the
     * decoder checks against the file size when it opens, so decoding their first
     * {@value #PCM_DECODE_SECONDS} s proves the rest; a compressed stream is only known to be whole
     * once it has been decoded to its end, so it is decoded entirely.
     */
    static Probe probe(Path staged, String fileName) throws Refused, IOException {
        try (AudioReader reader = AudioDecoders.open(staged)) {
            StreamInfo info = reader.info();
            AudioFormat format = AudioFormat.ofDecoder(info.format());
            long limit = format.declaresItsLength() ? (long) (PCM_DECODE_SECONDS * info.sampleRate()) : Long.MAX_VALUE;
            long frames = 0;
            AudioBlock b;
            while (frames < limit && (b = reader.read(8192)) != null) frames += b.frames();
            if (frames == 0) throw new Refused(fileName + ": contains no audio", false);
            long total = info.frames() > 0 ? info.frames() : frames;
            return new Probe(info, format, total / (double) info.sampleRate());
        } catch (dev.signoff.audio.AudioFileException e) {
            throw new Refused(renamed(e.getMessage(), staged, fileName), false);
        }
    }

    /** The decoder names the staged file; the client knows it by its own name. */
    private static String renamed(String message, Path staged, String fileName) {
        String prefix = staged.getFileName() + ": ";
        return fileName + ": " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }

    /**
     * Copies at most {@code limit} bytes of {@code in} to {@code target} (created), returning their
     * SHA-256; throws {@link TooLarge} as soon as the stream holds more.
     */
    public static String copyHashing(InputStream in, Path target, long limit) throws IOException {
        MessageDigest sha = sha256Digest();
        try (var out = Files.newOutputStream(target); var din = new DigestInputStream(in, sha)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = din.read(buf)) > 0) {
                total += n;
                if (total > limit) throw new TooLarge(limit);
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** More bytes than the upload limit. */
    public static final class TooLarge extends IOException {
        public TooLarge(long limit) { super("the file is larger than this server accepts (" + (limit >> 20) + " MB)"); }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
