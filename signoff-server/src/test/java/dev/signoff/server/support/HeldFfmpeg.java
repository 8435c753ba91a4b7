package dev.signoff.server.support;

import dev.signoff.audio.ffmpeg.FfmpegReader;
import dev.signoff.server.preview.PreviewEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real ffmpeg held back until the test opens a gate: a server's listening previews wait there,
 * so a test sees what happens between a version's 'ready' and its preview.
 */
public final class HeldFfmpeg {
    private final Path bin, gate;

    private HeldFfmpeg(Path bin, Path gate) {
        this.bin = bin;
        this.gate = gate;
    }

    /** Made in {@code dir}; skips the test where ffmpeg is not installed. */
    public static HeldFfmpeg in(Path dir) throws IOException {
        Path ffmpeg = FfmpegReader.findExecutable("ffmpeg", System.getenv("PATH")).orElse(null);
        assumeTrue(ffmpeg != null, "ffmpeg is not installed");
        Path bin = Files.createDirectories(dir.resolve("held-ffmpeg")), gate = dir.resolve("held-ffmpeg-gate");
        Path held = bin.resolve("ffmpeg");
        Files.writeString(held, "#!/bin/sh\nwhile [ ! -e '" + gate + "' ]; do sleep 0.05; done\nexec '" + ffmpeg + "' \"$@\"\n");
        Files.setPosixFilePermissions(held, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new HeldFfmpeg(bin, gate);
    }

    /** The previews a server makes through this ffmpeg. */
    public PreviewEncoder previews() { return PreviewEncoder.searching(bin.toString()); }

    /** Lets the waiting encodings (and any later one) run. */
    public void open() throws IOException { Files.createFile(gate); }
}
