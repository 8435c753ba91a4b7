package dev.signoff.audio.flac;

import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.mp3.Mp3Reader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A FLAC file's header, walked by the lengths its metadata blocks declare (as libFLAC and ffmpeg
 * walk it): the STREAMINFO block and where the first audio frame starts.
 *
 * <p>jFLAC is handed only what it needs to decode ({@link #decoderInput}): "fLaC", the STREAMINFO
 * block marked last, then the frames. Left to read the whole header, jFLAC parses every block by
 * its content rather than its declared length and allocates each string, picture and comment array
 * at the size the bytes claim: a zero-length STREAMINFO or a PICTURE block cut short moved it into
 * bytes it took for a 512 MB comment or a 2 GB picture (both found by {@code ReaderFuzzTest}).
 * Tags and pictures are never loaded, so a file's artwork costs no memory either.
 */
final class FlacHeader {
    private static final int STREAMINFO = 0, FORBIDDEN = 127;
    /** The size of STREAMINFO, fixed by the format. */
    private static final int STREAMINFO_BYTES = 34;
    private static final long TOTAL_SAMPLES_MASK = (1L << 36) - 1;
    private static final String[] NAMES = {"STREAMINFO", "PADDING", "APPLICATION", "SEEKTABLE", "VORBIS_COMMENT", "CUESHEET", "PICTURE"};

    private final byte[] streamInfo;
    private final long firstFrame;

    private FlacHeader(byte[] streamInfo, long firstFrame) {
        this.streamInfo = streamInfo;
        this.firstFrame = firstFrame;
    }

    static FlacHeader read(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        long pos = Mp3Reader.skipId3v2(channel) + 4;   // past "fLaC"
        byte[] streamInfo = null;
        while (true) {
            ByteBuffer h = read(channel, pos, 4);
            if (h.limit() < 4) throw new AudioFileException(file, "truncated: the file ends inside the FLAC header");
            int type = h.get(0) & 0x7F;
            boolean last = (h.get(0) & 0x80) != 0;
            long length = h.getInt(0) & 0xFF_FFFFL;
            String name = type < NAMES.length ? NAMES[type] : "metadata";
            if (pos + 4 + length > size) {
                throw new AudioFileException(file, String.format(Locale.ROOT,
                        "truncated: the FLAC %s block declares %d bytes but the file ends %d bytes into it", name, length, size - pos - 4));
            }
            if (type == STREAMINFO) {
                if (streamInfo != null) throw new AudioFileException(file, "corrupt FLAC header: a second STREAMINFO block");
                if (length != STREAMINFO_BYTES) {
                    throw new AudioFileException(file, "corrupt FLAC header: its STREAMINFO block is " + length
                            + " bytes long, where the format fixes " + STREAMINFO_BYTES);
                }
                streamInfo = read(channel, pos + 4, STREAMINFO_BYTES).array();
            } else if (type == FORBIDDEN) {
                throw new AudioFileException(file, "corrupt FLAC header: a metadata block of the forbidden type 127");
            }
            pos += 4 + length;
            if (last) break;
        }
        if (streamInfo == null) throw new AudioFileException(file, "corrupt FLAC header: no STREAMINFO block");
        return new FlacHeader(streamInfo, pos);
    }

    /** "fLaC", STREAMINFO as the only (last) block, then the file from its first frame on. */
    /** Where the first frame starts in the file. */
    long firstFrame() {
        return firstFrame;
    }

    /** The bytes {@link #decoderInput} puts before the frames: "fLaC", a block header and STREAMINFO. */
    long decoderHeaderBytes() {
        return 4 + 4 + STREAMINFO_BYTES;
    }

    /** STREAMINFO's total samples per channel (its low 36 bits at byte 10); 0 when unknown. */
    long declaredSamples() {
        return ByteBuffer.wrap(streamInfo).getLong(10) & TOTAL_SAMPLES_MASK;
    }

    /**
     * The total is left out (0, "unknown") of what jFLAC sees: it stops looking for frames once it
     * has decoded that many, and the frames, not the count, say where the audio ends.
     */
    InputStream decoderInput(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(4 + 4 + STREAMINFO_BYTES);
        head.put(new byte[]{'f', 'L', 'a', 'C'}).putInt(0x80 << 24 | STREAMINFO_BYTES).put(streamInfo);
        int word = 4 + 4 + 10;
        head.putLong(word, head.getLong(word) & ~TOTAL_SAMPLES_MASK);
        return new SequenceInputStream(new ByteArrayInputStream(head.array()), Channels.newInputStream(channel.position(firstFrame)));
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining() && channel.read(b, position + b.position()) > 0) { }
        return b.flip();
    }
}
