package dev.signoff.analysis.codecs;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A lossy encoding a mix meets on the way to listeners, as ffmpeg's encoders make it. */
public enum Codec {
    AAC_256("aac-256", "AAC 256", "m4a", List.of("-c:a", "aac", "-b:a", "256k")),
    VORBIS_320("vorbis-320", "Vorbis 320", "ogg", List.of("-c:a", "libvorbis", "-b:a", "320k")),
    OPUS_160("opus-160", "Opus 160", "opus", List.of("-c:a", "libopus", "-b:a", "160k")),
    MP3_320("mp3-320", "MP3 320", "mp3", List.of("-c:a", "libmp3lame", "-b:a", "320k")),
    MP3_128("mp3-128", "MP3 128", "mp3", List.of("-c:a", "libmp3lame", "-b:a", "128k"));

    private final String id, displayName, extension;
    private final List<String> encoderArgs;

    Codec(String id, String displayName, String extension, List<String> encoderArgs) {
        this.id = id;
        this.displayName = displayName;
        this.extension = extension;
        this.encoderArgs = encoderArgs;
    }

    /** Stable id for JSON and file names, e.g. "aac-256". */
    public String id() { return id; }

    public String displayName() { return displayName; }

    /** The container ffmpeg writes the encode to (one that records the encoder's delay). */
    public String extension() { return extension; }

    /** ffmpeg's output options for this encoder. */
    public List<String> encoderArgs() { return encoderArgs; }

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
