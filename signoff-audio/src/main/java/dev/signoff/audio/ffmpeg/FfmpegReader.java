package dev.signoff.audio.ffmpeg;

import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.ChannelLayout;
import dev.signoff.audio.CodecReader;
import dev.signoff.audio.StreamInfo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes anything the Java decoders do not (Opus, AAC/M4A, ALAC, WavPack...) by running
 * {@code ffmpeg -v error -i FILE -map 0:a:0 -f f32le -} and reading the raw float stream from its
 * stdout. The rate, channel count and layout come from {@code ffprobe} when it is installed, else
 * from the stream line ffmpeg prints about its input. Output stays at the source rate and
 * channel count, so what Signoff measures is what the codec decodes to.
 */
public final class FfmpegReader extends CodecReader {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int STDERR_KEEP = 4096;
    private static final Pattern STREAM_LINE = Pattern.compile("Stream #\\d+:\\d+.*?: Audio: [^,]+, (\\d+) Hz, ([^,]+)");

    private final Path file;
    private final Process process;
    private final InputStream stdout;
    private final StringBuilder stderr = new StringBuilder();
    private final Thread stderrDrain;
    private final StreamInfo info;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int buffered;
    private boolean ended;

    private FfmpegReader(Path file, Path ffmpeg, StreamInfo info) throws IOException {
        this.file = file;
        this.info = info;
        ProcessBuilder pb = new ProcessBuilder(ffmpeg.toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-map", "0:a:0", "-f", "f32le", "-ac", Integer.toString(info.channels()), "-ar", Integer.toString(info.sampleRate()), "-");
        this.process = pb.start();
        this.process.getOutputStream().close();
        this.stdout = process.getInputStream();
        this.stderrDrain = drain(process.getErrorStream(), stderr);
    }

    /**
     * Opens {@code file} through ffmpeg found on the PATH.
     *
     * @param formatName what the file is, for the stream info and for the error when ffmpeg is missing
     */
    public static FfmpegReader open(Path file, String formatName) throws IOException {
        return open(file, formatName, System.getenv("PATH"));
    }

    /** As {@link #open(Path, String)}, looking for ffmpeg and ffprobe in {@code searchPath}. */
    public static FfmpegReader open(Path file, String formatName, String searchPath) throws IOException {
        Path ffmpeg = findExecutable("ffmpeg", searchPath).orElseThrow(() -> new AudioFileException(file,
                "is " + article(formatName) + " " + formatName + " file; decoding it needs ffmpeg on PATH (apt-get install ffmpeg)"));
        Optional<Path> ffprobe = findExecutable("ffprobe", searchPath);
        StreamInfo info = ffprobe.isPresent() ? probe(file, ffprobe.get(), formatName) : probeWithFfmpeg(file, ffmpeg, formatName);
        return new FfmpegReader(file, ffmpeg, info);
    }

    /** True when an executable named {@code name} is in one of the PATH directories. */
    public static Optional<Path> findExecutable(String name, String searchPath) {
        if (searchPath == null) return Optional.empty();
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    private static StreamInfo probe(Path file, Path ffprobe, String formatName) throws IOException {
        String out = run(file, List.of(ffprobe.toString(), "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=sample_rate,channels,channel_layout",
                "-of", "default=noprint_wrappers=1", file.toString()), true);
        int rate = 0, channels = 0;
        String layout = "";
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq < 0) continue;
            String key = line.substring(0, eq), value = line.substring(eq + 1).trim();
            switch (key) {
                case "sample_rate" -> rate = parseInt(value);
                case "channels" -> channels = parseInt(value);
                case "channel_layout" -> layout = value;
                default -> { }
            }
        }
        if (rate <= 0 || channels <= 0) throw new AudioFileException(file, "ffprobe finds no audio stream in this " + formatName + " file");
        // container durations count codec priming (Opus pre-skip, AAC edit lists) differently
        // from what ffmpeg outputs, so the length stays unknown until the end of the stream
        return new StreamInfo(rate, channels, 0, false, formatName, -1, layoutFor(layout, channels));
    }

