package dev.signoff.audio;

import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.signoff.audio.TestAudio.*;
import static dev.signoff.audio.WavBytes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every way a file can be wrong gives one AudioFileException line naming the file. */
class BadInputTest {
    @TempDir Path dir;

    private static String failure(Path f) {
        try (AudioReader r = AudioDecoders.open(f)) {
            while (r.read(8192) != null) { }
        } catch (AudioFileException e) {
            assertThat(e.getMessage()).startsWith(f.getFileName() + ": ").doesNotContain("\n");
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError("expected AudioFileException, got " + e, e);
        }
        throw new AssertionError(f.getFileName() + " decoded without error");
    }

    @Test
    void truncatedWavIsReportedInSecondsAtOpen() throws IOException {
        float[][] x = signal(2, 48000, 10.0);
        Path f = writeWav(dir.resolve("cut.wav"), x, 48000, 24);
        long keep = 80 + (long) (4.2 * 48000) * 6;
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(keep);
        }
        assertThat(failure(f)).isEqualTo("cut.wav: truncated: data chunk declares 10.0 s but file holds 4.2 s");
    }

    @Test
    void fileThatShrinksWhileReadingFailsMidStream() throws IOException {
        float[][] x = signal(1, 48000, 2.0);
        Path f = writeWav(dir.resolve("shrink.wav"), x, 48000, 16);
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.read(48000)).isNotNull();
            try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                ch.truncate(80 + 57600 * 2);
            }
            assertThatThrownBy(() -> { while (r.read(48000) != null) { } })
                    .isInstanceOf(AudioFileException.class)
                    .hasMessageStartingWith("shrink.wav: truncated: file ended at 1.2 s while its header declares 2.0 s");
        }
    }

    @Test
    void garbageBytes() throws IOException {
        byte[] junk = new byte[5000];
        new SplittableRandom(3).nextBytes(junk);
        junk[0] = 0x12;
        Path f = dir.resolve("noise.bin");
        Files.write(f, junk);
        assertThat(failure(f)).startsWith("noise.bin: not an audio file Signoff reads (starts with 12 ");
    }

    @Test
    void textFileNamedWav() throws IOException {
        Path f = dir.resolve("notes.wav");
        Files.writeString(f, "hello world, this is not audio\n");
        assertThat(failure(f)).isEqualTo("notes.wav: not an audio file Signoff reads (starts with \"hello wo\")");
    }

    @Test
    void emptyFileDirectoryAndMissingFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        assertThat(failure(empty)).isEqualTo("empty.wav: empty file (0 bytes)");
        Path sub = Files.createDirectory(dir.resolve("album"));
        assertThat(failure(sub)).isEqualTo("album: is a directory, not an audio file");
        assertThat(failure(dir.resolve("gone.wav"))).isEqualTo("gone.wav: no such file");
    }

    @Test
    void hugeFmtChunk() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(56).put(ascii("WAVE")).put(ascii("fmt ")).putInt(0x7FFF_0000)
                .putShort((short) 1).putShort((short) 2).putInt(48000).putInt(192000).putShort((short) 4).putShort((short) 16);
        Path f = dir.resolve("bigfmt.wav");
        Files.write(f, b.array());
        assertThat(failure(f)).isEqualTo("bigfmt.wav: corrupt header: fmt chunk claims 2147418112 bytes (expected 16 to 40)");
    }

    @Test
    void headerCutShortAndMissingChunks() throws IOException {
        Path f = dir.resolve("stub.wav");
        Files.write(f, Arrays.copyOf(ascii("RIFF\0\0\0\0WA"), 10));
        assertThat(failure(f)).isEqualTo("stub.wav: truncated: file ends inside the WAV header");

        ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(12).put(ascii("WAVE")).put(ascii("LIST")).putInt(100);
        Path g = dir.resolve("nodata.wav");
        Files.write(g, b.array());
        assertThat(failure(g)).isEqualTo("nodata.wav: truncated: file ends inside a chunk before the fmt chunk");
    }

    @Test
    void compressedWavIsNamed() throws IOException {
        Path f = Files.write(dir.resolve("mp3in.wav"), wav(fmt(0x55, 2, 44100, 16000, 1, 0), new byte[4]));
        assertThat(failure(f)).isEqualTo("mp3in.wav: WAV with format tag 0x0055 (MP3) is not supported; Signoff reads PCM and IEEE float WAV");
    }

    @Test
    void unsupportedSampleRates() throws IOException {
        float[][] x = signal(1, 4000, 0.1);
        Path low = writeWav(dir.resolve("low.wav"), x, 4000, 16);
        assertThat(failure(low)).isEqualTo("low.wav: sample rate 4000 Hz is not supported (Signoff reads 8 kHz to 384 kHz)");
        Path high = writeWav(dir.resolve("high.wav"), x, 768000, 16);
        assertThat(failure(high)).isEqualTo("high.wav: sample rate 768000 Hz is not supported (Signoff reads 8 kHz to 384 kHz)");
    }

    @Test
    void zeroChannelsAndZeroRateAreCorruptHeaders() throws IOException {
        Path f = Files.write(dir.resolve("zero.wav"), wav(fmt(1, 0, 44100, 16), new byte[4]));
        assertThat(failure(f)).isEqualTo("zero.wav: corrupt header: fmt chunk declares 0 channels");
    }

    @Test
    void absurdChannelCountIsRefusedBeforeAllocating() throws IOException {
        Path f = Files.write(dir.resolve("many.wav"), wav(fmt(1, 30000, 48000, 16), new byte[0]));
        assertThat(failure(f)).isEqualTo("many.wav: 30000 channels is more than Signoff reads (up to 128)");
    }

    @Test
    void headerWithoutSamples() throws IOException {
        Path f = dir.resolve("failed-bounce.wav");
        WavWriter.open(f, 48000, 2, 24).close();
        assertThat(failure(f)).isEqualTo("failed-bounce.wav: contains no audio (its header declares 0 samples)");
    }

    @Test
    void riffThatIsNotWave() throws IOException {
        Path f = dir.resolve("movie.wav");
        Files.write(f, ascii("RIFF\u0010\0\0\0AVI LIST\0\0\0\0"));
        assertThat(failure(f)).isEqualTo("movie.wav: not an audio file Signoff reads (starts with \"RIFF\u0010\0\0\0\")".replace("\"RIFF\u0010\0\0\0\"", "52 49 46 46 10 00 00 00"));
    }

    @Test
    void sniffingIgnoresTheExtension() throws IOException {
        float[][] x = signal(2, 48000, 0.05);
        Path f = writeWav(dir.resolve("really-a-wav.mp3"), x, 48000, 16);
        try (AudioReader r = AudioDecoders.open(f)) {
            assertThat(r.info().format()).isEqualTo("WAV PCM");
        }
        try (WavWriter w = WavWriter.open(dir.resolve("x.flac"), 48000, 1, 16)) {
            w.write(new float[][]{{0.1f}}, 1);
        }
        try (AudioReader r = AudioDecoders.open(dir.resolve("x.flac"))) {
            assertThat(r.info().format()).isEqualTo("WAV PCM");
        }
    }
}
