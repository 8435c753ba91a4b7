package dev.signoff.server.waveform;

import dev.signoff.analysis.waveform.WaveformResult;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A version's waveform on disk (waveforms/&lt;version&gt;.peaks): every zoom level of a
 * {@link WaveformResult} as 8-bit min/max pairs, little-endian:
 * <pre>
 *   0  "SGPK"                      magic
 *   4  u16 version (1), u16 bits (8)
 *   8  i32 sample rate, u16 channels, u16 level count
 *  16  i64 frames
 *  24  per level: i32 samples per point, i32 points
 *  ..  per level, in the same order: per point, per channel: i8 min, i8 max
 * </pre>
 * The sample data of one level is laid out exactly as in BBC audiowaveform's .dat files, so a
 * level is served as a .dat (version 2, 8-bit) by putting that format's header in front of it.
 * Peaks are rounded outwards (min down, max up) so the drawing never understates a peak.
 */
public final class PeaksFile {
    private static final byte[] MAGIC = "SGPK".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int BITS = 8;

    /** One zoom level: {@code data} holds points x channels x (min, max) signed bytes. */
    public record Level(int samplesPerPoint, int points, byte[] data) {}

    private final int sampleRate;
    private final int channels;
    private final long frames;
    private final List<Level> levels;

    private PeaksFile(int sampleRate, int channels, long frames, List<Level> levels) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frames = frames;
        this.levels = List.copyOf(levels);
    }

    public int sampleRate() { return sampleRate; }

    public int channels() { return channels; }

    public long frames() { return frames; }

    public List<Level> levels() { return levels; }

    /** The level with {@code samplesPerPoint}, or null. */
    public Level level(int samplesPerPoint) {
        return levels.stream().filter(l -> l.samplesPerPoint() == samplesPerPoint).findFirst().orElse(null);
    }

    public static PeaksFile of(WaveformResult w) {
        List<Level> out = new ArrayList<>();
        for (WaveformResult.Level l : w.levels()) {
            byte[] data = new byte[l.points() * w.channels() * 2];
            int p = 0;
            for (int i = 0; i < l.points(); i++) {
                for (int c = 0; c < w.channels(); c++) {
                    data[p++] = quantise(Math.floor(l.min()[c][i] * 128.0));
                    data[p++] = quantise(Math.ceil(l.max()[c][i] * 128.0));
                }
            }
            out.add(new Level(l.samplesPerPoint(), l.points(), data));
        }
        return new PeaksFile(w.sampleRate(), w.channels(), w.frames(), out);
    }

    private static byte quantise(double v) {
        return (byte) Math.max(-128, Math.min(127, v));
    }

    /** Writes the file whole or not at all (a temporary sibling, then an atomic rename). */
    public void write(Path target) throws IOException {
        int size = 24 + levels.size() * 8 + levels.stream().mapToInt(l -> l.data().length).sum();
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) BITS).putInt(sampleRate)
                .putShort((short) channels).putShort((short) levels.size()).putLong(frames);
        for (Level l : levels) b.putInt(l.samplesPerPoint()).putInt(l.points());
        for (Level l : levels) b.put(l.data());
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.write(tmp, b.array());
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static PeaksFile read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        if (b.remaining() < 24) throw new IOException(file.getFileName() + ": not a peaks file (too short)");
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC) || b.getShort() != VERSION || b.getShort() != BITS)
            throw new IOException(file.getFileName() + ": not a version-1 8-bit peaks file");
        int rate = b.getInt();
        int channels = b.getShort() & 0xFFFF;
        int count = b.getShort() & 0xFFFF;
        long frames = b.getLong();
        int[][] heads = new int[count][2];
        for (int i = 0; i < count; i++) heads[i] = new int[]{b.getInt(), b.getInt()};
        List<Level> levels = new ArrayList<>();
        for (int[] h : heads) {
            byte[] data = new byte[h[1] * channels * 2];
            b.get(data);
            levels.add(new Level(h[0], h[1], data));
        }
        return new PeaksFile(rate, channels, frames, levels);
    }

    /** One level as a BBC audiowaveform .dat file (version 2, 8-bit), as peaks.js reads it. */
    public byte[] datFile(Level level) {
        ByteBuffer b = ByteBuffer.allocate(24 + level.data().length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(2).putInt(1).putInt(sampleRate).putInt(level.samplesPerPoint()).putInt(level.points()).putInt(channels);
        return b.put(level.data()).array();
    }
}
