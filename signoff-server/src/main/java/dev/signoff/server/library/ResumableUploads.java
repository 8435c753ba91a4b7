package dev.signoff.server.library;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.UploadStore;
import dev.signoff.server.store.UploadStore.Upload;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.store.VersionStore.Version;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * Large files sent in chunks that survive a dropped connection: the client declares the size,
 * sends byte ranges in order, and after an interruption asks where to carry on. Each chunk is
 * written at its offset in uploads/&lt;id&gt;.part and forced to disk before the stored offset moves,
 * so the offset never claims bytes the disk does not have. When the last byte arrives the file
 * goes through {@link VersionImporter} like any other.
 */
public final class ResumableUploads {
    /** Largest chunk one request may carry. */
    public static final long MAX_CHUNK = 64L << 20;

    /** What a chunk did: the offset now, and the version once the upload is complete. */
    public record Progress(Upload upload, Version version) {}

    /** The chunk does not start where the upload stands; {@code receivedBytes} says where to resume. */
    public static final class WrongOffset extends Exception {
        private final long receivedBytes;

        WrongOffset(long receivedBytes, long start) {
            super("this chunk starts at byte " + start + " but the upload has " + receivedBytes + " bytes; resume from " + receivedBytes,
                    null, false, false);
            this.receivedBytes = receivedBytes;
        }

        public long receivedBytes() { return receivedBytes; }
    }

    /** Another request is writing a chunk of this upload right now; {@code receivedBytes} says where it stood. */
    public static final class Busy extends Exception {
        private final long receivedBytes;

        Busy(long receivedBytes) {
            super("another request is writing to this upload; ask where it stands (GET) and resume from there", null, false, false);
            this.receivedBytes = receivedBytes;
        }

        public long receivedBytes() { return receivedBytes; }
    }

    /** The chunk's bytes are not the ones its Upload-Checksum describes: damaged on the way. */
    public static final class ChecksumMismatch extends Exception {
        ChecksumMismatch() {
            super("the chunk's bytes do not match its Upload-Checksum; send it again", null, false, false);
        }
    }

    /**
     * How long a chunk's request holds the upload without news: renewed while the body arrives,
     * so only a request whose server died leaves a claim behind, for at most this long.
     */
    static final Duration CLAIM = Duration.ofSeconds(60);

    private final DataDirectory dir;
    private final UploadStore uploads;
    private final VersionStore versions;
    private final VersionImporter importer;
    private final Clock clock;

    public ResumableUploads(DataDirectory dir, UploadStore uploads, VersionStore versions, VersionImporter importer, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        this.uploads = uploads;
        this.versions = versions;
        this.importer = importer;
    }

    static Path partFile(DataDirectory dir, String uploadId) {
        return dir.uploads().resolve(uploadId + ".part");
    }

