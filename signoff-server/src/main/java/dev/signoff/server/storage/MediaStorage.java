package dev.signoff.server.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a server keeps the versions' files: originals, listening previews and waveforms. Chosen at
 * start-up: the data directory ({@link FolderStorage}, the default) or an S3-compatible bucket
 * ({@link S3Storage}), which several instances can share. Files are named by keys the server makes
 * from ids ({@code audio/<project>/<version>.wav}, {@code previews/<version>.m4a},
 * {@code waveforms/<version>.peaks}), the same relative paths the database stores; a stored file
 * never changes, so readers may remember its size.
 *
 * <p>Files are made on the local disk (staged uploads, encoder output) and handed over whole with
 * {@link #put}: a key either names a complete file or nothing.
 */
public interface MediaStorage extends AutoCloseable {

    /** Where the files are, for the console and logs: a folder, or s3://bucket/prefix. */
    String describe();

    /** Stores the complete local file {@code file} as {@code key}, consuming it (moved or uploaded, then deleted). */
    void put(String key, Path file) throws IOException;

    /** The stored file's size in bytes; {@link java.nio.file.NoSuchFileException} when there is none. */
    long size(String key) throws IOException;

    /** Hands bytes {@code first..first+length-1} of the stored file to {@code out}, in order. */
    void transfer(String key, long first, long length, Sink out) throws IOException;

    /** A local file with the stored file's bytes, for the decoders; closing it removes a temporary copy. */
    LocalCopy local(String key) throws IOException;

    /** Removes the stored file; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /** Every stored file whose key starts with {@code prefix} (such as "audio/"), for the cleaner. */
    List<Stored> list(String prefix) throws IOException;

    @Override void close();

    /** Where {@link #transfer} writes: an HTTP response's output, as a rule. */
    interface Sink {
        void write(ByteBuffer bytes) throws IOException;
    }

    /** A stored file and when it was written (epoch milliseconds). */
    record Stored(String key, long lastModified) {}

    /** A stored file's bytes on the local disk; {@code temporary} copies are deleted on close. */
    record LocalCopy(Path path, boolean temporary) implements AutoCloseable {
        @Override public void close() throws IOException {
            if (temporary) Files.deleteIfExists(path);
        }
    }
}