    private static StreamInfo probeWithFfmpeg(Path file, Path ffmpeg, String formatName) throws IOException {
        String out = run(file, List.of(ffmpeg.toString(), "-nostdin", "-hide_banner", "-i", file.toString()), false);
        Matcher m = STREAM_LINE.matcher(out);
        if (!m.find()) throw new AudioFileException(file, "ffmpeg finds no audio stream in this " + formatName + " file");
        int rate = parseInt(m.group(1));
        String layout = m.group(2).trim();
        int channels = switch (layout) {
            case "mono" -> 1;
            case "stereo" -> 2;
            case "2.1", "3.0" -> 3;
            case "quad", "4.0" -> 4;
            case "5.0", "5.0(side)" -> 5;
            case "5.1", "5.1(side)" -> 6;
            case "7.1", "7.1(wide)" -> 8;
            default -> layout.endsWith(" channels") ? parseInt(layout.substring(0, layout.indexOf(' '))) : 0;
        };
        if (rate <= 0 || channels <= 0) throw new AudioFileException(file, "cannot tell the channel count of this " + formatName + " file from ffmpeg's output");
        return new StreamInfo(rate, channels, 0, false, formatName, -1, layoutFor(layout, channels));
    }

    /** Speaker positions for ffmpeg's layout names, via the equivalent WAVE channel masks. */
    private static ChannelLayout layoutFor(String name, int channels) {
        int mask = switch (name) {
            case "mono" -> 0x4;
            case "stereo" -> 0x3;
            case "2.1" -> 0xB;
            case "3.0" -> 0x7;
            case "quad" -> 0x33;
            case "5.0" -> 0x37;
            case "5.0(side)" -> 0x607;
            case "5.1" -> 0x3F;
            case "5.1(side)" -> 0x60F;
            case "7.1" -> 0x63F;
            default -> 0;
        };
        if (Integer.bitCount(mask) != channels) mask = 0;
        return ChannelLayout.fromWaveChannelMask(mask, channels);
    }

    /** Runs a probe command and returns its stdout (or stderr), failing with ffmpeg's first error line. */
    private static String run(Path file, List<String> command, boolean wantStdout) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(!wantStdout).start();
        p.getOutputStream().close();
        StringBuilder err = new StringBuilder();
        Thread drain = wantStdout ? drain(p.getErrorStream(), err) : null;
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            int code = p.waitFor();
            if (drain != null) drain.join();
            if (wantStdout && code != 0) throw new AudioFileException(file, "ffprobe cannot read it: " + firstLine(err));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing " + file.getFileName(), e);
        }
        return out;
    }

    private static Thread drain(InputStream in, StringBuilder into) {
        Thread t = new Thread(() -> {
            byte[] b = new byte[1024];
            try (in) {
                int r;
                while ((r = in.read(b)) >= 0) {
                    synchronized (into) {
                        if (into.length() < STDERR_KEEP) into.append(new String(b, 0, r, StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException ignored) {
                // the process was destroyed by close(); nothing left worth reporting
            }
        }, "ffmpeg-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String firstLine(StringBuilder text) {
        synchronized (text) {
            String s = text.toString().strip();
            if (s.isEmpty()) return "no message";
            int nl = s.indexOf('\n');
            return (nl < 0 ? s : s.substring(0, nl)).strip();
        }
    }

    @Override
    public StreamInfo info() { return info; }

    @Override
    protected int decoded() throws IOException {
        int frameBytes = 4 * info.channels();
        while (buffered < frameBytes && !ended) {
            int r = stdout.read(buffer, buffered, buffer.length - buffered);
            if (r < 0) finishProcess();
            else buffered += r;
        }
        return buffered / frameBytes;
    }

    @Override
    protected void copyDecoded(float[][] out, int at, int frames) {
        decodeF32le(buffer, frames, out.length, out, at);
        int used = frames * 4 * out.length;
        System.arraycopy(buffer, used, buffer, 0, buffered - used);
        buffered -= used;
    }

    private void finishProcess() throws IOException {
        ended = true;
        try {
            int code = process.waitFor();
            stderrDrain.join();
            if (code != 0) throw new AudioFileException(file, "ffmpeg could not decode it: " + firstLine(stderr));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding " + file.getFileName(), e);
        }
    }

    private static void decodeF32le(byte[] src, int frames, int channels, float[][] dst, int offset) {
        int stride = 4 * channels;
        for (int c = 0; c < channels; c++) {
            float[] d = dst[c];
            for (int i = 0, p = 4 * c; i < frames; i++, p += stride) {
                d[offset + i] = Float.intBitsToFloat((src[p] & 0xFF) | (src[p + 1] & 0xFF) << 8 | (src[p + 2] & 0xFF) << 16 | src[p + 3] << 24);
            }
        }
    }

    private static String article(String name) {
        return "AEIOU".indexOf(Character.toUpperCase(name.charAt(0))) >= 0 ? "an" : "a";
    }

    private static int parseInt(String s) {
        try { return Integer.parseInt(s.trim()); } catch (NumberFormatException e) { return 0; }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) process.destroyForcibly();
        stdout.close();
    }
}
