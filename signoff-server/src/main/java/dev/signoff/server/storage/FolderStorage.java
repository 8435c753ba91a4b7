package dev.signoff.server.storage;

import dev.signoff.server.DataDirectory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The versions' files in the data directory (audio/, previews/, waveforms/), served from memory
 * mappings ({@link MappedFiles}). The default storage.
 */
public final class FolderStorage implements MediaStorage {
    private final DataDirectory dir;
    private final MappedFiles mapped = new MappedFiles();

    public FolderStorage(DataDirectory dir) { this.dir = dir; }

    @Override public String describe() { return dir.root().toString(); }

    /** An atomic rename into place (a no-op when the file was made there already). */
    @Override public void put(String key, Path file) throws IOException {
        Path target = dir.resolve(key);
        if (target.equals(file.toAbsolutePath().normalize())) return;
        Files.createDirectories(target.getParent());
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override public long size(String key) throws IOException { return mapped.size(dir.resolve(key)); }

    @Override public void transfer(String key, long first, long length, Sink out) throws IOException {
        for (ByteBuffer slice : slices(key, first, length)) out.write(slice);
    }

    /** The bytes as read-only slices of the file's mapping: no read and no copy in Java (the listening fast path writes them asynchronously). */
    public ByteBuffer[] slices(String key, long first, long length) throws IOException {
        return mapped.slices(dir.resolve(key), first, length);
    }

    @Override public LocalCopy local(String key) { return new LocalCopy(dir.resolve(key), false); }

    @Override public void delete(String key) throws IOException { Files.deleteIfExists(dir.resolve(key)); }

    @Override public List<Stored> list(String prefix) throws IOException {
        Path area = dir.root().resolve(prefix.substring(0, prefix.indexOf('/')));
        List<Stored> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(area)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String key = dir.relativize(p);
                if (Files.isRegularFile(p) && key.startsWith(prefix)) out.add(new Stored(key, Files.getLastModifiedTime(p).toMillis()));
            }
        }
        return out;
    }

    @Override public void close() { }
}
