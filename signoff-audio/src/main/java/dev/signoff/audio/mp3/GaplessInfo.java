package dev.signoff.audio.mp3;

import java.nio.ByteBuffer;

/**
 * What the first frame of an MP3 says about its length: a Xing/Info or VBRI tag frame (which
 * carries no audio and is not to be decoded), its frame count, and the LAME extension's encoder
 * delay and padding in samples (LAME technical spec, "Mp3 Info Tag rev 1").
 *
 * @param tagFrame true when the first frame is a Xing, Info or VBRI tag
 * @param frames   audio frames in the stream after the tag frame, or 0 when not given
 * @param bytes    bytes of the whole MPEG stream including the tag frame, or 0 when not given
 * @param delay    encoder delay in samples, or -1 without a LAME extension
 * @param padding  samples of padding at the end, or -1 without a LAME extension
 */
record GaplessInfo(boolean tagFrame, int frames, long bytes, int delay, int padding) {
    private static final int XING_FRAMES = 1, XING_BYTES = 2, XING_TOC = 4, XING_QUALITY = 8;
    /** Encoder version (9), tag revision (1), lowpass (1), replay gain (8), flags (1), bitrate (1). */
    private static final int LAME_DELAY_OFFSET = 21;
    private static final int VBRI_OFFSET = 36;

    boolean hasDelay() { return delay >= 0; }

    static GaplessInfo read(ByteBuffer b, int frame, MpegFrameHeader header) {
        int limit = Math.min(b.limit(), frame + header.frameBytes());
        if (header.layer() == 3) {
            for (boolean asDeclared : new boolean[]{true, false}) {
                int x = frame + header.xingOffset(asDeclared);
                String id = ascii(b, x, limit);
                if (id.equals("Xing") || id.equals("Info")) return xing(b, x, limit);
            }
            if (ascii(b, frame + VBRI_OFFSET, limit).equals("VBRI") && frame + VBRI_OFFSET + 18 <= limit) {
                return new GaplessInfo(true, b.getInt(frame + VBRI_OFFSET + 14), b.getInt(frame + VBRI_OFFSET + 10) & 0xFFFF_FFFFL, -1, -1);
            }
        }
        return new GaplessInfo(false, 0, 0, -1, -1);
    }

    private static GaplessInfo xing(ByteBuffer b, int x, int limit) {
        if (x + 8 > limit) return new GaplessInfo(true, 0, 0, -1, -1);
        int flags = b.getInt(x + 4);
        int p = x + 8;
        int frames = 0;
        if ((flags & XING_FRAMES) != 0 && p + 4 <= limit) {
            frames = Math.max(0, b.getInt(p));
            p += 4;
        }
        long bytes = 0;
        if ((flags & XING_BYTES) != 0 && p + 4 <= limit) {
            bytes = b.getInt(p) & 0xFFFF_FFFFL;
            p += 4;
        }
        if ((flags & XING_TOC) != 0) p += 100;
        if ((flags & XING_QUALITY) != 0) p += 4;
        int d = p + LAME_DELAY_OFFSET;
        if (d + 3 > limit || !isEncoderString(b, p)) return new GaplessInfo(true, frames, bytes, -1, -1);
        int b0 = b.get(d) & 0xFF, b1 = b.get(d + 1) & 0xFF, b2 = b.get(d + 2) & 0xFF;
        return new GaplessInfo(true, frames, bytes, b0 << 4 | b1 >> 4, (b1 & 0xF) << 8 | b2);
    }

    /** LAME writes "LAME3.xx", ffmpeg "Lavf"/"Lavc"; other tools leave the field empty. */
    private static boolean isEncoderString(ByteBuffer b, int p) {
        String s = ascii(b, p, b.limit());
        return s.startsWith("LAM") || s.startsWith("Lav") || s.startsWith("GOGO");
    }

    private static String ascii(ByteBuffer b, int p, int limit) {
        if (p < 0 || p + 4 > limit) return "";
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) c[i] = (char) (b.get(p + i) & 0xFF);
        return new String(c);
    }
}
