package dev.signoff.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Memory stays bounded whatever the length (decoding speed is measured in bench/run.py, as part of the whole check). */
class StreamingTest {
    @TempDir Path dir;

    /**
     * A one-hour RF64 file declared in its ds64 chunk and stored sparse (silence, with one marker
     * sample every ten minutes): the reader reaches every marker at the right frame while the
     * heap it retains stays a small fraction of the 230 MB the decoded hour would take.
     */
    @Test
    void oneHourRf64StreamsInBoundedMemory() throws IOException {
        int rate = 8000, channels = 2;
        long frames = 3600L * rate;
        long dataBytes = frames * channels * 2;
        ByteBuffer h = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RF64")).putInt(-1).put(ascii("WAVE"));
        h.put(ascii("ds64")).putInt(28).putLong(72 + dataBytes).putLong(dataBytes).putLong(frames).putInt(0);
        h.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * 4).putShort((short) 4).putShort((short) 16);
        h.put(ascii("data")).putInt(-1);
        int headerBytes = h.position();
        Path f = dir.resolve("hour.wav");
        long markerEvery = 600L * rate;
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(h.array(), 0, headerBytes);
            raf.setLength(headerBytes + dataBytes);
            for (long m = 0; m < frames; m += markerEvery) {
                raf.seek(headerBytes + m * 4 + 2); // right channel
                raf.write(new byte[]{0, 0x40}); // 0.5
            }
        }

        long baseline = retainedHeap();
        long retainedMidway = -1;
        int markers = 0;
        long total = 0;
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().format()).isEqualTo("RF64 PCM");
            assertThat(r.info().frames()).isEqualTo(frames);
            AudioBlock b;
            while ((b = r.read(16384)) != null) {
                float[] right = b.channel(1);
                for (int i = 0; i < b.frames(); i++) {
                    if (right[i] != 0) {
                        assertThat(right[i]).isEqualTo(0.5f);
                        assertThat((b.startFrame() + i) % markerEvery).isZero();
                        markers++;
                    }
                }
                total += b.frames();
                if (retainedMidway < 0 && total >= frames / 2) retainedMidway = retainedHeap() - baseline;
            }
        }
        assertThat(total).isEqualTo(frames);
        assertThat(markers).isEqualTo(6);
        assertThat(retainedMidway).isLessThan(16L << 20);
    }

    private static long retainedHeap() {
        for (int i = 0; i < 2; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static byte[] ascii(String s) { return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII); }
}
