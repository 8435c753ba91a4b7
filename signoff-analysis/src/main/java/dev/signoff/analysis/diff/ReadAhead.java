package dev.signoff.analysis.diff;

import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.MixCheck;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decodes a file on a thread of its own, a few blocks ahead of the one reading it, so two versions
 * read side by side ({@link PairedReader}) are decoded on two cores. A tap, if any, sees every
 * block of the file on that thread, all channels, from the first sample to the last, even those
 * the reader no longer wants once the other version has ended ({@link #finish()}): the sketch of
 * the whole file is made in the same decoding as the comparison.
 */
final class ReadAhead implements AudioReader {
    /**
     * Small blocks, few of them: whatever is in flight at a young collection is promoted, and
     * under the serial collector the old generation is not collected again during a comparison.
     */
    private static final int BLOCK_FRAMES = MixCheck.BLOCK_FRAMES, QUEUE_BLOCKS = 8;
    private static final AudioBlock END = new AudioBlock(new float[0][0], 0, -1);

    private final AudioReader source;
    private final BlockingQueue<AudioBlock> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
    private final Thread thread;
    private volatile boolean detached, closed;
    private volatile Throwable failure;
    private boolean ended;

    /** @param tap sees every block of the file, then its end (null: none) */
    ReadAhead(AudioReader source, Analyser tap) {
        this.source = source;
        thread = new Thread(() -> decode(tap), "decode-ahead");
        thread.setDaemon(true);
        thread.start();
    }

    private void decode(Analyser tap) {
        try {
            AudioBlock block;
            while (!closed && (block = source.read(BLOCK_FRAMES)) != null) {
                if (tap != null) tap.accept(block);
                if (!detached) queue.put(block);
            }
            if (tap != null && !closed) tap.finish();
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (!detached) {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public StreamInfo info() {
        return source.info();
    }

    @Override
    public AudioBlock read(int maxFrames) throws IOException {
        if (ended) return null;
        AudioBlock block;
        try {
            block = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("decoding interrupted", e);
        }
        if (block == END) {
            ended = true;
            rethrow();
            return null;
        }
        return block;
    }

    /** Lets the decoding run to the end of the file for the tap without handing on more blocks, and waits for it. */
    void finish() throws IOException {
        detached = true;
        try {
            while (thread.isAlive()) {
                queue.clear();
                thread.join(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("decoding interrupted", e);
        }
        rethrow();
    }

    private void rethrow() throws IOException {
        Throwable t = failure;
        if (t == null) return;
        if (t instanceof IOException e) throw e;
        if (t instanceof UncheckedIOException e) throw e.getCause();
        if (t instanceof RuntimeException e) throw e;
        if (t instanceof Error e) throw e;
        throw new IOException(t);
    }

    /** Stops the decoding, leaving the source open. */
    void stop() {
        detached = true;
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } finally {
            source.close();
        }
    }
}
