package dev.signoff.cli;

import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a synthesized song to WAV, whole or not at all. */
final class SongFiles {
    private SongFiles() {}

    static void write(SongSynth.Song song, Path target, int bits) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = AtomicFiles.temporarySibling(abs);
        try {
            try (WavWriter w = WavWriter.open(tmp, song.sampleRate(), 2, bits)) {
                int block = 65536;
                float[][] buf = new float[2][];
                for (int start = 0; start < song.frames(); start += block) {
                    int n = Math.min(block, song.frames() - start);
                    for (int c = 0; c < 2; c++) buf[c] = java.util.Arrays.copyOfRange(song.channels()[c], start, start + n);
                    w.write(buf, n);
                }
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
