package dev.signoff.analysis.technical;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;

/**
 * Sits between a decoder and the analysers: counts NaN and infinite samples and hands them on as
 * silence, so that one bad sample of a float file neither poisons every sum (loudness, peaks,
 * spectra) nor passes unseen; and notices when the audio is nothing but digital zeros. Blocks
 * with a non-finite sample are copied before they are mended, as a reader's blocks are never
 * written to. It also hands on what the decoder passed over ({@link AudioReader#damage}).
 */
public final class SampleCheckingReader implements AudioReader {
    private final AudioReader source;
    private long nonFinite;
    private long firstNonFiniteFrame = -1;
    private boolean anyNonZero;
    private final boolean finite;

    public SampleCheckingReader(AudioReader source) {
        this.source = source;
        finite = source.finiteSamples();
    }

    @Override
    public StreamInfo info() {
        return source.info();
    }

    @Override
    public AudioBlock read(int maxFrames) throws IOException {
        AudioBlock b = source.read(maxFrames);
        if (b == null) return null;
        float[][] samples = b.samples();
        // Integer formats cannot hold NaN or infinity: only digital silence is left to notice, until a sample is not zero.
        if (finite) {
            if (!anyNonZero) anyNonZero = anyNonZero(samples, b.frames());
            return b;
        }
        if (allFinite(samples, b.frames())) return b;
        float[][] mended = null;
        for (int c = 0; c < samples.length; c++) {
            float[] x = samples[c];
            for (int i = 0; i < b.frames(); i++) {
                float v = x[i];
                if (Float.isFinite(v)) {
                    if (v != 0) anyNonZero = true;
                    continue;
                }
                if (mended == null) mended = copy(samples);
                mended[c][i] = 0f;
                nonFinite++;
                if (firstNonFiniteFrame < 0 || b.startFrame() + i < firstNonFiniteFrame) firstNonFiniteFrame = b.startFrame() + i;
            }
        }
        return mended == null ? b : new AudioBlock(mended, b.frames(), b.startFrame());
    }

    /**
     * True when every sample is finite (then notes whether any is not zero). On the bits, with no
     * branch a sample: an exponent of all ones (infinity, NaN) carries into the sign bit.
     */
    private boolean allFinite(float[][] samples, int frames) {
        int nonFinite = 0, bits = 0;
        for (float[] x : samples) {
            for (int i = 0; i < frames; i++) {
                int r = Float.floatToRawIntBits(x[i]);
                bits |= r;
                nonFinite |= (r & 0x7f800000) + 0x00800000;
            }
        }
        if (nonFinite < 0) return false;
        if ((bits & 0x7fffffff) != 0) anyNonZero = true;
        return true;
    }

    private static boolean anyNonZero(float[][] samples, int frames) {
        for (float[] x : samples) {
            for (int i = 0; i < frames; i++) if (x[i] != 0) return true;
        }
        return false;
    }

    private static float[][] copy(float[][] samples) {
        float[][] out = new float[samples.length][];
        for (int c = 0; c < samples.length; c++) out[c] = samples[c].clone();
        return out;
    }

    /** What was seen in the blocks read so far; complete once {@link #read} has returned null. */
    public SampleHealth result() {
        return new SampleHealth(nonFinite,
                firstNonFiniteFrame < 0 ? Double.NaN : firstNonFiniteFrame / (double) info().sampleRate(),
                !anyNonZero, source.damage());
    }

    @Override
    public boolean finiteSamples() {
        return true;
    }

    @Override
    public dev.signoff.audio.DecodeDamage damage() {
        return source.damage();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
