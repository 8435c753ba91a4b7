package dev.signoff.audio;

import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Signals, files and comparisons shared by the format tests. */
public final class TestAudio {
    private TestAudio() {}

    /**
     * {@code channels} channels with different content each (a sine at its own frequency plus
     * quiet noise, so channel swaps and misalignment both show), faded in and out.
     */
    public static float[][] signal(int channels, int sampleRate, double seconds) {
        float[][] x = new float[channels][];
        for (int c = 0; c < channels; c++) {
            float[] s = Signals.sine(330 * (c + 1) * Math.min(1, sampleRate / 48000.0 * 2), 0.4, seconds, sampleRate);
            float[] n = Signals.whiteNoise(0.05, seconds, sampleRate, 17 + c);
            for (int i = 0; i < s.length; i++) s[i] += n[i];
            x[c] = Signals.fadeInOut(s, Math.min(0.05, seconds / 4), sampleRate);
        }
        return x;
    }

    public static Path writeWav(Path file, float[][] x, int sampleRate, int bits) throws IOException {
        try (WavWriter w = WavWriter.open(file, sampleRate, x.length, bits)) {
            w.write(x, x[0].length);
        }
        return file;
    }

    /** What an integer PCM file of {@code bits} bits stores for {@code x}. */
    public static float[][] quantize(float[][] x, int bits) {
        float full = 1 << (bits - 1);
        float[][] q = new float[x.length][];
        for (int c = 0; c < x.length; c++) {
            q[c] = new float[x[c].length];
            for (int i = 0; i < x[c].length; i++) q[c][i] = Math.max(-full, Math.min(full - 1, Math.round(x[c][i] * full))) / full;
        }
        return q;
    }

    /** Decodes the whole stream (test files are short), checking block continuity on the way. */
    public static float[][] readAll(AudioReader reader, int blockFrames) throws IOException {
        int channels = reader.info().channels();
        List<float[][]> blocks = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long expectedStart = 0;
        int total = 0;
        AudioBlock b;
        while ((b = reader.read(blockFrames)) != null) {
            if (b.startFrame() != expectedStart) throw new AssertionError("block starts at " + b.startFrame() + ", expected " + expectedStart);
            if (b.frames() > blockFrames || b.channels() != channels) throw new AssertionError("bad block shape");
            expectedStart += b.frames();
            blocks.add(b.samples());
            sizes.add(b.frames());
            total += b.frames();
        }
        float[][] out = new float[channels][total];
        int at = 0;
        for (int k = 0; k < blocks.size(); k++) {
            for (int c = 0; c < channels; c++) System.arraycopy(blocks.get(k)[c], 0, out[c], at, sizes.get(k));
            at += sizes.get(k);
        }
        return out;
    }

    public static float[][] decode(Path file) throws IOException {
        try (AudioReader r = AudioDecoders.open(file)) {
            return readAll(r, 4000);
        }
    }

    public static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /** Normalised correlation of {@code ref[i]} with {@code x[i + lag]} over their overlap. */
    public static double correlation(float[] ref, float[] x, int lag) {
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = Math.max(0, -lag); i < ref.length && i + lag < x.length; i++) {
            double a = ref[i], b = x[i + lag];
            sxy += a * b;
            sxx += a * a;
            syy += b * b;
        }
        return sxy / Math.sqrt(sxx * syy + 1e-30);
    }

    /** The lag in [-maxLag, maxLag] where {@code x} best lines up with {@code ref}. */
    public static int bestLag(float[] ref, float[] x, int maxLag) {
        int best = 0;
        double bestC = -2;
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double c = correlation(ref, x, lag);
            if (c > bestC) {
                bestC = c;
                best = lag;
            }
        }
        return best;
    }

    public static double rmsDb(float[] x) {
        double s = 0;
        for (float v : x) s += v * v;
        return 10 * Math.log10(s / x.length + 1e-30);
    }

    /** Where {@link #encode} puts the source WAV and the encoded file in its command line. */
    public static final String IN = "{in}", OUT = "{out}";

    /**
     * Writes {@code x} as {@code src.wav} in {@code dir} and converts it with a command line tool
     * (skipping the test when the tool is missing) into {@code dir/name}, which is returned.
     */
    public static Path encode(Path dir, float[][] x, int sampleRate, int bits, String name, String... command)
            throws IOException, InterruptedException {
        Path wav = writeWav(dir.resolve("src.wav"), x, sampleRate, bits);
        Path out = dir.resolve(name);
        String[] line = command.clone();
        for (int i = 0; i < line.length; i++) {
            if (line[i].equals(IN)) line[i] = wav.toString();
            else if (line[i].equals(OUT)) line[i] = out.toString();
        }
        run(line);
        return out;
    }

    /** A copy of {@code f} named {@code name} in the same folder, cut off half way. */
    public static Path cutInHalf(Path f, String name) throws IOException {
        byte[] all = Files.readAllBytes(f);
        return Files.write(f.resolveSibling(name), Arrays.copyOf(all, all.length / 2));
    }

    /** A copy of {@code f} named {@code name} with {@code bytes} bytes from the middle on XORed with {@code mask}. */
    public static Path corruptMiddle(Path f, String name, int bytes, int mask) throws IOException {
        byte[] all = Files.readAllBytes(f);
        for (int i = all.length / 2; i < all.length / 2 + bytes; i++) all[i] ^= (byte) mask;
        return Files.write(f.resolveSibling(name), all);
    }

    /** Asserts that {@code y} holds exactly the samples of {@code expected}, channel for channel. */
    public static void assertSameSamples(float[][] expected, float[][] y) {
        assertThat(y.length).as("channels").isEqualTo(expected.length);
        for (int c = 0; c < expected.length; c++) {
            assertThat(y[c]).as("length of channel %d", c).hasSize(expected[c].length);
            assertThat(maxAbsDiff(expected[c], y[c])).as("channel %d", c).isZero();
        }
    }

    /** Runs a command line tool, skipping the test when the tool is not installed. */
    public static void run(String... command) throws IOException, InterruptedException {
        assumeTrue(onPath(command[0]), command[0] + " is not installed");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }
}
