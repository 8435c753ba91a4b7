package dev.signoff.audio.vorbis;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Checks the lengths a Vorbis comment structure declares (vendor string, comment count, each
 * comment) against the bytes that hold it. JOrbis and jFLAC allocate each string at its declared
 * size before reading it, so a crafted length of 1 GiB in a header of a few dozen bytes would
 * exhaust the heap; the same structure sits in an Ogg Vorbis comment header and a FLAC
 * VORBIS_COMMENT block.
 */
final class VorbisCommentLengths {
    private VorbisCommentLengths() {}

    /**
     * @param body the structure, from the vendor length on, to the end of its packet or block
     * @return what is declared beyond the structure's bytes ("a vendor string of 1073741824 bytes"), or null when all fits
     */
    public static String overrun(ByteBuffer body) {
        ByteBuffer b = body.slice().order(ByteOrder.LITTLE_ENDIAN);
        long size = b.limit();
        if (size < 4) return null;
        long vendor = b.getInt(0) & 0xFFFF_FFFFL;
        long pos = 4;
        if (vendor > size - pos) return "a vendor string of " + vendor + " bytes";
        pos += vendor;
        if (pos + 4 > size) return null;
        long count = b.getInt((int) pos) & 0xFFFF_FFFFL;
        pos += 4;
        if (count > (size - pos) / 4) return count + " comments";
        for (long i = 0; i < count; i++) {
            long length = b.getInt((int) pos) & 0xFFFF_FFFFL;
            pos += 4;
            if (length > size - pos) return "a comment of " + length + " bytes";
            pos += length;
        }
        return null;
    }
}
