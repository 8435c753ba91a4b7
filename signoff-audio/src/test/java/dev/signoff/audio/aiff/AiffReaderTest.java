package dev.signoff.audio.aiff;

import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.signoff.audio.TestAudio.*;
import static org.assertj.core.api.Assertions.assertThat;

class AiffReaderTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(ints = {8000, 44100, 48000, 96000, 384000})
    void extendedSampleRateDecodes(int rate) {
        ByteBuffer b = ByteBuffer.allocate(10).order(ByteOrder.BIG_ENDIAN);
        putExtended(b, rate);
        assertThat(AiffReader.extended80(b, 0)).isEqualTo(rate);
    }

    @Test
    void aiffSixteenBitBigEndianWithSsndOffset() throws IOException {
        float[][] x = signal(2, 44100, 0.2);
        float[][] q = quantize(x, 16);
        Path f = Files.write(dir.resolve("a.aif"), aiff(false, null, 2, x[0].length, 16, 44100, 3, pcm(q, 2, true)));
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().format()).isEqualTo("AIFF PCM");
            assertThat(r.info().sampleRate()).isEqualTo(44100);
            assertThat(r.info().frames()).isEqualTo(x[0].length);
            assertSameSamples(q, readAll(r, 1000));
        }
    }

    @Test
    void aiffTwentyFourBitAndEightBitSigned() throws IOException {
        float[][] x = signal(1, 48000, 0.1);
        float[][] q24 = quantize(x, 24);
        Path f = Files.write(dir.resolve("a24.aiff"), aiff(false, null, 1, x[0].length, 24, 48000, 0, pcm(q24, 3, true)));
        assertThat(maxAbsDiff(q24[0], decode(f)[0])).isZero();

        Path f8 = Files.write(dir.resolve("a8.aiff"), aiff(false, null, 1, 3, 8, 8000, 0, new byte[]{0, 127, (byte) 0x80, 0}));
        assertThat(decode(f8)[0]).containsExactly(0f, 127 / 128f, -1f);
    }

    @Test
    void aifcSowtIsLittleEndian() throws IOException {
        float[][] x = signal(2, 48000, 0.1);
        float[][] q = quantize(x, 16);
        Path f = Files.write(dir.resolve("s.aifc"), aiff(true, "sowt", 2, x[0].length, 16, 48000, 0, pcm(q, 2, false)));
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().format()).isEqualTo("AIFF-C PCM");
            float[][] y = readAll(r, 512);
            assertThat(maxAbsDiff(q[1], y[1])).isZero();
        }
    }

    @Test
    void aifcFloat32And64() throws IOException {
        float[][] x = signal(2, 96000, 0.05);
        ByteBuffer f32 = ByteBuffer.allocate(x[0].length * 8).order(ByteOrder.BIG_ENDIAN);
        ByteBuffer f64 = ByteBuffer.allocate(x[0].length * 16).order(ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < x[0].length; i++) {
            for (float[] c : x) {
                f32.putFloat(c[i]);
                f64.putDouble(c[i]);
            }
        }
        Path a = Files.write(dir.resolve("f32.aifc"), aiff(true, "fl32", 2, x[0].length, 32, 96000, 0, f32.array()));
        Path b = Files.write(dir.resolve("f64.aifc"), aiff(true, "FL64", 2, x[0].length, 64, 96000, 0, f64.array()));
        try (AudioReader r = AudioDecoders.open(a)) {
            assertThat(r.info().floatingPoint()).isTrue();
            assertThat(r.info().format()).isEqualTo("AIFF-C float");
            assertThat(maxAbsDiff(x[1], readAll(r, 100)[1])).isZero();
        }
        assertThat(maxAbsDiff(x[0], decode(b)[0])).isZero();
    }

    @Test
    void soxWrittenAiffMatchesTheWav() throws Exception {
        float[][] x = signal(2, 48000, 0.2);
        Path aif = encode(dir, x, 48000, 24, "sox.aiff", "sox", IN, OUT);
        assertSameSamples(quantize(x, 24), decode(aif));
    }

    @Test
    void unsupportedCompressionIsNamed() throws IOException {
        Path f = Files.write(dir.resolve("ulaw.aifc"), aiff(true, "ulaw", 1, 4, 16, 8000, 0, new byte[4]));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AudioDecoders.open(f))
                .isInstanceOf(dev.signoff.audio.AudioFileException.class)
                .hasMessage("ulaw.aifc: AIFF-C compression 'ulaw' is not supported; Signoff reads uncompressed and float AIFF-C");
    }

    static byte[] pcm(float[][] q, int bytes, boolean bigEndian) {
        ByteBuffer b = ByteBuffer.allocate(q.length * q[0].length * bytes).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < q[0].length; i++) {
            for (float[] c : q) {
                int v = Math.round(c[i] * (1 << (8 * bytes - 1)));
                if (bytes == 2) b.putShort((short) v);
                else if (bigEndian) b.put((byte) (v >> 16)).put((byte) (v >> 8)).put((byte) v);
                else b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
            }
        }
        return b.array();
    }

    /** A FORM AIFF/AIFC file with an odd-sized NAME chunk before COMM, to exercise padding. */
    static byte[] aiff(boolean aifc, String compression, int channels, int frames, int bits, int rate, int ssndOffset, byte[] data) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(ascii(aifc ? "AIFC" : "AIFF"));
        body.write(ascii("NAME"));
        body.write(be32(3));
        body.write(ascii("abc"));
        body.write(0);
        ByteBuffer comm = ByteBuffer.allocate(aifc ? 24 : 18).order(ByteOrder.BIG_ENDIAN);
        comm.putShort((short) channels).putInt(frames).putShort((short) bits);
        putExtended(comm, rate);
        if (aifc) comm.put(ascii(compression)).put((byte) 0).put((byte) 0);
        body.write(ascii("COMM"));
        body.write(be32(comm.capacity()));
        body.write(comm.array());
        body.write(ascii("SSND"));
        body.write(be32(8 + ssndOffset + data.length));
        body.write(be32(ssndOffset));
        body.write(be32(0));
        body.write(new byte[ssndOffset]);
        body.write(data);
        if ((data.length + ssndOffset) % 2 != 0) body.write(0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ascii("FORM"));
        out.write(be32(body.size()));
        body.writeTo(out);
        return out.toByteArray();
    }

    static void putExtended(ByteBuffer b, int value) {
        int exp = 31 - Integer.numberOfLeadingZeros(value);
        b.putShort((short) (16383 + exp));
        b.putLong((long) value << (63 - exp));
    }

    static byte[] ascii(String s) { return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII); }

    static byte[] be32(int v) { return ByteBuffer.allocate(4).putInt(v).array(); }
}
