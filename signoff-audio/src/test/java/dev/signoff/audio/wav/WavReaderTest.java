package dev.signoff.audio.wav;

import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.ChannelLayout;
import dev.signoff.audio.Speaker;
import dev.signoff.audio.StreamInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.signoff.audio.TestAudio.*;
import static dev.signoff.audio.WavBytes.*;
import static org.assertj.core.api.Assertions.assertThat;

class WavReaderTest {
    @TempDir Path dir;

    @ParameterizedTest
    @CsvSource({"16, 48000, 2", "24, 44100, 2", "32, 96000, 2", "24, 8000, 1", "16, 384000, 2", "24, 48000, 1"})
    void writerOutputReadsBackExactly(int bits, int rate, int channels) throws IOException {
        float[][] x = signal(channels, rate, 0.3);
        Path f = writeWav(dir.resolve("w.wav"), x, rate, bits);
        try (AudioReader r = AudioDecoders.open(f)) {
            StreamInfo info = r.info();
            assertThat(info.sampleRate()).isEqualTo(rate);
            assertThat(info.channels()).isEqualTo(channels);
            assertThat(info.bitsPerSample()).isEqualTo(bits);
            assertThat(info.floatingPoint()).isEqualTo(bits == 32);
            assertThat(info.format()).isEqualTo(bits == 32 ? "WAV float" : "WAV PCM");
            assertThat(info.frames()).isEqualTo(x[0].length);
            assertSameSamples(bits == 32 ? x : quantize(x, bits), readAll(r, 1000));
        }
    }

    @Test
    void otherToolsReadTheWriterOutput() throws Exception {
        float[][] x = signal(2, 48000, 0.2);
        Path raw = encode(dir, x, 48000, 24, "w.f32", "sox", IN, "-t", "f32", "-e", "floating-point", OUT);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
        float[][] q = quantize(x, 24);
        assertThat(b.remaining()).isEqualTo(x[0].length * 8);
        for (int i = 0; i < x[0].length; i++) {
            assertThat(b.getFloat()).isEqualTo(q[0][i]);
            assertThat(b.getFloat()).isEqualTo(q[1][i]);
        }
    }

    @Test
    void writerClampsOverFullScale() throws IOException {
        float[][] x = {{1.5f, -1.5f, 1.0f, -1.0f}};
        float[][] y = decode(writeWav(dir.resolve("c.wav"), x, 48000, 16));
        assertThat(y[0]).containsExactly(32767 / 32768f, -1f, 32767 / 32768f, -1f);
    }

