package dev.signoff.analysis.codecs;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A lossy encoding a mix meets on the way to listeners, as ffmpeg's encoders make it. */
public enum Codec {
    AAC_256("aac-256", "AAC 256", "m4a", List.of("-c:a", "aac", "-b:a", "256k"), 9.1),
    VORBIS_320("vorbis-320", "Vorbis 320", "ogg", List.of("-c:a", "libvorbis", "-b:a", "320k"), 3.5),
    OPUS_160("opus-160", "Opus 160", "opus", List.of("-c:a", "libopus", "-b:a", "160k"), 3.0),
    MP3_320("mp3-320", "MP3 320", "mp3", List.of("-c:a", "libmp3lame", "-b:a", "320k"), 3.5),
    MP3_128("mp3-128", "MP3 128", "mp3", List.of("-c:a", "libmp3lame", "-b:a", "128k"), 3.7);

    private final String id, displayName, extension;
    private final List<String> encoderArgs;
    private final double ffmpegCpuSeconds;

    Codec(String id, String displayName, String extension, List<String> encoderArgs, double ffmpegCpuSeconds) {
        this.id = id;
        this.displayName = displayName;
        this.extension = extension;
        this.encoderArgs = encoderArgs;
        this.ffmpegCpuSeconds = ffmpegCpuSeconds;
    }

    /** Stable id for JSON and file names, e.g. "aac-256". */
    public String id() { return id; }

    public String displayName() { return displayName; }

    /** The container ffmpeg writes the encode to (one that records the encoder's delay). */
    public String extension() { return extension; }

    /** ffmpeg's output options for this encoder. */
    public List<String> encoderArgs() { return encoderArgs; }

    /**
     * CPU seconds ffmpeg took to encode and decode the 4-minute 48 kHz song (bench/, 2026-12-07):
     * only to start the longest round trips first, so that no long one is left running alone at the end.
     */
    double ffmpegCpuSeconds() { return ffmpegCpuSeconds; }

    /**
     * The codecs a comma-separated list of ids names ({@code "aac-256,opus-160"}; {@code "all"}
     * for every one), in this enum's order, each once.
     *
     * @throws IllegalArgumentException naming the first unknown id and the known ones
     */
    public static List<Codec> parseList(String ids) {
        Set<Codec> chosen = EnumSet.noneOf(Codec.class);
        for (String id : ids.split(",", -1)) {
            String wanted = id.strip();
            if (wanted.equals("all")) {
                chosen.addAll(EnumSet.allOf(Codec.class));
                continue;
            }
            Codec codec = Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown codec '" + wanted + "' (known: "
                            + Arrays.stream(values()).map(Codec::id).collect(Collectors.joining(", ")) + ", or all)"));
            chosen.add(codec);
        }
        return List.copyOf(chosen);
    }
}
