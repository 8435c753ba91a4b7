package dev.signoff.audio.flac;

import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.CodecReader;
import dev.signoff.audio.OwnedResource;
import dev.signoff.audio.StreamInfo;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;

import dev.signoff.audio.StreamTime;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Decodes native FLAC with jFLAC, one frame at a time ({@link FLACDecoder#readNextFrame()}), taking
 * the integer samples straight from the decoder's channel buffers rather than through its
 * interleaved byte output; memory is one FLAC frame plus the block being filled. Samples are
 * scaled by 2^-(bits-1), so 16- and 24-bit FLAC decode bit-exact to what a WAV reader returns.
 *
 * <p>jFLAC reports CRC mismatches and lost sync only to frame listeners (and zeroes the frame's
 * output), so a listener turns any such report into an {@link AudioFileException}; a stream that
 * ends before the STREAMINFO sample count is reported as truncated.
 */
public final class FlacReader extends CodecReader {
    private static final int MAX_BITS = 24;

    private final Path file;
    private final InputStream input;
    private final FLACDecoder decoder;
    private final StreamInfo info;
    private final long declaredFrames;
    private final float scale;
    private String decoderError;
    private int[][] frameSamples;
    private int frameLength;
    private int frameOffset;
    /** Samples a channel in the FLAC frames before the current one. */
    private long framesBefore;
    private boolean ended;

    private FlacReader(Path file, InputStream input) throws IOException {
        this.file = file;
        this.input = input;
        this.decoder = new FLACDecoder(input);
        decoder.addFrameListener(new FrameListener() {
            @Override public void processMetadata(Metadata metadata) { }
            @Override public void processFrame(Frame f) { }
            @Override public void processError(String msg) {
                if (decoderError == null) decoderError = msg;
                throw new DecoderStopped();
            }
        });
        try {
            decoder.readMetadata();
        } catch (DecoderStopped e) {
            throw new AudioFileException(file, "corrupt FLAC header: " + (isWords(decoderError) ? decoderError : "its metadata blocks cannot be read"));
        } catch (IOException | RuntimeException e) {
            throw new AudioFileException(file, endOfFile(e) ? "truncated: the file ends inside the FLAC header"
                    : "corrupt FLAC header: " + inWords(e, "its metadata blocks cannot be read"));
        }
        org.jflac.metadata.StreamInfo si = decoder.getStreamInfo();
        if (si == null) throw new AudioFileException(file, "corrupt FLAC header: no STREAMINFO block");
        int bits = si.getBitsPerSample();
        if (bits > MAX_BITS) throw new AudioFileException(file, bits + "-bit FLAC is not supported (up to 24 bits)");
        if (si.getChannels() < 1 || si.getSampleRate() <= 0)
            throw new AudioFileException(file, "corrupt FLAC header: " + si.getChannels() + " channels at " + si.getSampleRate() + " Hz");
        this.declaredFrames = si.getTotalSamples() > 0 ? si.getTotalSamples() : -1;
        this.scale = 1f / (1 << (bits - 1));
        this.info = new StreamInfo(si.getSampleRate(), si.getChannels(), bits, false, "FLAC", declaredFrames);
    }

    public static FlacReader open(Path file) throws IOException {
        return OwnedResource.handTo(FileChannel.open(file, StandardOpenOption.READ), channel -> {
            FlacHeader header = FlacHeader.read(file, channel);
            return new FlacReader(file, new BufferedInputStream(header.decoderInput(channel), 1 << 16));
        });
    }

    @Override
    public StreamInfo info() { return info; }

    @Override
    protected int decoded() throws IOException {
        while (frameOffset == frameLength) {
            if (!nextFrame()) return 0;
        }
        return frameLength - frameOffset;
    }

    @Override
    protected void copyDecoded(float[][] out, int at, int frames) {
        for (int c = 0; c < out.length; c++) {
            int[] src = frameSamples[c];
            float[] dst = out[c];
            for (int i = 0; i < frames; i++) dst[at + i] = src[frameOffset + i] * scale;
        }
        frameOffset += frames;
    }

    /** Decodes the next FLAC frame into the decoder's buffers; false at the end of the stream. */
    private boolean nextFrame() throws IOException {
        if (ended) return false;
        long decoded = framesBefore + frameLength;
        if (declaredFrames >= 0 && decoded >= declaredFrames) {
            // jFLAC would go on trying to sync on trailing tags; the declared length is the end.
            ended = true;
            return false;
        }
        Frame f;
        try {
            f = decoder.readNextFrame();
        } catch (DecoderStopped e) {
            if (decoderError.contains("EOFException")) throw truncatedMidFrame(decoded);
            throw corrupt(decoded, isWords(decoderError) ? decoderError : "a frame cannot be decoded");
        } catch (IOException | RuntimeException e) {
            if (endOfFile(e)) throw truncatedMidFrame(decoded);
            throw corrupt(decoded, inWords(e, "a frame cannot be decoded"));
        }
        if (decoderError != null && decoderError.contains("EOFException")) throw truncatedMidFrame(decoded);
        if (decoderError != null || decoder.getBadFrames() > 0) {
            throw corrupt(decoded, decoderError != null && isWords(decoderError) ? decoderError : "a frame cannot be decoded");
        }
        if (f == null) {
            ended = true;
            if (declaredFrames >= 0 && decoded < declaredFrames) {
                throw new AudioFileException(file, String.format(Locale.ROOT,
                        "truncated: FLAC header declares %.1f s but the stream ends at %.1f s",
                        declaredFrames / (double) info.sampleRate(), decoded / (double) info.sampleRate()));
            }
            return false;
        }
        if (f.header.channels != info.channels())
            throw corrupt(decoded, "frame has " + f.header.channels + " channels, stream has " + info.channels());
        ChannelData[] data = decoder.getChannelData();
        if (frameSamples == null) frameSamples = new int[info.channels()][];
        for (int c = 0; c < info.channels(); c++) frameSamples[c] = data[c].getOutput();
        framesBefore = decoded;
        frameLength = f.header.blockSize;
        if (declaredFrames >= 0) frameLength = (int) Math.min(frameLength, declaredFrames - decoded);
        frameOffset = 0;
        return true;
    }

    private AudioFileException corrupt(long atFrame, String what) {
        return new AudioFileException(file, "corrupt FLAC data at " + StreamTime.format(atFrame / (double) info.sampleRate())
                + " (" + what + ")");
    }

    /**
     * Thrown from jFLAC's error callback to stop it at the first error it reports: after a bad
     * frame header it counts a bad frame and tries again from where it stands, which on some
     * damaged streams never ends (found by {@code ReaderFuzzTest}).
     */
    private static final class DecoderStopped extends RuntimeException {
        DecoderStopped() {
            super("the FLAC decoder reported an error", null, false, false);
        }
    }

    private AudioFileException truncatedMidFrame(long atFrame) {
        return new AudioFileException(file, "truncated: ends in the middle of a FLAC frame at " + StreamTime.format(atFrame / (double) info.sampleRate()));
    }

    /** jFLAC reports a stream that stops mid-frame as an EOFException, often wrapped in one of its own. */
    private static boolean endOfFile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || (t.getMessage() != null && t.getMessage().contains("EOFException"))) return true;
        }
        return false;
    }

    /**
     * jFLAC's own message when it says something in words ("CRC Error: 1c2b vs 9f00", "Bad Sync
     * Code"), else {@code otherwise}: never a class name.
     */
    private static String inWords(Throwable e, String otherwise) {
        String m = e.getMessage();
        return isWords(m) ? m.lines().findFirst().orElse(m).strip() : otherwise;
    }

    private static boolean isWords(String m) {
        return m != null && !m.isBlank() && !m.contains("Exception") && !m.contains("org.") && !m.contains("java.") && !m.contains("null");
    }

    @Override
    public void close() throws IOException {
        input.close();
    }
}
