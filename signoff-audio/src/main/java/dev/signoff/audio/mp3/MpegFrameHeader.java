package dev.signoff.audio.mp3;

/**
 * The 4-byte header of an MPEG-1/2/2.5 audio frame (ISO/IEC 11172-3, 13818-3): enough to find
 * frames, size them, and locate the Xing/Info tag in the first one.
 *
 * @param version        1 for MPEG-1, 2 for MPEG-2, 25 for MPEG-2.5
 * @param layer          1, 2 or 3
 * @param sampleRate     Hz
 * @param channels       1 (single channel) or 2
 * @param frameBytes     whole frame length including this header
 * @param samplesPerFrame 384, 576 or 1152
 * @param crc            true when a 16-bit CRC follows the header
 */
public record MpegFrameHeader(int version, int layer, int sampleRate, int channels, int frameBytes,
                              int samplesPerFrame, boolean crc) {

    private static final int[][] BITRATES_KBPS = {
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},    // MPEG-1 layer II
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},     // MPEG-1 layer III
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},    // MPEG-2/2.5 layer I
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},         // MPEG-2/2.5 layers II, III
    };
    private static final int[] MPEG1_RATES = {44100, 48000, 32000};

    /** Parses a big-endian header word, or returns null when it is not a valid frame header. */
    public static MpegFrameHeader parse(int h) {
        if ((h >>> 21) != 0x7FF) return null;
        int versionBits = (h >>> 19) & 3;
        int layerBits = (h >>> 17) & 3;
        int bitrateIndex = (h >>> 12) & 0xF;
        int rateIndex = (h >>> 10) & 3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) return null;
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int layer = 4 - layerBits;
        int rate = MPEG1_RATES[rateIndex] / (version == 1 ? 1 : version == 2 ? 2 : 4);
        int table = version == 1 ? layer - 1 : layer == 1 ? 3 : 4;
        int bitrate = BITRATES_KBPS[table][bitrateIndex] * 1000;
        int padding = (h >>> 9) & 1;
        int bytes;
        int samples;
        if (layer == 1) {
            bytes = (12 * bitrate / rate + padding) * 4;
            samples = 384;
        } else if (layer == 2 || version == 1) {
            bytes = 144 * bitrate / rate + padding;
            samples = 1152;
        } else {
            bytes = 72 * bitrate / rate + padding;
            samples = 576;
        }
        int channels = ((h >>> 6) & 3) == 3 ? 1 : 2;
        return new MpegFrameHeader(version, layer, rate, channels, bytes, samples, ((h >>> 16) & 1) == 0);
    }

    /** Whether {@code next} can follow this header in the same stream. */
    public boolean sameStream(MpegFrameHeader next) {
        return next != null && next.version == version && next.layer == layer && next.sampleRate == sampleRate;
    }

    /**
     * Offset of a Xing/Info tag from the frame start, after the header and the layer III side
     * info, whose size depends on the channel count: the one the header declares, or the other
     * (a tag frame whose channel mode disagrees with the stream it describes).
     */
    int xingOffset(boolean asDeclared) {
        boolean mono = (channels == 1) == asDeclared;
        int sideInfo = version == 1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        return 4 + sideInfo;
    }
}
