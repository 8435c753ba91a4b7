package dev.signoff.audio;

import java.io.IOException;
import java.util.Arrays;

/**
 * An {@link AudioReader} over a decoder that produces audio in runs of its own size (a FLAC frame,
 * an MPEG frame, a Vorbis packet, a pipe read from ffmpeg): cuts those runs into blocks of the
 * caller's size, stops at the length {@link #info()} declares (unless the format's frames are
 * the authority: {@link #readsPastDeclaredEnd()}), and numbers the blocks from the start of the
 * stream. Subclasses only decode and copy.
 */
public abstract class CodecReader implements AudioReader {
    private long emitted;
    private boolean ended;
    /** What the decoder passed over; subclasses add the damage they conceal. */
    protected final DecodeDamage.Log damage = new DecodeDamage.Log();

    protected CodecReader() {}

    @Override
    public final AudioBlock read(int maxFrames) throws IOException {
        if (maxFrames <= 0) throw new IllegalArgumentException("maxFrames must be positive");
        int channels = info().channels();
        long declared = info().frames();
        long length = readsPastDeclaredEnd() ? -1 : declared;
        float[][] out = null;
        int n = 0;
        while (n < maxFrames && !ended) {
            int available = decoded();
            if (available <= 0) {
                ended = true;
                break;
            }
            int take = Math.min(available, maxFrames - n);
            if (length >= 0) take = (int) Math.min(take, length - emitted - n);
            if (take <= 0) {
                ended = true;
                countPastDeclaredEnd(channels);
                break;
            }
            if (out == null) out = new float[channels][maxFrames];
            copyDecoded(out, n, take);
            n += take;
        }
        if (n == 0) return null;
        if (n < maxFrames) {
            for (int c = 0; c < channels; c++) out[c] = Arrays.copyOf(out[c], n);
        }
        AudioBlock block = new AudioBlock(out, n, emitted);
        if (declared >= 0 && emitted + n > declared) damage.pastDeclaredEnd(emitted + n - Math.max(declared, emitted), true);
        emitted += n;
        return block;
    }

    /**
     * True when the stream's frames, not its header's length, say where the audio ends: audio past
     * the declared length is then read on and counted as past it (FLAC, as ffmpeg reads it).
     */
    protected boolean readsPastDeclaredEnd() {
        return false;
    }

    /**
     * The decoder has more audio where the header says the stream ends: decoded and dropped, only
     * counted, so the report can say the header and the stream disagree (the audio analysed is
     * the declared length, as the header promises).
     */
    private void countPastDeclaredEnd(int channels) throws IOException {
        float[][] scratch = null;
        long extra = 0;
        int available;
        while ((available = decoded()) > 0) {
            int take = Math.min(available, 8192);
            if (scratch == null) scratch = new float[channels][8192];
            copyDecoded(scratch, 0, take);
            extra += take;
        }
        damage.pastDeclaredEnd(extra, false);
    }

    @Override
    public DecodeDamage damage() {
        return damage.result();
    }

    /**
     * How many decoded frames are waiting to be copied, decoding more when none are; 0 at the end
     * of the stream.
     */
    protected abstract int decoded() throws IOException;

    /**
     * Copies the next {@code frames} waiting frames, scaled to full scale +-1 and in WAV channel
     * order, to {@code out[c][at...]} and drops them from the decoder's output.
     */
    protected abstract void copyDecoded(float[][] out, int at, int frames) throws IOException;

    /** Frames returned in earlier blocks: the stream position of the block being decoded. */
    protected final long emitted() {
        return emitted;
    }
}
