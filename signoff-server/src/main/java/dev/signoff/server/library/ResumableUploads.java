package dev.signoff.server.library;

import dev.signoff.server.DataDirectory;
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

    private final DataDirectory dir;
    private final UploadStore uploads;
    private final VersionStore versions;
    private final VersionImporter importer;

    public ResumableUploads(DataDirectory dir, UploadStore uploads, VersionStore versions, VersionImporter importer) {
        this.dir = dir;
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
     * without writing. Any other chunk must start exactly at the current offset.
     */
    public Progress receive(Upload u, long start, long end, InputStream body) throws IOException, WrongOffset, VersionImporter.Refused {
        if (end < u.receivedBytes() || start != u.receivedBytes()) {
            // Read the body anyway, so the connection stays usable for the client's next chunk.
            body.transferTo(java.io.OutputStream.nullOutputStream());
            if (end < u.receivedBytes()) return new Progress(u, versionOf(u));
            throw new WrongOffset(u.receivedBytes(), start);
        }
        long length = end - start + 1;
        Path part = partFile(dir, u.id());
        if (!Files.exists(part)) throw new java.nio.file.NoSuchFileException("the upload's data is gone (it was cancelled or cleaned up); start again");
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long written = 0;
            byte[] arr = buf.array();
            int n;
            while (written < length && (n = body.read(arr, 0, (int) Math.min(arr.length, length - written))) > 0) {
                buf.clear().limit(n);
                while (buf.hasRemaining()) ch.write(buf, start + written + buf.position());
                written += n;
            }
            if (written != length || body.read() != -1)
                throw new IncompleteChunk("the chunk's body does not match its Content-Range (" + length + " bytes); send it again");
            ch.force(false);
        }
        if (!uploads.advance(u.id(), start, end + 1)) {
            // Another request carried the same chunk and counted it first.
            Upload now = uploads.find(u.id()).orElseThrow();
            return new Progress(now, versionOf(now));
        }
        Upload now = uploads.find(u.id()).orElseThrow();
        if (!now.complete()) return new Progress(now, null);
        return new Progress(now, finish(now));
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
