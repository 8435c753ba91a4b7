package dev.signoff.audio.wav;

import dev.signoff.audio.ChannelLayout;
import dev.signoff.audio.Speaker;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams planar float audio to a WAV file: 16- or 24-bit integer PCM (clamped, rounded, no
 * dither) or 32-bit IEEE float. The header reserves a 28-byte {@code JUNK} chunk (EBU Tech 3306)
 * so that {@link #close()} can turn the file into RF64 in place when the data outgrows the 4 GiB
 * a RIFF size field can hold; below that it stays a plain RIFF WAVE any tool reads. More than two
 * channels are written as WAVE_FORMAT_EXTENSIBLE with the layout's channel mask.
 */
public final class WavWriter implements Closeable {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    private static final long RIFF_LIMIT = 0xFFFF_FFFFL;
    private static final int BUFFER_BYTES = 1 << 17;

    private final FileChannel out;
    private final int channels;
    private final int bits;
    private final int frameBytes;
    private final boolean alwaysRf64;
    private final long junkOffset;
    private final long dataSizeOffset;
    private final long dataOffset;
    private final ByteBuffer buffer;
    private long dataBytes;
    private boolean closed;

    private WavWriter(FileChannel out, int sampleRate, ChannelLayout layout, int bits, boolean alwaysRf64) throws IOException {
        this.out = out;
        this.channels = layout.channels();
        this.bits = bits;
        this.frameBytes = channels * (bits / 8);
        this.alwaysRf64 = alwaysRf64;
        this.buffer = ByteBuffer.allocate(Math.max(BUFFER_BYTES, frameBytes)).order(ByteOrder.LITTLE_ENDIAN);

        boolean extensible = channels > 2;
        ByteBuffer h = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt(0).put(ascii("WAVE"));
        junkOffset = h.position();
        h.put(ascii("JUNK")).putInt(28).put(new byte[28]);
        int formatTag = bits == 32 ? FORMAT_FLOAT : FORMAT_PCM;
        h.put(ascii("fmt ")).putInt(extensible ? 40 : 16);
        h.putShort((short) (extensible ? FORMAT_EXTENSIBLE : formatTag));
        h.putShort((short) channels).putInt(sampleRate).putInt(sampleRate * frameBytes);
        h.putShort((short) frameBytes).putShort((short) bits);
        if (extensible) {
            h.putShort((short) 22).putShort((short) bits).putInt(channelMask(layout));
            // KSDATAFORMAT_SUBTYPE_PCM / _IEEE_FLOAT: {0000000X-0000-0010-8000-00aa00389b71}
            h.putInt(formatTag).putShort((short) 0).putShort((short) 0x10);
            h.put(new byte[]{(byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71});
        }
        h.put(ascii("data"));
        dataSizeOffset = h.position();
        h.putInt(0);
        dataOffset = h.position();
        h.flip();
        while (h.hasRemaining()) out.write(h);
    }

    /** Opens {@code file} for writing (replacing it) with the default layout for {@code channels}. */
    public static WavWriter open(Path file, int sampleRate, int channels, int bits) throws IOException {
        return open(file, sampleRate, ChannelLayout.defaultFor(channels), bits, false);
    }

    /**
     * Opens {@code file} for writing (replacing it).
     *
     * @param bits       16 or 24 for integer PCM, 32 for IEEE float
     * @param alwaysRf64 write an RF64 header even when the data would fit a RIFF file
     */
    public static WavWriter open(Path file, int sampleRate, ChannelLayout layout, int bits, boolean alwaysRf64) throws IOException {
        if (bits != 16 && bits != 24 && bits != 32) throw new IllegalArgumentException("bits must be 16, 24 or 32 (float), not " + bits);
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate must be positive");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return new WavWriter(ch, sampleRate, layout, bits, alwaysRf64);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Appends the first {@code frames} frames of {@code planar} (one array per channel). */
    public void write(float[][] planar, int frames) throws IOException {
        if (closed) throw new IOException("writer is closed");
        if (planar.length != channels) throw new IllegalArgumentException("expected " + channels + " channels, got " + planar.length);
        int perChunk = buffer.capacity() / frameBytes;
        byte[] b = buffer.array();
        for (int start = 0; start < frames; start += perChunk) {
            int n = Math.min(perChunk, frames - start);
            int p = 0;
            for (int i = start; i < start + n; i++) {
                for (int c = 0; c < channels; c++) {
                    float x = planar[c][i];
                    switch (bits) {
                        case 16 -> {
                            int v = clamp(Math.round(x * 32768f), 32767);
                            b[p] = (byte) v;
                            b[p + 1] = (byte) (v >> 8);
                            p += 2;
                        }
                        case 24 -> {
                            int v = clamp(Math.round(x * 8388608f), 8388607);
                            b[p] = (byte) v;
                            b[p + 1] = (byte) (v >> 8);
                            b[p + 2] = (byte) (v >> 16);
                            p += 3;
                        }
                        default -> {
                            int v = Float.floatToRawIntBits(x);
                            b[p] = (byte) v;
                            b[p + 1] = (byte) (v >> 8);
                            b[p + 2] = (byte) (v >> 16);
                            b[p + 3] = (byte) (v >> 24);
                            p += 4;
                        }
                    }
                }
            }
            buffer.clear().limit(p);
            while (buffer.hasRemaining()) out.write(buffer);
            dataBytes += p;
        }
    }

    /** Bytes of sample data written so far. */
    public long dataBytes() { return dataBytes; }

    /** Patches the header sizes (switching to RF64 when needed) and closes the file. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try (out) {
            long end = dataOffset + dataBytes;
            if ((dataBytes & 1) != 0) {
                out.write(ByteBuffer.wrap(new byte[1]), end);
                end++;
            }
            long riffSize = end - 8;
            if (alwaysRf64 || riffSize > RIFF_LIMIT) {
                ByteBuffer ds64 = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
                ds64.put(ascii("ds64")).putInt(28).putLong(riffSize).putLong(dataBytes)
                        .putLong(dataBytes / frameBytes).putInt(0);
                writeAt(ds64, junkOffset);
                writeAt(ByteBuffer.wrap(ascii("RF64")), 0);
                writeAt(le32(RIFF_LIMIT), 4);
                writeAt(le32(RIFF_LIMIT), dataSizeOffset);
            } else {
                writeAt(le32(riffSize), 4);
                writeAt(le32(dataBytes), dataSizeOffset);
            }
        }
    }

    private void writeAt(ByteBuffer b, long position) throws IOException {
        b.rewind();
        while (b.hasRemaining()) position += out.write(b, position);
    }

    private static ByteBuffer le32(long v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).flip();
    }

    private static int clamp(int v, int max) {
        return v > max ? max : Math.max(v, -max - 1);
    }

    /** The dwChannelMask for a layout, or 0 when its speakers are not in mask-bit order. */
    static int channelMask(ChannelLayout layout) {
        int mask = 0;
        int lastBit = -1;
        for (Speaker s : layout.speakers()) {
            if (s == Speaker.UNKNOWN || s.ordinal() <= lastBit) return 0;
            lastBit = s.ordinal();
            mask |= 1 << lastBit;
        }
        return mask;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
