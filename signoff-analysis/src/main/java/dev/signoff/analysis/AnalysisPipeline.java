package dev.signoff.analysis;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongConsumer;

/**
 * Reads a stream once and pushes every block to all analysers. Analysers are grouped in lanes;
 * each lane beyond the first runs on its own thread behind a short bounded queue, so memory stays
 * at a few blocks whatever the file length, and a slow lane slows the reader rather than piling up.
 */
public final class AnalysisPipeline {
    private static final int QUEUE_BLOCKS = 8;
    private static final AudioBlock END = new AudioBlock(new float[0][0], 0, -1);

    private final List<List<Analyser>> lanes;

    @SafeVarargs
    public AnalysisPipeline(List<? extends Analyser>... lanes) {
        this.lanes = new ArrayList<>();
        for (List<? extends Analyser> lane : lanes) if (!lane.isEmpty()) this.lanes.add(List.copyOf(lane));
    }

    /** Runs the pass and finishes every analyser; returns the number of frames read. */
    public long run(AudioReader reader, int blockFrames, LongConsumer progress) throws IOException {
        List<Worker> workers = new ArrayList<>();
        for (int i = 1; i < lanes.size(); i++) {
            Worker w = new Worker(lanes.get(i), i);
            workers.add(w);
            w.start();
        }
        List<Analyser> inline = lanes.isEmpty() ? List.of() : lanes.get(0);
        long frames = 0;
        try {
            AudioBlock block;
            while ((block = reader.read(blockFrames)) != null) {
                if (block.frames() == 0) continue;
                for (Worker w : workers) w.put(block);
                for (Analyser a : inline) a.accept(block);
                frames += block.frames();
                progress.accept(frames);
            }
            for (Worker w : workers) w.put(END);
            for (Analyser a : inline) a.finish();
            for (Worker w : workers) w.awaitDone();
        } finally {
            for (Worker w : workers) w.interrupt();
        }
        return frames;
    }

    private static final class Worker extends Thread {
        private final List<Analyser> analysers;
        private final BlockingQueue<AudioBlock> queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
        private volatile Throwable failure;

        Worker(List<Analyser> analysers, int lane) {
            // Numbered, so that a profile tells the lanes apart.
            super("signoff-analysis-lane-" + lane);
            setDaemon(true);
            this.analysers = analysers;
        }

        void put(AudioBlock b) throws IOException {
            checkFailure();
            try {
                while (!queue.offer(b, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) checkFailure();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("analysis interrupted", e);
            }
        }

        void awaitDone() throws IOException {
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("analysis interrupted", e);
            }
            checkFailure();
        }

        private void checkFailure() {
            Throwable f = failure;
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error err) throw err;
            if (f != null) throw new UncheckedIOException(new IOException(f));
        }

        @Override public void run() {
            try {
                while (true) {
                    AudioBlock b = queue.take();
                    if (b == END) break;
                    for (Analyser a : analysers) a.accept(b);
                }
                for (Analyser a : analysers) a.finish();
            } catch (InterruptedException e) {
                // the reader gave up (error or cancel): nothing to finish
            } catch (Throwable t) {
                failure = t;
            }
        }
    }
}
