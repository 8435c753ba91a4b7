package dev.signoff.audio.flac;

import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.mp3.Mp3Reader;
import dev.signoff.audio.vorbis.VorbisCommentLengths;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Walks a FLAC file's metadata blocks before jFLAC reads them, refusing any declared size that the
 * file cannot hold: jFLAC allocates a Vorbis comment's strings and comment array, and a picture's
 * MIME type, description and data, at the sizes they declare, so a crafted header of a few bytes
 * could ask for gigabytes.
 */
final class FlacMetadataLimits {
    private static final int VORBIS_COMMENT = 4, PICTURE = 6;
    private static final String[] NAMES = {"STREAMINFO", "PADDING", "APPLICATION", "SEEKTABLE", "VORBIS_COMMENT", "CUESHEET", "PICTURE"};

    private FlacMetadataLimits() {}

    static void check(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        long pos = Mp3Reader.skipId3v2(channel) + 4;   // past "fLaC"
        while (true) {
            ByteBuffer h = read(channel, pos, 4);
            if (h.limit() < 4) return;   // jFLAC reports the truncation
            int type = h.get(0) & 0x7F;
            boolean last = (h.get(0) & 0x80) != 0;
            long length = h.getInt(0) & 0xFF_FFFFL;
            String name = type < NAMES.length ? NAMES[type] : "metadata";
            if (pos + 4 + length > size) {
                throw new AudioFileException(file, String.format(Locale.ROOT,
                        "truncated: the FLAC %s block declares %d bytes but the file ends %d bytes into it", name, length, size - pos - 4));
            }
            if (type == VORBIS_COMMENT || type == PICTURE) {
                ByteBuffer body = read(channel, pos + 4, (int) length);
                String overrun = type == VORBIS_COMMENT ? VorbisCommentLengths.overrun(body) : pictureOverrun(body);
                if (overrun != null) {
                    throw new AudioFileException(file, "corrupt FLAC " + name + " block: it declares " + overrun
                            + " in a block of " + length + " bytes");
                }
            }
            if (last) return;
            pos += 4 + length;
        }
    }

    /** A PICTURE block's MIME type, description and data lengths (big-endian) against the block. */
    private static String pictureOverrun(ByteBuffer b) {
        long size = b.limit();
        long pos = 4;
        String[] fields = {"a MIME type", "a description"};
        for (String field : fields) {
            if (pos + 4 > size) return null;
            long n = b.getInt((int) pos) & 0xFFFF_FFFFL;
            pos += 4;
            if (n > size - pos) return field + " of " + n + " bytes";
            pos += n;
        }
        pos += 16;
        if (pos + 4 > size) return null;
        long data = b.getInt((int) pos) & 0xFFFF_FFFFL;
        return data > size - pos - 4 ? "picture data of " + data + " bytes" : null;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining() && channel.read(b, position + b.position()) > 0) { }
        return b.flip();
    }
}
