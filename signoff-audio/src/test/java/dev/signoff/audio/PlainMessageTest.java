package dev.signoff.audio;

import dev.signoff.audio.aiff.AiffReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.signoff.audio.TestAudio.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every error names the file and says what is wrong in words: no class names, no "null", no
 * "-Infinity", whatever the damage.
 */
class PlainMessageTest {
    @TempDir Path dir;

    /** The decode's error message, or null when the file decoded. */
    private static String failure(Path f) {
        try (AudioReader r = AudioDecoders.open(f)) {
            while (r.read(8192) != null) { }
            return null;
        } catch (AudioFileException e) {
            return e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "NOT AN AudioFileException: " + e;
        }
    }

    private static void assertPlain(Path f, String message) {
        assertThat(message).as(f.getFileName().toString())
                .startsWith(f.getFileName() + ": ")
                .doesNotContain("\n")
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("org.").doesNotContain("java.").doesNotContain("javazoom").doesNotContain("jcraft")
                .doesNotContain("null").doesNotContain("Infinity").doesNotContain("NaN");
    }

    @Test
    void aFlacCutInTheMiddleOfAFrameIsTruncatedAtATime() throws Exception {
        Path flac = encode(dir, signal(2, 44100, 4.0), 44100, 16, "mix.flac", "flac", "--silent", "-f", "-o", OUT, IN);
        byte[] all = Files.readAllBytes(flac);
        Path cut = Files.write(dir.resolve("cut.flac"), Arrays.copyOf(all, all.length * 2 / 3 + 7));
        String m = failure(cut);
        assertPlain(cut, m);
        assertThat(m).matches("cut\\.flac: truncated: ends in the middle of a FLAC frame at 0:0\\d\\.\\d");
    }

    @Test
    void anAiffWithAnInfiniteSampleRateSaysSoInWords() throws Exception {
        Path aiff = dir.resolve("inf.aiff");
        byte[] b = aiffBytes(signal(1, 44100, 0.5));
        int comm = indexOf(b, "COMM");
        b[comm + 16] = (byte) 0xFF;                     // sign and exponent all ones: -Infinity
        b[comm + 17] = (byte) 0xFF;
        Files.write(aiff, b);
        String m = failure(aiff);
        assertPlain(aiff, m);
        assertThat(m).contains("sample rate");
    }

    @Test
    void aNamedPipeIsNotCalledAnEmptyFile() throws Exception {
        Path fifo = dir.resolve("pipe.wav");
        assumeTrue(onPath("mkfifo"));
        run("mkfifo", fifo.toString());
        String m = failure(fifo);
        assertPlain(fifo, m);
        assertThat(m).doesNotContain("empty").contains("named pipe");
    }

    /**
     * Random bytes over the headers of small valid files of every format read in Java: each
     * mutant decodes or fails with a plain one-line message.
     */
    @Test
    void mutatedHeadersOfEveryFormatGivePlainMessages() throws Exception {
        float[][] x = signal(2, 44100, 1.0);
        List<Path> seeds = new ArrayList<>(List.of(writeWav(dir.resolve("seed.wav"), x, 44100, 16)));
        seeds.add(Files.write(dir.resolve("seed.aiff"), aiffBytes(x)));
        if (onPath("flac")) seeds.add(encode(dir, x, 44100, 16, "seed.flac", "flac", "--silent", "-f", "-o", OUT, IN));
        if (onPath("lame")) seeds.add(encode(dir, x, 44100, 16, "seed.mp3", "lame", "--quiet", "-b", "128", IN, OUT));
        if (onPath("oggenc")) seeds.add(encode(dir, x, 44100, 16, "seed.ogg", "oggenc", "-Q", "-o", OUT, IN));
        SplittableRandom random = new SplittableRandom(10);
        List<String> leaks = new ArrayList<>();
        for (Path seed : seeds) {
            byte[] original = Files.readAllBytes(seed);
            for (int n = 0; n < 150; n++) {
                byte[] b = original.clone();
                int flips = 1 + random.nextInt(4);
                int span = Math.min(b.length, n % 3 == 0 ? b.length : 256);
                for (int i = 0; i < flips; i++) b[random.nextInt(span)] = (byte) random.nextInt(256);
                Path f = Files.write(dir.resolve("mutant-" + n + "-" + seed.getFileName()), b);
                String m = failure(f);
                try {
                    if (m != null) assertPlain(f, m);
                } catch (AssertionError e) {
                    leaks.add(m);
                }
                Files.delete(f);
            }
        }
        assertThat(leaks).isEmpty();
    }

    private static int indexOf(byte[] b, String id) {
        for (int i = 0; i + 4 <= b.length; i++) if (new String(b, i, 4, java.nio.charset.StandardCharsets.ISO_8859_1).equals(id)) return i;
        throw new AssertionError(id);
    }

    /** A 16-bit big-endian AIFF of {@code x} at 44.1 kHz. */
    static byte[] aiffBytes(float[][] x) {
        int frames = x[0].length, channels = x.length;
        int data = frames * channels * 2;
        ByteBuffer b = ByteBuffer.allocate(12 + 26 + 16 + data);
        b.put("FORM".getBytes()).putInt(4 + 26 + 16 + data).put("AIFF".getBytes());
        b.put("COMM".getBytes()).putInt(18).putShort((short) channels).putInt(frames).putShort((short) 16);
        b.put(new byte[]{0x40, 0x0E, (byte) 0xAC, 0x44, 0, 0, 0, 0, 0, 0});   // 44100 as 80-bit extended
        b.put("SSND".getBytes()).putInt(8 + data).putInt(0).putInt(0);
        for (int i = 0; i < frames; i++) for (float[] c : x) b.putShort((short) Math.round(c[i] * 32767));
        return b.array();
    }
}
