package dev.signoff.server.support;

import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real bounces for tests: short synthesized songs written as WAV, and FLAC through the flac encoder. */
public final class Bounces {
    private Bounces() {}

    /** A stereo song at 44.1 kHz, 16-bit WAV, {@code seconds} long (SongSynth makes at least 21 s); {@code seed} makes each one different; with {@code defects} built in. */
    public static Path wav(Path file, double seconds, long seed, SongSynth.Defect... defects) throws IOException {
        SongSynth.Song song = SongSynth.render(44_100, seconds, seed, java.util.Set.of(defects));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (WavWriter w = WavWriter.open(file, song.sampleRate(), 2, 16)) {
            w.write(song.channels(), song.frames());
        }
        return file;
    }

    /** The same song as FLAC (skips the test when the flac encoder is not installed). */
    public static Path flac(Path file, double seconds, long seed) throws IOException, InterruptedException {
        assumeTrue(onPath("flac"), "the flac encoder is not installed");
        Path wav = wav(file.resolveSibling(file.getFileName() + ".src.wav"), seconds, seed);
        Process p = new ProcessBuilder("flac", "--silent", "--force", "-o", file.toString(), wav.toString())
                .redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IOException("flac failed: " + new String(p.getInputStream().readAllBytes()));
        Files.delete(wav);
        return file;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (Files.isExecutable(Path.of(dir, command))) return true;
        return false;
    }
}
