package dev.signoff.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import static dev.signoff.audio.TestAudio.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of every reader that decodes in Java, through {@link AudioDecoders#open}
 * (which picks the reader from the bytes): any input decodes, or fails with a plain one-line
 * {@link AudioFileException}; anything else (a library exception, running out of memory, a hang)
 * is a crash, which Jazzer keeps under src/test/resources/dev/signoff/audio/ReaderFuzzTestInputs/
 * where every later run replays it. The seeds are small valid WAV, AIFF, FLAC, MP3 and Ogg Vorbis
 * files made here before the fuzzing starts.
 *
 * <p>The run is bounded by executions, not time, and starts from a fixed seed (signoff-audio's pom):
 * a time-bounded run explores further on a fast machine than on a loaded one, so CI could meet a
 * crash no run here had met. The duration is only a backstop; bench/fuzz.sh searches open-ended.
 */
class ReaderFuzzTest {
    private static Path work;
    /** Decoded frames after which a mutant is not read further: its header may promise hours. */
    private static final long MAX_FRAMES = 10 * 48_000;

    @BeforeAll
    static void seeds() throws Exception {
        work = Files.createTempDirectory("signoff-fuzz");
        Path seeds = seedDirectory();
        Files.createDirectories(seeds);
        float[][] x = signal(2, 8000, 0.25);
        float[][] mono = signal(1, 8000, 0.25);
        Files.copy(writeWav(work.resolve("a.wav"), x, 8000, 16), seeds.resolve("seed-16.wav"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(writeWav(work.resolve("b.wav"), mono, 8000, 32), seeds.resolve("seed-float.wav"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.write(seeds.resolve("seed.aiff"), PlainMessageTest.aiffBytes(signal(2, 44100, 0.05)));
        if (onPath("flac")) copySeed(encode(work, x, 8000, 16, "s.flac", "flac", "--silent", "-f", "-o", OUT, IN), seeds);
        if (onPath("lame")) copySeed(encode(work, x, 8000, 16, "s.mp3", "lame", "--quiet", "-b", "32", IN, OUT), seeds);
        if (onPath("oggenc")) copySeed(encode(work, x, 8000, 16, "s.ogg", "oggenc", "-Q", "-q", "0", "--serial", "1", "-o", OUT, IN), seeds);
    }

    /** Jazzer reads seeds (and replays crashes) from this class's Inputs resource folder, here the copy under target/test-classes. */
    private static Path seedDirectory() throws URISyntaxException {
        Path classes = Path.of(ReaderFuzzTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return classes.resolve("dev/signoff/audio/ReaderFuzzTestInputs/anyBytesDecodeOrFailPlainly");
    }

    private static void copySeed(Path file, Path seeds) throws IOException {
        Files.copy(file, seeds.resolve("seed-" + file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (var files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @FuzzTest(maxDuration = "15m", maxExecutions = 30_000)
    void anyBytesDecodeOrFailPlainly(byte[] data) throws IOException {
        Path f = work.resolve("input.bin");
        Files.write(f, data);
        try (AudioReader r = AudioDecoders.open(f)) {
            StreamInfo info = r.info();
            assertThat(info.sampleRate()).isBetween(StreamInfo.MIN_SAMPLE_RATE, StreamInfo.MAX_SAMPLE_RATE);
            long frames = 0;
            AudioBlock b;
            while (frames < MAX_FRAMES && (b = r.read(4096)) != null) {
                assertThat(b.channels()).isEqualTo(info.channels());
                assertThat(b.startFrame()).isEqualTo(frames);
                frames += b.frames();
            }
        } catch (AudioFileException e) {
            assertThat(e.getMessage()).startsWith("input.bin: ").doesNotContain("\n");
            // What the message quotes from the file itself may say anything ("starts with "ff%0null"").
            String words = e.getMessage().replaceAll("\"[^\"]*\"", "\"\"");
            assertThat(words).doesNotContainIgnoringCase("exception").doesNotContain("null").doesNotContain("Infinity");
        }
    }
}
