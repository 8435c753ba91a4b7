package dev.signoff.server.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Version files mapped into memory once and served as slices: a range request costs no read
 * and no copy in Java; the socket write takes the bytes straight from the page cache, as
 * nginx's sendfile does. Files are mapped in segments of 1 GiB (a
 * mapping holds at most 2 GB); the least recently used files are dropped past {@link #MAX_FILES}
 * (the mapping itself goes when the garbage collector frees it). Stored versions never change,
 * so a mapping never goes stale; one whose file was removed keeps serving until it is dropped.
 */
final class MappedFiles {
    static final int SEGMENT_BITS = 30;
    static final int MAX_FILES = 64;

    private record Mapped(long size, MappedByteBuffer[] segments) {}

    private final Map<Path, Mapped> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Path, Mapped> eldest) { return size() > MAX_FILES; }
    };

    /** The file's size. */
    public long size(Path file) throws IOException {
        return mapped(file).size();
    }

    /**
     * Read-only slices covering bytes {@code first..first+length-1} of the file, in order
     * (more than one only when the range crosses a segment boundary).
     */
    public ByteBuffer[] slices(Path file, long first, long length) throws IOException {
        Mapped m = mapped(file);
        if (first < 0 || length < 0 || first + length > m.size()) throw new IllegalArgumentException("range outside the file");
        int from = (int) (first >>> SEGMENT_BITS), to = length == 0 ? from : (int) ((first + length - 1) >>> SEGMENT_BITS);
        ByteBuffer[] out = new ByteBuffer[to - from + 1];
        long pos = first, left = length;
        for (int s = from; s <= to; s++) {
            int offset = (int) (pos - ((long) s << SEGMENT_BITS));
            int n = (int) Math.min(left, m.segments()[s].capacity() - offset);
            out[s - from] = m.segments()[s].duplicate().position(offset).limit(offset + n).slice();
            pos += n;
            left -= n;
        }
        return out;
    }

    private Mapped mapped(Path file) throws IOException {
        synchronized (cache) {
            Mapped m = cache.get(file);
            if (m != null) return m;
        }
        Mapped m;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int count = (int) Math.max(1, (size + (1L << SEGMENT_BITS) - 1) >>> SEGMENT_BITS);
            MappedByteBuffer[] segments = new MappedByteBuffer[count];
            for (int s = 0; s < count; s++) {
                long start = (long) s << SEGMENT_BITS;
                segments[s] = ch.map(FileChannel.MapMode.READ_ONLY, start, Math.min(1L << SEGMENT_BITS, size - start));
            }
            m = new Mapped(size, segments);
        }
        synchronized (cache) {
            cache.put(file, m);
        }
        return m;
    }
}
