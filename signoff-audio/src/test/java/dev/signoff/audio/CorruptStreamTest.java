package dev.signoff.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static dev.signoff.audio.TestAudio.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Damage a decoder conceals by skipping to the next good frame is reported, with where it happened. */
class CorruptStreamTest {
    @TempDir Path dir;

    /** {@code bytes} random bytes written over the file from {@code offset}. */
    static Path corrupt(Path src, Path dst, long offset, int bytes, long seed) throws IOException {
        byte[] b = Files.readAllBytes(src);
        Random r = new Random(seed);
        for (int i = 0; i < bytes; i++) b[(int) offset + i] = (byte) r.nextInt(256);
        return Files.write(dst, b);
    }

    @Test
    void twoThousandCorruptBytesInAnMp3WithoutXingHeaderAreReportedWithTheirTime() throws Exception {
        Path clean = encode(dir, signal(2, 44100, 20.0), 44100, 16, "clean.mp3", "lame", "--quiet", "-t", "-b", "128", IN, OUT);
        try (AudioReader r = AudioDecoders.open(clean)) {
            readAll(r, 8192);
            assertThat(r.damage().count()).isZero();
        }
        long half = Files.size(clean) / 2;   // 128 kbit/s: the middle of the file is about 10 s in
        Path bad = corrupt(clean, dir.resolve("bad.mp3"), half, 2000, 1);
        try (AudioReader r = AudioDecoders.open(bad)) {
            float[][] y = readAll(r, 8192);
            DecodeDamage d = r.damage();
            assertThat(d.count()).isPositive();
            assertThat(d.bytes()).isBetween(1L, 2000L + 2 * 1441L);
            assertThat(d.timesS()).isNotEmpty().allSatisfy(t -> assertThat(t).isCloseTo(10.0, within(0.5)));
            assertThat(y[0].length / 44100.0).isGreaterThan(19.0);
        }
    }

    @Test
    void anMp3StreamLongerThanItsXingFrameCountIsCountedPastTheDeclaredEnd() throws Exception {
        Path mp3 = encode(dir, signal(2, 44100, 10.0), 44100, 16, "ten.mp3", "lame", "--quiet", "-b", "128", IN, OUT);
        byte[] b = Files.readAllBytes(mp3);
        int tag = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("Info");
        java.nio.ByteBuffer xing = java.nio.ByteBuffer.wrap(b);   // "Info", flags, then the frame count when flag 1 is set
        assertThat(tag).isPositive();
        assertThat(xing.getInt(tag + 4) & 1).isEqualTo(1);
        int frames = xing.getInt(tag + 8);
        xing.putInt(tag + 8, frames / 2);
        Path half = Files.write(dir.resolve("says-half.mp3"), b);
        try (AudioReader r = AudioDecoders.open(half)) {
            double decodedS = readAll(r, 8192)[0].length / 44100.0;
            double pastS = r.damage().framesPastDeclaredEnd() / 44100.0;
            assertThat(decodedS).isCloseTo(5.0, within(0.1));
            assertThat(decodedS + pastS).isCloseTo(10.0, within(0.1));
            assertThat(r.damage().count()).isZero();
        }
    }
}
