package dev.signoff.audio.mp3;

import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.CodecReader;
import dev.signoff.audio.OwnedResource;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.StreamTime;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.Obuffer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Decodes MPEG-1/2/2.5 layer I-III audio with JLayer's {@link Decoder}, taking the synthesis
 * filter's float output directly (before JLayer's 16-bit clipping, so inter-sample overs in the
 * decoded signal survive for the peak checks) and trimming encoder delay and padding so the
 * decoded audio lines up sample for sample with what was encoded:
 * <ul>
 *   <li>With a LAME/Info tag (written by LAME and ffmpeg in the first frame's Xing header), the
 *   tag frame itself is skipped, then the first {@code encoder delay + 529} samples (the 529 are the
 *   decoder's own filterbank delay), and output stops after {@code frames x samplesPerFrame -
 *   delay - padding} samples, the gapless length.</li>
 *   <li>Without one, {@code 576 + 529} samples are dropped at the start, LAME's default delay, and
 *   nothing at the end (the padding is unknowable, at most one frame of near silence).</li>
 * </ul>
 * Layer I and II streams (rare) are decoded untrimmed. JLayer's synthesis output is scaled by
 * 32700, which is divided out again.
 */
public final class Mp3Reader extends CodecReader {
    static final int DECODER_DELAY = 529;
    static final int DEFAULT_ENCODER_DELAY = 576;
    private static final float JLAYER_SCALE = 1f / 32700f;
    private static final int SCAN_BYTES = 1 << 16;
    /**
     * MPEG-1 layer III at 320 kbit/s and 32 kHz, the largest frame: a stream may lose a partial
     * last frame or two to a cut, but more bytes left undecoded mean frames were skipped.
     */
    private static final int LARGEST_FRAME_BYTES = 1441;

    private final Path file;
    private final InputStream input;
    private final Bitstream bitstream;
    private final FileChannel channel;
    /** Where the next MPEG frame should start, by the lengths of the frames before it ({@link #followFrame}). */
    private long framePosition;
    private final long streamEnd;
    private final ByteBuffer headerBytes = ByteBuffer.allocate(4);
    private final Decoder decoder = new Decoder();
    private final FloatOutput output;
    private final StreamInfo info;
    private final long validFrames;
    /** MPEG frames the Xing/VBRI tag declares, or 0 when unknown. */
    private final int declaredMpegFrames;
    private final int samplesPerFrame;
    /** True when the file holds fewer bytes than the Xing/VBRI tag declares for the stream. */
    private final boolean shorterThanDeclared;
    /** Bytes of MPEG audio frames from the first audio frame to the end of the stream (trailing tags excluded). */
    private final long streamBytes;
    private long decodedBytes;
    private int decodedMpegFrames;
    private long toSkip;
    private int pendingOffset;
    private int pendingLength;
    private boolean ended;

    private Mp3Reader(Path file, FileChannel channel) throws IOException {
        this.file = file;
        long start = skipId3v2(channel);
        ByteBuffer scan = ByteBuffer.allocate(SCAN_BYTES);
        while (scan.hasRemaining() && channel.read(scan, start + scan.position()) > 0) { }
        scan.flip();
        int first = firstFrame(scan);
        if (first < 0) throw new AudioFileException(file, "no MPEG audio frame found in the first 64 KiB; not an MP3 file");
        MpegFrameHeader tagOrFirst = MpegFrameHeader.parse(scan.getInt(first));
        GaplessInfo gapless = GaplessInfo.read(scan, first, tagOrFirst);
        long streamStart = start + first;
        long end = audioEnd(channel);
        // The tag frame is skipped here rather than handed to JLayer, which takes the channel mode
        // of the first frame it reads as the stream's and silently drops every frame of another:
        // a tag frame saying mono over a stereo stream read as 0.0 s of audio.
        int audio = gapless.tagFrame() ? first + tagOrFirst.frameBytes() : first;
        if (audio + 4 > scan.limit() || start + audio >= end)
            throw new AudioFileException(file, "contains no audio (an MP3 tag frame and no audio frame after it)");
        MpegFrameHeader header = MpegFrameHeader.parse(scan.getInt(audio));
        if (header == null || !header.sameStream(tagOrFirst))
            throw new AudioFileException(file, "corrupt MP3: no audio frame follows the Xing/Info tag frame at byte " + streamStart);
        this.declaredMpegFrames = gapless.frames();
        this.samplesPerFrame = header.samplesPerFrame();
        this.shorterThanDeclared = gapless.bytes() > 0 && channel.size() - streamStart < gapless.bytes();
        if (gapless.bytes() > 0) refuseJoinedStream(file, channel, streamStart + gapless.bytes(), end, header);
        this.streamBytes = end - (start + audio);

        this.input = new BufferedInputStream(new RangeInput(channel, start + audio, end), 1 << 16);
        this.channel = channel;
        this.framePosition = start + audio;
        this.streamEnd = end;
        this.bitstream = new Bitstream(input);
        this.output = new FloatOutput(header.channels(), header.samplesPerFrame());
        decoder.setOutputBuffer(output);
        if (gapless.hasDelay()) {
            this.toSkip = gapless.delay() + DECODER_DELAY;
            this.validFrames = gapless.frames() > 0
                    ? Math.max(0, (long) gapless.frames() * header.samplesPerFrame() - gapless.delay() - gapless.padding())
                    : -1;
        } else if (header.layer() != 3) {
            // layers I and II have no MDCT and no agreed encoder delay: nothing is trimmed
            this.toSkip = 0;
            this.validFrames = gapless.frames() > 0 ? (long) gapless.frames() * header.samplesPerFrame() : -1;
        } else {
            this.toSkip = DEFAULT_ENCODER_DELAY + DECODER_DELAY;
            this.validFrames = gapless.frames() > 0 ? Math.max(0, (long) gapless.frames() * header.samplesPerFrame() - toSkip) : -1;
        }
        String name = header.layer() == 3 ? "MP3" : "MPEG layer " + (header.layer() == 1 ? "I" : "II");
        this.info = new StreamInfo(header.sampleRate(), header.channels(), 0, false, name, validFrames);
    }

    /**
     * Refuses a file that goes on with a second MPEG stream where the tag says the first one ends
     * (two files joined with {@code cat}): read to the tag's length, the rest would be silently
     * left out; read past it, the two parts may differ in channels or rate.
     */
    private static void refuseJoinedStream(Path file, FileChannel channel, long declaredEnd, long end, MpegFrameHeader first)
            throws IOException {
        if (declaredEnd + 4 > end) return;
        ByteBuffer after = ByteBuffer.allocate((int) Math.min(SCAN_BYTES, end - declaredEnd));
        while (after.hasRemaining() && channel.read(after, declaredEnd + after.position()) > 0) { }
        after.flip();
        if (firstFrame(after) != 0) return;
        MpegFrameHeader next = MpegFrameHeader.parse(after.getInt(0));
        throw new AudioFileException(file, String.format(Locale.ROOT,
                "two MPEG streams joined in one file: the first (%s, %.1f kHz) ends at byte %d where its Xing/Info tag says, "
                        + "and another (%s, %.1f kHz) follows; export the mix again as one file",
                first.channels() == 1 ? "mono" : "stereo", first.sampleRate() / 1000.0, declaredEnd,
                next.channels() == 1 ? "mono" : "stereo", next.sampleRate() / 1000.0));
    }

    public static Mp3Reader open(Path file) throws IOException {
        return OwnedResource.handTo(FileChannel.open(file, StandardOpenOption.READ), channel -> new Mp3Reader(file, channel));
    }

    /** Offset just past any ID3v2 tags at the start of the file (there may be several). */
    public static long skipId3v2(FileChannel channel) throws IOException {
        long pos = 0;
        ByteBuffer h = ByteBuffer.allocate(10);
        while (true) {
            h.clear();
            while (h.hasRemaining() && channel.read(h, pos + h.position()) > 0) { }
            if (h.position() < 10 || h.get(0) != 'I' || h.get(1) != 'D' || h.get(2) != '3') return pos;
            int size = (h.get(6) & 0x7F) << 21 | (h.get(7) & 0x7F) << 14 | (h.get(8) & 0x7F) << 7 | (h.get(9) & 0x7F);
            boolean footer = (h.get(5) & 0x10) != 0;
            pos += 10 + size + (footer ? 10 : 0);
        }
    }

    /**
     * Where the MPEG frames end: before an ID3v1 tag ("TAG", last 128 bytes) and an APEv2 tag
     * ("APETAGEX" footer). JLayer only accepts a frame when the next one, or the end of input,
     * follows it, so a trailing tag would cost the last frame.
     */
    static long audioEnd(FileChannel channel) throws IOException {
        long end = channel.size();
        if (end >= 128 && "TAG".equals(ascii(channel, end - 128, 3))) end -= 128;
        if (end >= 32 && "APETAGEX".equals(ascii(channel, end - 32, 8))) {
            ByteBuffer footer = ByteBuffer.allocate(32).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            while (footer.hasRemaining() && channel.read(footer, end - 32 + footer.position()) > 0) { }
            long tagBytes = footer.getInt(12) & 0xFFFF_FFFFL;
            boolean hasHeader = (footer.getInt(20) & 0x8000_0000) != 0;
            end = Math.max(0, end - tagBytes - (hasHeader ? 32 : 0));
        }
        return end;
    }

    private static String ascii(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining() && channel.read(b, position + b.position()) > 0) { }
        return new String(b.array(), 0, b.position(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The first offset holding a frame header whose successor sits where its length says (two
     * in a row rule out a stray 0xFFE pattern in leftover tag bytes), or -1.
     */
    static int firstFrame(ByteBuffer b) {
        for (int i = 0; i + 4 <= b.limit(); i++) {
            if ((b.get(i) & 0xFF) != 0xFF) continue;
            MpegFrameHeader h = MpegFrameHeader.parse(b.getInt(i));
            if (h == null) continue;
            int next = i + h.frameBytes();
            if (next + 4 > b.limit()) return next <= b.limit() ? i : -1;
            if (h.sameStream(MpegFrameHeader.parse(b.getInt(next)))) return i;
        }
        return -1;
    }

    @Override
    public StreamInfo info() { return info; }

    @Override
    protected int decoded() throws IOException {
        if (pendingOffset == pendingLength && !decodeFrame()) return 0;
        return pendingLength - pendingOffset;
    }

    @Override
    protected void copyDecoded(float[][] out, int at, int frames) {
        for (int c = 0; c < out.length; c++) {
            float[] src = output.samples[c];
            float[] dst = out[c];
            for (int i = 0; i < frames; i++) dst[at + i] = src[pendingOffset + i] * JLAYER_SCALE;
        }
        pendingOffset += frames;
    }

    /** Decodes frames until one has samples left after the start trim; false at the end. */
    private boolean decodeFrame() throws IOException {
        while (!ended) {
            Header h;
            try {
                h = bitstream.readFrame();
                if (h == null) {
                    ended = true;
                    if (decodedMpegFrames < declaredMpegFrames) {
                        double rate = info.sampleRate();
                        throw new AudioFileException(file, shorterThanDeclared
                                ? String.format(Locale.ROOT, "truncated: MP3 header declares %.1f s but the stream ends at %.1f s",
                                        (long) declaredMpegFrames * samplesPerFrame / rate, (long) decodedMpegFrames * samplesPerFrame / rate)
                                : String.format(Locale.ROOT, "corrupt MP3 data: %d of %d frames could not be decoded",
                                        declaredMpegFrames - decodedMpegFrames, declaredMpegFrames));
                    }
                    // JLayer drops the frames of another channel mode to the end (and the last one
                    // before them): followed by their lengths, are they a second stream?
                    long p = framePosition;
                    MpegFrameHeader after;
                    while ((after = headerAt(p)) != null && after.channels() == info.channels() && after.sampleRate() == info.sampleRate()) {
                        p += after.frameBytes();
                    }
                    if (after != null) refuseFormatChange(after, p);
                    long lost = streamBytes - decodedBytes;
                    if (lost > 2L * LARGEST_FRAME_BYTES) {
                        throw new AudioFileException(file, String.format(Locale.ROOT,
                                "corrupt MP3 data: %d of %d bytes of the stream could not be decoded as frames of its %s %.1f kHz audio "
                                        + "(damaged frames, or another stream joined on); decoded %.1f s",
                                lost, streamBytes, info.channels() == 1 ? "mono" : "stereo", info.sampleRate() / 1000.0,
                                (long) decodedMpegFrames * samplesPerFrame / (double) info.sampleRate()));
                    }
                    return false;
                }
                if (h.frequency() != info.sampleRate() || (h.mode() == Header.SINGLE_CHANNEL ? 1 : 2) != info.channels()) {
                    throw formatChange(h.mode() == Header.SINGLE_CHANNEL ? 1 : 2, h.frequency(), framePosition);
                }
                decoder.decodeFrame(h, bitstream);
                decodedMpegFrames++;
                decodedBytes += h.framesize + 4;
                followFrame();
            } catch (JavaLayerException | RuntimeException e) {
                throw new AudioFileException(file, "corrupt MP3 data at " + StreamTime.format(emitted() / (double) info.sampleRate())
                        + " (a frame cannot be decoded)");
            } finally {
                bitstream.closeFrame();
            }
            int length = output.length();
            int skip = (int) Math.min(toSkip, length);
            toSkip -= skip;
            if (skip < length) {
                pendingOffset = skip;
                pendingLength = length;
                return true;
            }
        }
        return false;
    }

    /**
     * JLayer resynchronises silently: when the bytes after a frame are not a frame header (a
     * damaged header, garbage in the stream), it scans on to the next header followed by another
     * and decodes from there. So the frames are followed here by their lengths, as ffmpeg does,
     * one step per decoded frame: where no header sits where the last frame ends, the stream has
     * lost sync; the bytes up to the next header followed by another are what was passed over.
     */
    private void followFrame() throws IOException {
        MpegFrameHeader at = headerAt(framePosition);
        if (at != null) {
            refuseFormatChange(at, framePosition);
            framePosition += at.frameBytes();
            return;
        }
        ByteBuffer scan = ByteBuffer.allocate((int) Math.min(SCAN_BYTES, streamEnd - framePosition));
        while (scan.hasRemaining() && channel.read(scan, framePosition + scan.position()) > 0) { }
        scan.flip();
        int next = firstFrame(scan);
        if (next <= 0) {
            // No frame in reach: the end check (bytes left undecoded) judges what remains.
            framePosition = streamEnd;
            return;
        }
        damage.add(emitted() / (double) info.sampleRate(), next);
        framePosition += next + MpegFrameHeader.parse(scan.getInt(next)).frameBytes();
    }

    /**
     * When the frame where the last one ends is of another channel count or rate and the frame after
     * it is too (not one damaged header), a second stream starts there (files joined with
     * {@code cat}), which JLayer would skip frame by frame. Refused, naming the byte.
     */
    private void refuseFormatChange(MpegFrameHeader at, long position) throws IOException {
        if (at.channels() == info.channels() && at.sampleRate() == info.sampleRate()) return;
        MpegFrameHeader next = headerAt(position + at.frameBytes());
        if (next == null || next.channels() != at.channels() || next.sampleRate() != at.sampleRate()) return;
        throw formatChange(at.channels(), at.sampleRate(), position);
    }

    private AudioFileException formatChange(int channels, int sampleRate, long position) {
        return new AudioFileException(file, String.format(Locale.ROOT,
                "the MPEG stream changes from %s at %.1f kHz to %s at %.1f kHz at byte %d (%s): two streams joined in one file; "
                        + "export the mix again as one file",
                info.channels() == 1 ? "mono" : "stereo", info.sampleRate() / 1000.0, channels == 1 ? "mono" : "stereo",
                sampleRate / 1000.0, position, StreamTime.format(emitted() / (double) info.sampleRate())));
    }

    private MpegFrameHeader headerAt(long position) throws IOException {
        if (position + 4 > streamEnd) return null;
        headerBytes.clear();
        while (headerBytes.hasRemaining() && channel.read(headerBytes, position + headerBytes.position()) > 0) { }
        return headerBytes.hasRemaining() ? null : MpegFrameHeader.parse(headerBytes.getInt(0));
    }

    @Override
    public void close() throws IOException {
        try {
            bitstream.close();
        } catch (JavaLayerException e) {
            throw new IOException(file.getFileName() + ": " + e.getMessage());
        } finally {
            input.close();
        }
    }

    /** Bytes {@code [from, to)} of a file as a stream, read with positional reads. */
    private static final class RangeInput extends InputStream {
        private final FileChannel channel;
        private final long end;
        private long position;

        RangeInput(FileChannel channel, long from, long to) {
            this.channel = channel;
            this.position = from;
            this.end = to;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            long left = end - position;
            if (left <= 0) return -1;
            int r = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), position);
            if (r > 0) position += r;
            return r;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * Receives the synthesis filter's output, 32 samples a call and channel, as floats: overriding
     * {@link Obuffer#appendSamples} bypasses the 16-bit clip in JLayer's default buffers.
     */
    private static final class FloatOutput extends Obuffer {
        final float[][] samples;
        private final int[] fill;

        FloatOutput(int channels, int samplesPerFrame) {
            samples = new float[channels][samplesPerFrame];
            fill = new int[channels];
        }

        int length() { return fill[0]; }

        @Override
        public void appendSamples(int channel, float[] f) {
            if (channel >= samples.length) return;
            int p = fill[channel];
            System.arraycopy(f, 0, room(channel, p + f.length), p, f.length);
            fill[channel] = p + f.length;
        }

        @Override
        public void append(int channel, short value) {
            if (channel >= samples.length) return;
            int p = fill[channel];
            room(channel, p + 1)[p] = value;
            fill[channel] = p + 1;
        }

        private float[] room(int channel, int needed) {
            float[] dst = samples[channel];
            if (needed > dst.length) dst = samples[channel] = java.util.Arrays.copyOf(dst, Math.max(2 * dst.length, needed));
            return dst;
        }

        @Override public void clear_buffer() { java.util.Arrays.fill(fill, 0); }

        @Override public void write_buffer(int val) { }

        @Override public void close() { }

        @Override public void set_stop_flag() { }
    }
}
