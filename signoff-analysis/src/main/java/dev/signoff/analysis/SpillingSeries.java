package dev.signoff.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A growable series of doubles whose heap use is bounded whatever its length: the values are kept
 * in chunks (of {@value #CHUNK} unless told otherwise) and, once more than {@code memoryChunks} full chunks are in memory,
 * the full ones go to a temporary file and are read back a chunk at a time (the last
 * {@value #CACHED} chunks read are kept). Every value reads back exactly as added, so an analysis
 * over it gives the same result at any length; a series shorter than the limit never touches the
 * disk. For per-block summaries that are only used at the end, mostly near each other.
 *
 * <p>{@link #close()} deletes the file; it is also unlinked as soon as it is created where the
 * system allows it (Linux, macOS), so an analysis that is abandoned leaves nothing behind.
 */
public final class SpillingSeries implements AutoCloseable {
    /** Values per chunk: 32 KiB of doubles, one file read. */
    public static final int CHUNK = 4096;
    /** Chunks read back that stay in memory: the windows the analyses take span at most two. */
    static final int CACHED = 4;

    private final int chunk, memoryChunks;
    /** Every chunk in order; null once written to the file (and not in the cache). */
    private final List<double[]> chunks = new ArrayList<>();
    private double[] tail;
    /**
     * Chunks already written to the file, to be filled again: a long series then allocates nothing
     * once it spills, so no chunk that lived for minutes (and was promoted) is left behind as
     * garbage in the old generation, whose pages the process would keep.
     */
    private final ArrayDeque<double[]> spare = new ArrayDeque<>();
    private int tailSize;
    private int resident;
    private long size;
    private FileChannel file;
    private final int[] cachedChunk = new int[CACHED];
    private final double[][] cache = new double[CACHED][];
    private int nextCacheSlot;
    private ByteBuffer io;

    /** @param memoryChunks full chunks of {@value #CHUNK} kept in memory before they go to the file (at least 1) */
    public SpillingSeries(int memoryChunks) {
        this(CHUNK, memoryChunks);
    }

    /** @param chunk values per chunk (small ones in tests, to spill soon) */
    public SpillingSeries(int chunk, int memoryChunks) {
        if (chunk < 1 || memoryChunks < 1) throw new IllegalArgumentException("chunk and memoryChunks must be at least 1");
        this.chunk = chunk;
        this.memoryChunks = memoryChunks;
        tail = new double[chunk];
        java.util.Arrays.fill(cachedChunk, -1);
    }

    public void add(double v) {
        tail[tailSize++] = v;
        size++;
        if (tailSize == chunk) {
            chunks.add(tail);
            resident++;
            tail = spare.isEmpty() ? new double[chunk] : spare.pop();
            tailSize = 0;
            if (resident > memoryChunks) spill();
        }
    }

    public long size() { return size; }

    public double get(long i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("index " + i + " of " + size);
        int c = (int) (i / chunk), at = (int) (i % chunk);
        if (c == chunks.size()) return tail[at];
        double[] values = chunks.get(c);
        return values != null ? values[at] : readBack(c)[at];
    }

    /** Writes every full chunk still in memory to the file and lets it go. */
    private void spill() {
        try {
            if (file == null) open();
            for (int c = 0; c < chunks.size(); c++) {
                double[] values = chunks.get(c);
                if (values == null) continue;
                io.clear();
                io.asDoubleBuffer().put(values);
                long at = (long) c * chunk * Double.BYTES;
                while (io.hasRemaining()) at += file.write(io, at);
                chunks.set(c, null);
                spare.push(values);
            }
            resident = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the analysis' temporary file: " + e.getMessage(), e);
        }
    }

    private void open() throws IOException {
        Path path = Files.createTempFile("signoff-series-", ".bin");
        file = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DELETE_ON_CLOSE);
        try {
            Files.delete(path);
        } catch (IOException e) {
            // Windows keeps an open file: DELETE_ON_CLOSE removes it at close().
        }
        io = ByteBuffer.allocate(chunk * Double.BYTES);
    }

    private double[] readBack(int c) {
        for (int s = 0; s < CACHED; s++) if (cachedChunk[s] == c) return cache[s];
        int s = nextCacheSlot;
        nextCacheSlot = (nextCacheSlot + 1) % CACHED;
        if (cache[s] == null) cache[s] = new double[chunk];
        try {
            io.clear();
            long at = (long) c * chunk * Double.BYTES;
            while (io.hasRemaining()) {
                int n = file.read(io, at);
                if (n < 0) throw new IOException("the file ends early");
                at += n;
            }
            io.flip();
            io.asDoubleBuffer().get(cache[s]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the analysis' temporary file: " + e.getMessage(), e);
        }
        cachedChunk[s] = c;
        return cache[s];
    }

    /** Deletes the temporary file, if there is one; the series is empty afterwards. */
    @Override
    public void close() {
        chunks.clear();
        spare.clear();
        tail = new double[0];
        tailSize = 0;
        resident = 0;
        size = 0;
        java.util.Arrays.fill(cache, null);
        java.util.Arrays.fill(cachedChunk, -1);
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // Already unlinked on Linux; nothing more can be done about it here.
            }
            file = null;
        }
    }
}
