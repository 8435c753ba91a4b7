package dev.signoff.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** RIFF WAVE files built byte by byte, for headers that WavWriter never writes. */
public final class WavBytes {
    private WavBytes() {}

    /** A RIFF WAVE file of a {@code fmt } chunk and a {@code data} chunk holding {@code data}. */
    public static byte[] wav(byte[] fmtChunk, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ascii("RIFF"));
        out.write(le32(4 + fmtChunk.length + 8 + data.length + (data.length & 1)));
        out.write(ascii("WAVE"));
        out.write(fmtChunk);
        out.write(ascii("data"));
        out.write(le32(data.length));
        out.write(data);
        if ((data.length & 1) != 0) out.write(0);
        return out.toByteArray();
    }

    /** A 16-byte {@code fmt } chunk whose byte rate and block size follow from the other fields. */
    public static byte[] fmt(int tag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        return fmt(tag, channels, rate, rate * align, align, bits);
    }

    /** A 16-byte {@code fmt } chunk with every field as given, consistent or not. */
    public static byte[] fmt(int tag, int channels, int rate, int byteRate, int blockAlign, int bits) {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("fmt ")).putInt(16).putShort((short) tag).putShort((short) channels).putInt(rate)
                .putInt(byteRate).putShort((short) blockAlign).putShort((short) bits);
        return b.array();
    }

    public static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    public static byte[] le32(int v) { return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(); }
}
