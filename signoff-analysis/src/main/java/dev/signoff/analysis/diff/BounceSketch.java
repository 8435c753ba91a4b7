package dev.signoff.analysis.diff;

import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.DoubleSeries;
import dev.signoff.analysis.Measure;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * What the first, quick pass keeps of a bounce to line it up with another version: an onset
 * envelope and the level of each short frame. A few floats per 20 ms, so a history of many
 * versions can keep every sketch.
 *
 * <p>Method: a short-frame STFT (the {@link Stft} class, frames of about {@value #FRAME_S} s, no
 * overlap) over every channel; per frame the channels' powers are summed bin by bin (so a channel's
 * polarity does not matter) and gathered into {@value #FLUX_BANDS} log-spaced bands from
 * {@value #FLUX_LO_HZ} Hz to {@value #FLUX_HI_HZ} Hz (or 0.45 of the rate). The onset strength is
 * the log spectral flux, the sum over bands of the rise in log power since the previous frame
 * (Dixon 2006, "Onset detection revisited", DAFx; Böck, Krebs and Schedl 2012, with a filterbank so
 * that the random frame-to-frame wobble of single bins of noisy sounds does not drown the onsets).
 * Taking differences of log powers makes the envelope blind to gain and nearly blind to EQ, which
 * scale a band's power by a constant: two versions of a mix give the same onsets wherever their
 * music is the same. Band powers below -100 dBFS count as -100 dBFS, so dither and silence do not
 * make onsets.
 *
 * @param file       the bounce
 * @param info       its format
 * @param frames     its length in samples
 * @param hopFrames  samples per envelope value
 * @param flux       onset strength per frame
 * @param levelDb    each frame's power summed over channels, dBFS (-inf as -200)
 */
public record BounceSketch(Path file, StreamInfo info, long frames, int hopFrames, float[] flux, float[] levelDb) {
    static final double FRAME_S = 0.02;
    static final double FLUX_LO_HZ = 60, FLUX_HI_HZ = 10_000;
    static final int FLUX_BANDS = 24;

    public double hopS() {
        return hopFrames / (double) info.sampleRate();
    }

    public double durationS() {
        return frames / (double) info.sampleRate();
    }

    /** A pass that measures nothing of its own: the sketcher rides along. */
    private static final MeasurementPlan SKETCH_ONLY = MeasurementPlan.of(EnumSet.noneOf(Measure.class));

    /** Decodes {@code file} once and sketches it. */
    public static BounceSketch of(Path file) throws IOException {
        Sketcher[] sketcher = {null};
        SKETCH_ONLY.measure(file, info -> List.of(sketcher[0] = new Sketcher(info)), (info, done) -> { });
        return sketcher[0].result(file);
    }

    /**
     * The sketch as an analyser, for a pass that measures more than the sketch (the review server's
     * analysis of a new version sketches it in the same decoding as its check).
     */
    public static final class Sketcher implements Analyser {
        private final StreamInfo info;
        private final Stft stft;
        private final Envelope envelope;
        private long frames;

        public Sketcher(StreamInfo info) {
            this.info = info;
            stft = new Stft(info, Stft.frameSizeFor(info.sampleRate(), FRAME_S), false);
            envelope = new Envelope(stft, info.sampleRate());
            stft.addListener(envelope);
        }

        @Override public synchronized void accept(AudioBlock block) {
            stft.accept(block);
            frames += block.frames();
        }

        /** The onset strength of the frames so far; may be called from another thread while the pass runs. */
        synchronized float[] fluxSoFar() {
            return envelope.flux();
        }

        @Override public void finish() {
            stft.finish();
        }

        /** The sketch of {@code file}, the stream this pass read; after {@link #finish()}. */
        public BounceSketch result(Path file) {
            return new BounceSketch(file, info, frames, stft.size(), envelope.flux(), envelope.level());
        }
    }

    /** The flux and level of each frame, as an STFT listener. */
    static final class Envelope implements Stft.Listener {
        private final int[] bandOfBin;
        private final double scale, floor;
        private final double[] previous, bands;
        private boolean first = true;
        private final DoubleSeries flux = new DoubleSeries(), level = new DoubleSeries();

        Envelope(Stft stft, int sampleRate) {
            double binHz = stft.binHz();
            double top = Math.min(FLUX_HI_HZ, 0.45 * sampleRate);
            bandOfBin = new int[stft.size() / 2];
            for (int k = 0; k < bandOfBin.length; k++) {
                double hz = k * binHz;
                bandOfBin[k] = hz < FLUX_LO_HZ || hz > top ? -1
                        : Math.min(FLUX_BANDS - 1, (int) (FLUX_BANDS * Math.log(hz / FLUX_LO_HZ) / Math.log(top / FLUX_LO_HZ)));
            }
            scale = stft.powerScale();
            floor = 1e-10;
            previous = new double[FLUX_BANDS];
            bands = new double[FLUX_BANDS];
        }

        @Override
        public void frame(float[][] spectra, long startFrame, int validFrames) {
            double total = 0;
            java.util.Arrays.fill(bands, 0);
            for (int k = 1; k < bandOfBin.length; k++) {
                double p = 0;
                for (float[] s : spectra) p += s[2 * k] * s[2 * k] + s[2 * k + 1] * s[2 * k + 1];
                p *= scale;
                total += p;
                if (bandOfBin[k] >= 0) bands[bandOfBin[k]] += p;
            }
            double f = 0;
            for (int b = 0; b < FLUX_BANDS; b++) {
                double l = Math.log(Math.max(bands[b], floor));
                if (!first) f += Math.max(0, l - previous[b]);
                previous[b] = l;
            }
            first = false;
            flux.add(f);
            level.add(total > 0 ? 10 * Math.log10(total) : -200);
        }

        @Override
        public void finish() {
        }

        float[] flux() {
            return toFloats(flux);
        }

        float[] level() {
            return toFloats(level);
        }

        private static float[] toFloats(DoubleSeries s) {
            float[] out = new float[s.size()];
            for (int i = 0; i < out.length; i++) out[i] = (float) s.get(i);
            return out;
        }
    }
}
