package dev.signoff.audio.pcm;

/** How one uncompressed sample is stored: container size, byte order and number type. */
public enum PcmEncoding {
    /** 8-bit offset binary (WAV, AIFF-C 'raw '): 128 is silence. */
    U8(1, false),
    /** 8-bit two's complement (AIFF). */
    S8(1, false),
    S16_LE(2, false), S16_BE(2, false),
    S24_LE(3, false), S24_BE(3, false),
    S32_LE(4, false), S32_BE(4, false),
    F32_LE(4, true), F32_BE(4, true),
    F64_LE(8, true), F64_BE(8, true);

    private final int bytes;
    private final boolean floatingPoint;

    PcmEncoding(int bytes, boolean floatingPoint) {
        this.bytes = bytes;
        this.floatingPoint = floatingPoint;
    }

    public int bytes() { return bytes; }

    public boolean floatingPoint() { return floatingPoint; }

    /** Integer PCM of {@code bytes} bytes a sample (2..4), in the given byte order. */
    public static PcmEncoding integer(int bytes, boolean bigEndian) {
        return switch (bytes) {
            case 2 -> bigEndian ? S16_BE : S16_LE;
            case 3 -> bigEndian ? S24_BE : S24_LE;
            case 4 -> bigEndian ? S32_BE : S32_LE;
            default -> throw new IllegalArgumentException("no integer encoding of " + bytes + " bytes");
        };
    }

    /** IEEE float of {@code bytes} bytes a sample (4 or 8), in the given byte order. */
    public static PcmEncoding ieeeFloat(int bytes, boolean bigEndian) {
        return switch (bytes) {
            case 4 -> bigEndian ? F32_BE : F32_LE;
            case 8 -> bigEndian ? F64_BE : F64_LE;
            default -> throw new IllegalArgumentException("no float encoding of " + bytes + " bytes");
        };
    }
}
