package dev.signoff.audio.flac;

import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.AudioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.signoff.audio.TestAudio.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlacReaderTest {
    @TempDir Path dir;

    private Path encode(float[][] x, int rate, int bits) throws Exception {
        Path wav = writeWav(dir.resolve("src.wav"), x, rate, bits);
        Path flac = dir.resolve("enc.flac");
        run("flac", "-s", "-f", "-5", "-o", flac.toString(), wav.toString());
        return flac;
    }

    @ParameterizedTest
    @CsvSource({"16, 44100, 2", "24, 48000, 2", "24, 96000, 1", "16, 8000, 1", "24, 48000, 6"})
    void decodesBitExact(int bits, int rate, int channels) throws Exception {
        float[][] x = signal(channels, rate, 0.7);
        Path f = encode(x, rate, bits);
        float[][] q = quantize(x, bits);
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().format()).isEqualTo("FLAC");
            assertThat(r.info().bitsPerSample()).isEqualTo(bits);
            assertThat(r.info().sampleRate()).isEqualTo(rate);
            assertThat(r.info().frames()).isEqualTo(x[0].length);
            float[][] y = readAll(r, 3000);
            for (int c = 0; c < channels; c++) {
                assertThat(y[c]).hasSize(x[0].length);
                assertThat(maxAbsDiff(q[c], y[c])).as("channel %d", c).isZero();
            }
        }
    }

    @Test
    void truncatedFlacFailsWithTheMissingTime() throws Exception {
        float[][] x = signal(2, 48000, 3.0);
        Path f = encode(x, 48000, 16);
        byte[] all = Files.readAllBytes(f);
        Path cut = dir.resolve("cut.flac");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> drain(cut))
                .isInstanceOf(AudioFileException.class)
                .hasMessageMatching("cut\\.flac: (truncated: FLAC header declares 3\\.0 s but the stream ends at 1\\.\\d s|corrupt FLAC data at 1\\.\\d s \\(.*\\))");
    }

    @Test
    void corruptFrameIsAnErrorNotSilence() throws Exception {
        float[][] x = signal(2, 48000, 2.0);
        Path f = encode(x, 48000, 16);
        byte[] all = Files.readAllBytes(f);
        for (int i = all.length / 2; i < all.length / 2 + 64; i++) all[i] ^= 0x5A;
        Path bad = dir.resolve("bad.flac");
        Files.write(bad, all);
        assertThatThrownBy(() -> drain(bad))
                .isInstanceOf(AudioFileException.class)
                .hasMessageStartingWith("bad.flac: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void id3TaggedFlacIsStillFlac() throws Exception {
        float[][] x = signal(1, 44100, 0.3);
        Path f = encode(x, 44100, 16);
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

    private static void drain(Path f) throws IOException {
        try (AudioReader r = AudioDecoders.open(f)) {
            while (r.read(4096) != null) { }
        }
    }

    @Test
    void changingBlockSizesBetweenCallsKeepsEverySample() throws Exception {
        float[][] x = signal(2, 48000, 1.0);
        Path f = encode(x, 48000, 24);
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
        Path f = encode(x, 48000, 16);
        for (int i = 0; i < 20; i++) {
            try (AudioReader r = AudioDecoders.open(f)) {
                assertThat(r.read(2048)).isNotNull();
            }
        }
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("signoff-decode"));
    }
}
