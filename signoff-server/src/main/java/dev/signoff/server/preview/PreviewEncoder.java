package dev.signoff.server.preview;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.ffmpeg.FfmpegReader;
import dev.signoff.server.DataDirectory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes a version's listening preview: AAC-LC at {@value #BITRATE_KBPS} kbps in an MP4 (.m4a) whose
 * index is at the front ({@code -movflags +faststart}), so a player starts after one small range
 * request. ffmpeg's fast AAC coder: at this bitrate its quantisation search costs 3.6x less CPU than
 * the default two-loop search (2.5 s against 8.9 s for a 4-minute song) for a file of the same size. AAC in MP4 is what Chromium, Firefox and Safari on macOS and iOS all play. The level is
 * the original's: no gain, no limiting, so the integrated loudness measured on the original holds
 * for the preview and the page's loudness matching (a gain of at most 1 from {@code integrated_lufs})
 * applies to both alike; decoders output floating point, so peaks above full scale reach that gain
 * unclipped. Above 48 kHz the preview is resampled to 48 kHz, and more than two channels are mixed
 * down to stereo (ffmpeg's standard downmix).
 *
 * <p>ffmpeg runs as its own process in the version's 'preview' job, after the analysis has marked it
 * ready; it encodes the samples that job's decoding hands it ({@link Encoding#source()}, raw 32-bit
 * floats on its standard input), so every format Signoff accepts gets a preview. Without ffmpeg on
 * the server there is no preview, and {@link #NO_FFMPEG} says so.
 */
public final class PreviewEncoder {
    public static final int BITRATE_KBPS = 256;
    public static final String CONTENT_TYPE = "audio/mp4";
    /** Why a version has no preview on a server without ffmpeg (its {@code preview_error}). */
    public static final String NO_FFMPEG = "the server has no ffmpeg to make it (apt-get install ffmpeg)";
    private static final int MAX_RATE = 48_000;
    private static final long TIMEOUT_MINUTES = 30;
    private static final int ERROR_KEEP = 300;

    private final Optional<Path> ffmpeg;

    private PreviewEncoder(Optional<Path> ffmpeg) { this.ffmpeg = ffmpeg; }

    /** With the ffmpeg found on this process's PATH, if any. */
    public static PreviewEncoder onPath() {
        return new PreviewEncoder(FfmpegReader.findExecutable("ffmpeg", System.getenv("PATH")));
    }

    /** With the ffmpeg found in {@code searchPath} (a PATH-like list of folders), if any. */
    public static PreviewEncoder searching(String searchPath) {
        return new PreviewEncoder(FfmpegReader.findExecutable("ffmpeg", searchPath));
    }

    public boolean available() { return ffmpeg.isPresent(); }

    /** Where a version's preview is kept. */
    public static Path fileFor(DataDirectory dir, String versionId) {
        return dir.previews().resolve(versionId + ".m4a");
    }

    /** A preview being encoded from the samples fed to {@link #source()}; {@link #finish()} waits for it. */
    public final class Encoding implements AutoCloseable {
        private final Process process;
        private final OutputStream samples;
        private final Path part, target, log;
        private boolean fed;

        private Encoding(Process process, Path part, Path target, Path log) {
            this.process = process;
            this.samples = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
            this.part = part;
            this.target = target;
            this.log = log;
        }

        /**
         * The analyser of a decoding pass that hands ffmpeg every block, interleaved little-endian floats.
         * ffmpeg stopping early (its error is what {@link #finish()} reports) stops the feeding, never the pass.
         */
        public Analyser source() {
            return new Analyser() {
                private ByteBuffer bytes = ByteBuffer.allocate(0);
                private boolean broken;

                @Override public void accept(AudioBlock block) {
                    if (broken) return;
                    int channels = block.samples().length, n = block.frames() * channels * Float.BYTES;
                    if (bytes.capacity() < n) bytes = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
                    bytes.clear();
                    for (int i = 0; i < block.frames(); i++) {
                        for (int c = 0; c < channels; c++) bytes.putFloat(block.channel(c)[i]);
                    }
                    try {
                        samples.write(bytes.array(), 0, n);
                    } catch (IOException ffmpegStopped) {
                        broken = true;
                    }
                }

                @Override public void finish() {
                    endOfSamples();
                }
            };
        }

        private void endOfSamples() {
            if (fed) return;
            fed = true;
            try {
                samples.close();
            } catch (IOException ffmpegStopped) {
                // its exit code and log say why
            }
        }

        /**
         * Waits for ffmpeg; the finished preview in place, or an IOException with ffmpeg's first error
         * line (an InterruptedIOException when the waiting thread is interrupted).
         */
        public Path finish() throws IOException {
            endOfSamples();
            try {
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES))
                    throw new IOException("ffmpeg took more than " + TIMEOUT_MINUTES + " minutes on it");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while encoding the listening preview");
            }
            if (process.exitValue() != 0) throw new IOException("ffmpeg failed on it: " + firstErrorLine());
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }

        private String firstErrorLine() throws IOException {
            String text = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip() : "";
            String line = text.isEmpty() ? "exit code " + process.exitValue() : text.lines().findFirst().orElse("");
            return line.length() > ERROR_KEEP ? line.substring(0, ERROR_KEEP) + "…" : line;
        }

        /** Stops ffmpeg if it still runs and removes what it left besides a finished preview. */
        @Override public void close() throws IOException {
            if (process.isAlive()) process.destroyForcibly();
            endOfSamples();
            Files.deleteIfExists(part);
            Files.deleteIfExists(log);
        }
    }

    /**
     * Starts encoding the preview of {@code versionId} from {@code sampleRate} Hz, {@code channels}-channel
     * samples fed to the encoding's {@link Encoding#source()}. Only when {@link #available()}.
     */
    public Encoding start(DataDirectory dir, String versionId, int sampleRate, int channels) throws IOException {
        Path exe = ffmpeg.orElseThrow(() -> new IllegalStateException(NO_FFMPEG));
        Path target = fileFor(dir, versionId);
        Path part = target.resolveSibling(versionId + ".m4a.part");
        Path log = target.resolveSibling(versionId + ".log");
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-v", "error", "-y",
                "-f", "f32le", "-ar", Integer.toString(sampleRate), "-ac", Integer.toString(channels), "-i", "pipe:0",
                "-map_metadata", "-1", "-c:a", "aac", "-aac_coder", "fast", "-b:a", BITRATE_KBPS + "k"));
        if (sampleRate > MAX_RATE) cmd.addAll(List.of("-ar", Integer.toString(MAX_RATE)));
        if (channels > 2) cmd.addAll(List.of("-ac", "2"));
        cmd.addAll(List.of("-movflags", "+faststart", "-f", "mp4", part.toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
        return new Encoding(p, part, target, log);
    }
}
