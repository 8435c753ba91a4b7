package dev.signoff.audio.flac;

import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.AudioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.signoff.audio.TestAudio.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlacReaderTest {
    @TempDir Path dir;

    private Path flac(float[][] x, int rate, int bits) throws Exception {
        return encode(dir, x, rate, bits, "enc.flac", "flac", "-s", "-f", "-5", "-o", OUT, IN);
    }

    @ParameterizedTest
    @CsvSource({"16, 44100, 2", "24, 48000, 2", "24, 96000, 1", "16, 8000, 1", "24, 48000, 6"})
    void decodesBitExact(int bits, int rate, int channels) throws Exception {
        float[][] x = signal(channels, rate, 0.7);
        Path f = flac(x, rate, bits);
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().format()).isEqualTo("FLAC");
            assertThat(r.info().bitsPerSample()).isEqualTo(bits);
            assertThat(r.info().sampleRate()).isEqualTo(rate);
            assertThat(r.info().frames()).isEqualTo(x[0].length);
            // Integers scaled to floats: the sample check need not look for NaN (through the read-ahead thread too).
            assertThat(r.finiteSamples()).isTrue();
            assertSameSamples(quantize(x, bits), readAll(r, 3000));
        }
    }

    @Test
    void truncatedFlacFailsWithTheMissingTime() throws Exception {
        float[][] x = signal(2, 48000, 3.0);
        Path cut = cutInHalf(flac(x, 48000, 16), "cut.flac");
        assertThatThrownBy(() -> decode(cut))
                .isInstanceOf(AudioFileException.class)
                .hasMessageMatching("cut\\.flac: (truncated: FLAC header declares 3\\.0 s but the stream ends at 1\\.\\d s|truncated: ends in the middle of a FLAC frame at 0:01\\.\\d)");
    }

    @Test
    void corruptFrameIsAnErrorNotSilence() throws Exception {
        float[][] x = signal(2, 48000, 2.0);
        Path bad = corruptMiddle(flac(x, 48000, 16), "bad.flac", 64, 0x5A);
        assertThatThrownBy(() -> decode(bad))
                .isInstanceOf(AudioFileException.class)
                .hasMessageStartingWith("bad.flac: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void id3TaggedFlacIsStillFlac() throws Exception {
        float[][] x = signal(1, 44100, 0.3);
        Path f = flac(x, 44100, 16);
        byte[] flac = Files.readAllBytes(f);
        byte[] tag = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 20};
        byte[] both = new byte[10 + 20 + flac.length];
        System.arraycopy(tag, 0, both, 0, 10);
        System.arraycopy(flac, 0, both, 30, flac.length);
        Path tagged = dir.resolve("tagged.mp3");
        Files.write(tagged, both);
        try (AudioReader r = AudioDecoders.open(tagged)) {
            assertThat(r.info().format()).isEqualTo("FLAC");
            assertThat(maxAbsDiff(quantize(x, 16)[0], readAll(r, 5000)[0])).isZero();
        }
    }

    @Test
    void changingBlockSizesBetweenCallsKeepsEverySample() throws Exception {
        float[][] x = signal(2, 48000, 1.0);
        Path f = flac(x, 48000, 24);
        float[][] q = quantize(x, 24);
        int[] sizes = {4096, 1000, 4096, 1, 333, 8192};
        int at = 0;
        try (AudioReader r = AudioDecoders.open(f)) {
            dev.signoff.audio.AudioBlock b;
            for (int k = 0; (b = r.read(sizes[k % sizes.length])) != null; k++) {
                assertThat(b.frames()).isLessThanOrEqualTo(sizes[k % sizes.length]);
                assertThat(b.startFrame()).isEqualTo(at);
                for (int i = 0; i < b.frames(); i++) assertThat(b.channel(1)[i]).isEqualTo(q[1][at + i]);
                at += b.frames();
            }
        }
        assertThat(at).isEqualTo(x[0].length);
    }

    @Test
    void closingEarlyStopsTheDecoder() throws Exception {
        float[][] x = signal(2, 48000, 3.0);
        Path f = flac(x, 48000, 16);
        for (int i = 0; i < 20; i++) {
            try (AudioReader r = AudioDecoders.open(f)) {
                assertThat(r.read(2048)).isNotNull();
            }
        }
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("signoff-decode"));
    }
}
