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
 * ends before the STREAMINFO sample count is reported as truncated. Frames beyond that count are
 * read on, as ffmpeg reads them (the frames are the authority; a wrong count is the header's
 * mistake, reported as {@link dev.signoff.audio.DecodeDamage#framesPastDeclaredEnd()}); what cannot
 * be decoded there (trailing tags or junk) ends the stream. A frame whose channel count or sample
 * rate differs from the stream's is an error naming its byte offset in the file.
 */
public final class FlacReader extends CodecReader {
    private static final int MAX_BITS = 24;

    private final Path file;
    private final CountingInput input;
    /** Where the frames start in the file, and the bytes of made-up header before them in {@link #input}. */
    private final long firstFrame, headerBytes;
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

    private FlacReader(Path file, FlacHeader header, InputStream frames) throws IOException {
        this.file = file;
        this.input = new CountingInput(frames);
        this.firstFrame = header.firstFrame();
        this.headerBytes = header.decoderHeaderBytes();
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
        this.declaredFrames = header.declaredSamples() > 0 ? header.declaredSamples() : -1;
        this.scale = 1f / (1 << (bits - 1));
        this.info = new StreamInfo(si.getSampleRate(), si.getChannels(), bits, false, "FLAC", declaredFrames);
    }

    public static FlacReader open(Path file) throws IOException {
        return OwnedResource.handTo(FileChannel.open(file, StandardOpenOption.READ), channel -> {
            FlacHeader header = FlacHeader.read(file, channel);
            return new FlacReader(file, header, new BufferedInputStream(header.decoderInput(channel), 1 << 16));
        });
    }

    @Override
    public StreamInfo info() { return info; }

    /** Integers scaled to floats: always finite. */
    @Override
    public boolean finiteSamples() { return true; }

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

    @Override
    protected boolean readsPastDeclaredEnd() {
        return true;
    }

    /** Decodes the next FLAC frame into the decoder's buffers; false at the end of the stream. */
    private boolean nextFrame() throws IOException {
        if (ended) return false;
        long decoded = framesBefore + frameLength;
        long at = filePosition();
        Frame f;
        try {
            f = decoder.readNextFrame();
        } catch (IOException | RuntimeException e) {   // DecoderStopped among them
            if (!pastDeclaredEnd(decoded)) throw frameError(e, decoded);
            // Trailing tags or junk after all the audio the header declares: the end, as in ffmpeg.
            ended = true;
            return false;
        }
        if (pastDeclaredEnd(decoded) && (decoderError != null || decoder.getBadFrames() > 0)) {
            ended = true;
            return false;
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
        if (f.header.channels != info.channels() || f.header.sampleRate != info.sampleRate()) {
            throw new AudioFileException(file, String.format(Locale.ROOT,
                    "the FLAC stream changes from %s at %s to %s at %s at byte %d (%s): two streams joined in one file; export the mix again as one file",
                    layout(info.channels()), khz(info.sampleRate()), layout(f.header.channels), khz(f.header.sampleRate), at,
                    StreamTime.format(decoded / (double) info.sampleRate())));
        }
        ChannelData[] data = decoder.getChannelData();
        if (frameSamples == null) frameSamples = new int[info.channels()][];
        for (int c = 0; c < info.channels(); c++) frameSamples[c] = data[c].getOutput();
        framesBefore = decoded;
        frameLength = f.header.blockSize;
        frameOffset = 0;
        return true;
    }

    private boolean pastDeclaredEnd(long decoded) {
        return declaredFrames >= 0 && decoded >= declaredFrames;
    }

    /** The error jFLAC's failure to read the frame at {@code decoded} means. */
    private AudioFileException frameError(Exception e, long decoded) {
        if (e instanceof DecoderStopped) {
            if (decoderError.contains("EOFException")) return truncatedMidFrame(decoded);
            return corrupt(decoded, isWords(decoderError) ? decoderError : "a frame cannot be decoded");
        }
        if (endOfFile(e)) return truncatedMidFrame(decoded);
        return corrupt(decoded, inWords(e, "a frame cannot be decoded"));
    }

    /** The file offset of the next byte jFLAC will decode: what it was given, less its made-up header and what it holds unread. */
    private long filePosition() {
        return firstFrame + input.count - headerBytes - decoder.getBitInputStream().getInputBytesUnconsumed();
    }

    private static String layout(int channels) {
        return channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels";
    }

    private static String khz(int rate) {
        return String.format(Locale.ROOT, "%.1f kHz", rate / 1000.0);
    }

    /** Counts the bytes handed to jFLAC, to say where in the file a frame lies. */
    private static final class CountingInput extends java.io.FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
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