    @Test
    void rf64FromTheWriterReadsBack() throws IOException {
        float[][] x = signal(2, 48000, 0.25);
        Path f = dir.resolve("rf.wav");
        try (WavWriter w = WavWriter.open(f, 48000, ChannelLayout.defaultFor(2), 24, true)) {
            w.write(x, x[0].length);
        }
        byte[] bytes = Files.readAllBytes(f);
        assertThat(new String(bytes, 0, 4)).isEqualTo("RF64");
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().format()).isEqualTo("RF64 PCM");
            float[][] y = readAll(r, 777);
            assertThat(maxAbsDiff(quantize(x, 24)[1], y[1])).isZero();
        }
    }

    @Test
    void rf64DataSizeComesFromDs64WhenTheChunkSizeIsMinusOne() throws IOException {
        float[][] x = signal(2, 44100, 0.1);
        byte[] data = interleave16(x);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ascii("RF64"));
        out.write(le32(-1));
        out.write(ascii("WAVE"));
        out.write(ascii("ds64"));
        out.write(le32(28));
        out.write(le64(36 + 12 + 16 + 8 + data.length));
        out.write(le64(data.length));
        out.write(le64(x[0].length));
        out.write(le32(0));
        out.write(fmt(1, 2, 44100, 16));
        out.write(ascii("data"));
        out.write(le32(-1));
        out.write(data);
        out.write(ascii("LIST"));
        out.write(le32(4));
        out.write(ascii("INFO"));
        Path f = dir.resolve("rf64.wav");
        Files.write(f, out.toByteArray());
        float[][] y = decode(f);
        assertThat(y[0]).hasSize(x[0].length);
        assertThat(maxAbsDiff(quantize(x, 16)[0], y[0])).isZero();
    }

    @Test
    void bwfWithBextAndOddSizedChunksIsSkippedProperly() throws IOException {
        float[][] x = signal(2, 48000, 0.1);
        byte[] data = interleave16(x);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ascii("RIFF"));
        out.write(le32(0));
        out.write(ascii("WAVE"));
        out.write(ascii("bext"));
        out.write(le32(603));
        out.write(new byte[603 + 1]);
        out.write(ascii("iXML"));
        out.write(le32(5));
        out.write(ascii("<x/>!"));
        out.write(0);
        out.write(fmt(1, 2, 48000, 16));
        out.write(ascii("data"));
        out.write(le32(data.length));
        out.write(data);
        Path f = dir.resolve("bwf.wav");
        Files.write(f, out.toByteArray());
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().format()).isEqualTo("BWF PCM");
            float[][] y = readAll(r, 4096);
            assertThat(maxAbsDiff(quantize(x, 16)[1], y[1])).isZero();
        }
    }

    @Test
    void eightBitIsOffsetBinary() throws IOException {
        byte[] data = {(byte) 128, (byte) 255, 0, (byte) 192};
        Path f = dir.resolve("u8.wav");
        Files.write(f, wav(fmt(1, 1, 8000, 8), data));
        float[][] y = decode(f);
        assertThat(y[0]).containsExactly(0f, 127 / 128f, -1f, 0.5f);
    }

    @Test
    void sixtyFourBitFloat() throws IOException {
        double[] v = {0.25, -0.5, 1.25, -0.125};
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) b.putDouble(d);
        Path f = dir.resolve("f64.wav");
        Files.write(f, wav(fmt(3, 2, 48000, 64), b.array()));
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().bitsPerSample()).isEqualTo(64);
            assertThat(r.info().floatingPoint()).isTrue();
            float[][] y = readAll(r, 10);
            assertThat(y[0]).containsExactly(0.25f, 1.25f);
            assertThat(y[1]).containsExactly(-0.5f, -0.125f);
        }
    }

    @Test
    void thirtyTwoBitIntegerPcm() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE).putInt(1 << 30);
        Path f = dir.resolve("s32.wav");
        Files.write(f, wav(fmt(1, 1, 48000, 32), b.array()));
        assertThat(decode(f)[0]).containsExactly(-1f, 0.5f);
    }

    @Test
    void extensibleSixChannelsKeepsItsMaskAndValidBits() throws IOException {
        float[][] x = signal(6, 48000, 0.1);
        byte[] data = interleave24(x);
        int mask = 0x60F; // L R C LFE SL SR: 5.1 with side surrounds
        Path f = dir.resolve("ext.wav");
        Files.write(f, wav(extensibleFmt(6, 48000, 24, 20, mask, 1), data));
        try (AudioReader r = AudioDecoders.open(f)) {
            StreamInfo info = r.info();
            assertThat(info.bitsPerSample()).isEqualTo(20);
            assertThat(info.layout().speakers()).containsExactly(Speaker.FRONT_LEFT, Speaker.FRONT_RIGHT, Speaker.FRONT_CENTER,
                    Speaker.LOW_FREQUENCY, Speaker.SIDE_LEFT, Speaker.SIDE_RIGHT);
            float[][] y = readAll(r, 1024);
            float[][] q = quantize(x, 24);
            for (int c = 0; c < 6; c++) assertThat(maxAbsDiff(q[c], y[c])).isZero();
        }
    }

    @Test
    void extensibleFloatAndTheWritersMultichannelHeader() throws IOException {
        float[][] x = signal(6, 48000, 0.05);
        Path f = writeWav(dir.resolve("six.wav"), x, 48000, 32);
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().floatingPoint()).isTrue();
            assertThat(r.info().layout()).isEqualTo(ChannelLayout.defaultFor(6));
            float[][] y = readAll(r, 999);
            for (int c = 0; c < 6; c++) assertThat(maxAbsDiff(x[c], y[c])).isZero();
        }
    }

    @Test
    void bigEndianRifx() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.BIG_ENDIAN);
        b.put(ascii("RIFX")).putInt(0).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000).putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt(4).putShort((short) 16384).putShort((short) -32768);
        Path f = dir.resolve("rifx.wav");
        Files.write(f, java.util.Arrays.copyOf(b.array(), b.position()));
        assertThat(decode(f)[0]).containsExactly(0.5f, -1f);
    }

    // ---- hand-built WAV pieces ----

    static byte[] extensibleFmt(int channels, int rate, int bits, int validBits, int mask, int subTag) {
        ByteBuffer b = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        int align = channels * bits / 8;
        b.put(ascii("fmt ")).putInt(40).putShort((short) 0xFFFE).putShort((short) channels).putInt(rate)
                .putInt(rate * align).putShort((short) align).putShort((short) bits)
                .putShort((short) 22).putShort((short) validBits).putInt(mask)
                .putInt(subTag).putShort((short) 0).putShort((short) 0x10)
                .put(new byte[]{(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return b.array();
    }

    static byte[] interleave16(float[][] x) {
        ByteBuffer b = ByteBuffer.allocate(x.length * x[0].length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < x[0].length; i++)
            for (float[] ch : x) b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(ch[i] * 32768f))));
        return b.array();
    }

    static byte[] interleave24(float[][] x) {
        byte[] out = new byte[x.length * x[0].length * 3];
        int p = 0;
        for (int i = 0; i < x[0].length; i++) {
            for (float[] ch : x) {
                int v = Math.max(-8388608, Math.min(8388607, Math.round(ch[i] * 8388608f)));
                out[p++] = (byte) v;
                out[p++] = (byte) (v >> 8);
                out[p++] = (byte) (v >> 16);
            }
        }
        return out;
    }

    static byte[] le64(long v) { return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array(); }
}
