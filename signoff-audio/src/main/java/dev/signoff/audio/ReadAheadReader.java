package dev.signoff.audio;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a CPU-heavy decoder (FLAC, MP3, Vorbis) on its own thread a few blocks ahead of the
 * consumer, so decoding overlaps with analysis instead of adding to it. Memory stays bounded by
 * the queue: at most {@value #QUEUE_BLOCKS} decoded blocks wait. Errors from the decoder surface
 * from {@link #read} in order, after the blocks decoded before them.
 */
final class ReadAheadReader implements AudioReader {
    private static final int QUEUE_BLOCKS = 4;
    private static final Object END = new Object();

    private final AudioReader inner;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
    private Thread decoder;
    private volatile boolean closed;
    private AudioBlock pending;
    private int pendingOffset;
    private boolean ended;

    ReadAheadReader(AudioReader inner) {
        this.inner = inner;
    }

    @Override
    public StreamInfo info() { return inner.info(); }

    /** Complete once {@link #read} has returned null: the decoder thread has then finished. */
    @Override
    public DecodeDamage damage() { return inner.damage(); }

    @Override
    public boolean finiteSamples() { return inner.finiteSamples(); }

    @Override
    public AudioBlock read(int maxFrames) throws IOException {
        if (maxFrames <= 0) throw new IllegalArgumentException("maxFrames must be positive");
        if (closed) throw new IOException("reader is closed");
        if (decoder == null) start(maxFrames);
        if (pending == null) {
            if (ended) return null;
            Object next = take();
            if (next == END) {
                ended = true;
                return null;
            }
            if (next instanceof IOException e) {
                ended = true;
                throw e;
            }
            if (next instanceof RuntimeException e) {
                ended = true;
                throw e;
            }
            if (next instanceof Error e) {
                ended = true;
                throw e;
            }
            pending = (AudioBlock) next;
            pendingOffset = 0;
        }
        int left = pending.frames() - pendingOffset;
        if (pendingOffset == 0 && left <= maxFrames) {
            AudioBlock whole = pending;
            pending = null;
            return whole;
        }
        int n = Math.min(left, maxFrames);
        float[][] part = new float[pending.channels()][];
        for (int c = 0; c < part.length; c++) {
            part[c] = java.util.Arrays.copyOfRange(pending.channel(c), pendingOffset, pendingOffset + n);
        }
        AudioBlock slice = new AudioBlock(part, n, pending.startFrame() + pendingOffset);
        pendingOffset += n;
        if (pendingOffset == pending.frames()) pending = null;
        return slice;
    }

    private void start(int blockFrames) {
        decoder = new Thread(() -> {
            try {
                AudioBlock b;
                while (!closed && (b = inner.read(blockFrames)) != null) put(b);
                put(END);
            } catch (IOException | RuntimeException | Error e) {
                // an Error too (a decoder running out of memory): unreported, the reader would wait forever
                if (!closed) put(e);
            }
        }, "signoff-decode");
        decoder.setDaemon(true);
        decoder.start();
    }

    private void put(Object item) {
        try {
            while (!closed && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) { }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object take() throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while decoding");
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        queue.clear();
        try {
            if (decoder != null) decoder.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inner.close();
        }
    }
}
