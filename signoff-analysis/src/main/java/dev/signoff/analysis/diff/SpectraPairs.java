package dev.signoff.analysis.diff;

import dev.signoff.analysis.spectrum.Stft;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Pairs the frames of two {@link Stft}s, one per version, fed the same {@link PairedReader} blocks:
 * each pair listener then sees both versions' spectra of a frame together, and the FFTs are shared
 * with the single-version listeners on those STFTs. The two STFTs may run in different lanes (each
 * version on its own core): the old frames are copied into a queue that the new side takes from,
 * waiting when the old lane is behind. The queue stays short, as both lanes are fed by the same
 * reader through bounded queues (the arrays are reused).
 */
final class SpectraPairs {

    /** Receives both versions' packed spectra of each frame (do not modify them), on the new version's lane. */
    interface Listener {
        void frames(float[][] older, float[][] newer, long startFrame, int validFrames);

        void finish();
    }

    private final List<Listener> listeners = new ArrayList<>();
    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<float[][]> spare = new ConcurrentLinkedQueue<>();

    private record Waiting(float[][] spectra, long startFrame) {}

    void addListener(Listener l) {
        listeners.add(l);
    }

    /** The listener to add to the old version's STFT. */
    Stft.Listener olderSide() {
        return new Stft.Listener() {
            @Override
            public void frame(float[][] spectra, long startFrame, int validFrames) {
                float[][] copy = spare.poll();
                if (copy == null) {
                    copy = new float[spectra.length][];
                    for (int c = 0; c < spectra.length; c++) copy[c] = new float[spectra[c].length];
                }
                for (int c = 0; c < spectra.length; c++) System.arraycopy(spectra[c], 0, copy[c], 0, spectra[c].length);
                waiting.add(new Waiting(copy, startFrame));
            }

            @Override
            public void finish() {
            }
        };
    }

    /** The listener to add to the new version's STFT. */
    Stft.Listener newerSide() {
        return new Stft.Listener() {
            @Override
            public void frame(float[][] spectra, long startFrame, int validFrames) {
                Waiting older;
                try {
                    older = waiting.take();
                } catch (InterruptedException e) {
                    // the pass gave up (the old lane failed, or the reader did)
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("comparison interrupted", e);
                }
                if (older.startFrame() != startFrame) throw new IllegalStateException("STFT frames out of step");
                for (Listener l : listeners) l.frames(older.spectra(), spectra, startFrame, validFrames);
                spare.add(older.spectra());
            }

            @Override
            public void finish() {
                for (Listener l : listeners) l.finish();
            }
        };
    }
}
