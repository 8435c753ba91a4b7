package dev.signoff.analysis.diff;

import dev.signoff.analysis.spectrum.Stft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Pairs the frames of two {@link Stft}s, one per version, fed the same {@link PairedReader} blocks
 * in the same lane (the old one first): each pair listener then sees both versions' spectra of a
 * frame together, and the FFTs are shared with the single-version listeners on those STFTs. A block
 * makes the old STFT emit all of its frames before the new one emits any, so the old frames wait in
 * a short queue (a block's worth of frames; the arrays are reused).
 */
final class SpectraPairs {

    /** Receives both versions' packed spectra of each frame (do not modify them). */
    interface Listener {
        void frames(float[][] older, float[][] newer, long startFrame, int validFrames);

        void finish();
    }

    private final List<Listener> listeners = new ArrayList<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private final ArrayDeque<float[][]> spare = new ArrayDeque<>();

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
                Waiting older = waiting.poll();
                if (older == null || older.startFrame() != startFrame) throw new IllegalStateException("STFT frames out of step");
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