    public Upload start(String projectId, String fileName, long sizeBytes, String label) throws IOException {
        Upload u = uploads.create(projectId, fileName, sizeBytes, label);
        Files.newByteChannel(partFile(dir, u.id()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return u;
    }

    /**
     * Writes bytes {@code start..end} (inclusive) read from {@code body}. A chunk that lies wholly
     * within what was already received is a retry whose answer got lost: it is acknowledged
     * without writing. Any other chunk must start exactly at the current offset, and is written
     * only while its request holds the upload's claim: a second request arriving meanwhile is
     * refused ({@link Busy}), so two bodies never mix in the .part file.
     *
     * @param sha256 the chunk's SHA-256 as the client computed it (Upload-Checksum), or null; on a
     *               mismatch the offset does not move ({@link ChecksumMismatch})
     */
    public Progress receive(Upload u, long start, long end, InputStream body, byte[] sha256)
            throws IOException, WrongOffset, Busy, ChecksumMismatch, VersionImporter.Refused {
        Progress answered = answerWithoutWriting(u, start, end, body);
        if (answered != null) return answered;
        String writer = Ids.newId();
        if (!uploads.claim(u.id(), writer, clock.millis() + CLAIM.toMillis())) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
            throw new Busy(uploads.find(u.id()).map(Upload::receivedBytes).orElse(u.receivedBytes()));
        }
        try {
            // Where the upload stands now that no other request can move it.
            Upload now = uploads.find(u.id()).orElseThrow(() -> new java.nio.file.NoSuchFileException("the upload was cancelled; start again"));
            answered = answerWithoutWriting(now, start, end, body);
            if (answered != null) return answered;
            write(now, start, end, body, sha256, writer);
            if (!uploads.advance(u.id(), start, end + 1)) {
                // The claim ran out (the body stalled for longer than CLAIM) and another request moved on.
                throw new Busy(uploads.find(u.id()).map(Upload::receivedBytes).orElse(start));
            }
            now = uploads.find(u.id()).orElseThrow();
            if (!now.complete()) return new Progress(now, null);
            uploads.claim(u.id(), writer, clock.millis() + CLAIM.toMillis());
            return new Progress(now, finish(now));
        } finally {
            uploads.release(u.id(), writer);
        }
    }

    /** A retried chunk's answer, or a refusal for one that does not start at the offset; null when the chunk is to be written. */
    private Progress answerWithoutWriting(Upload u, long start, long end, InputStream body) throws IOException, WrongOffset {
        if (end >= u.receivedBytes() && start == u.receivedBytes()) return null;
        // Read the body anyway, so the connection stays usable for the client's next chunk.
        body.transferTo(java.io.OutputStream.nullOutputStream());
        if (end < u.receivedBytes()) return new Progress(u, versionOf(u));
        throw new WrongOffset(u.receivedBytes(), start);
    }

    private void write(Upload u, long start, long end, InputStream body, byte[] sha256, String writer) throws IOException, ChecksumMismatch {
        long length = end - start + 1;
        Path part = partFile(dir, u.id());
        if (!Files.exists(part)) throw new java.nio.file.NoSuchFileException("the upload's data is gone (it was cancelled or cleaned up); start again");
        MessageDigest digest = sha256 == null ? null : VersionImporter.sha256Digest();
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long written = 0;
            long renewAt = clock.millis() + CLAIM.toMillis() / 4;
            byte[] arr = buf.array();
            int n;
            while (written < length && (n = body.read(arr, 0, (int) Math.min(arr.length, length - written))) > 0) {
                if (digest != null) digest.update(arr, 0, n);
                buf.clear().limit(n);
                while (buf.hasRemaining()) ch.write(buf, start + written + buf.position());
                written += n;
                if (clock.millis() > renewAt) {
                    // A slow connection: keep the claim while its bytes still arrive.
                    uploads.claim(u.id(), writer, clock.millis() + CLAIM.toMillis());
                    renewAt = clock.millis() + CLAIM.toMillis() / 4;
                }
            }
            if (written != length || body.read() != -1)
                throw new IncompleteChunk("the chunk's body does not match its Content-Range (" + length + " bytes); send it again");
            if (digest != null && !MessageDigest.isEqual(digest.digest(), sha256)) throw new ChecksumMismatch();
            ch.force(false);
        }
    }

    /** The last byte is in: import the file and remember the version on the upload. */
    private Version finish(Upload u) throws IOException, VersionImporter.Refused {
        Path part = partFile(dir, u.id());
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.truncate(u.sizeBytes());
        }
        try {
            Version v = importer.importStaged(u.projectId(), part, u.fileName(), u.label(), null);
            uploads.finished(u.id(), v.id());
            return v;
        } catch (VersionImporter.Refused | IOException | RuntimeException e) {
            uploads.delete(u.id());
            throw e;
        }
    }

    private Version versionOf(Upload u) {
        return u.versionId() == null ? null : versions.find(u.versionId()).orElse(null);
    }

    public void cancel(Upload u) throws IOException {
        uploads.delete(u.id());
        Files.deleteIfExists(partFile(dir, u.id()));
    }

    /** The request body ended early or ran past its declared range. */
    public static final class IncompleteChunk extends IOException {
        IncompleteChunk(String message) { super(message); }
    }
}
