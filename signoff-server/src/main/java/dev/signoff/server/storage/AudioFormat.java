package dev.signoff.server.storage;

import java.util.Locale;

/**
 * The container of a stored version, as recognised by the decoder (never by the client's file
 * name): the extension the vault gives the file and the Content-Type it is streamed with.
 */
public enum AudioFormat {
    WAV("wav", "audio/wav"),
    AIFF("aiff", "audio/aiff"),
    FLAC("flac", "audio/flac"),
    MP3("mp3", "audio/mpeg"),
    OGG("ogg", "audio/ogg"),
    OPUS("opus", "audio/ogg; codecs=opus"),
    M4A("m4a", "audio/mp4"),
    AAC("aac", "audio/aac"),
    WEBM("webm", "audio/webm"),
    CAF("caf", "audio/x-caf"),
    OTHER("audio", "application/octet-stream");

    private final String extension;
    private final String contentType;

    AudioFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The short id stored in versions.format and shown in the API ("wav", "flac", ...). */
    public String id() { return extension; }

    public String extension() { return extension; }

    public String contentType() { return contentType; }

    /** From a decoder's format name ({@link dev.signoff.audio.StreamInfo#format()}, e.g. "WAV PCM", "Ogg Vorbis"). */
    public static AudioFormat ofDecoder(String decoderFormat) {
        String f = decoderFormat.toUpperCase(Locale.ROOT);
        if (f.startsWith("WAV") || f.startsWith("RF64") || f.startsWith("BWF") || f.startsWith("RIFX")) return WAV;
        if (f.startsWith("AIFF")) return AIFF;
        if (f.equals("FLAC")) return FLAC;
        if (f.startsWith("MP3") || f.startsWith("MPEG")) return MP3;
        if (f.startsWith("OGG")) return OGG;
        if (f.startsWith("OPUS")) return OPUS;
        if (f.startsWith("MP4")) return M4A;
        if (f.equals("AAC")) return AAC;
        if (f.startsWith("MATROSKA")) return WEBM;
        if (f.equals("CAF")) return CAF;
        return OTHER;
    }

    /** From a stored id; OTHER for anything unknown. */
    public static AudioFormat ofId(String id) {
        for (AudioFormat f : values()) if (f.id().equals(id)) return f;
        return OTHER;
    }

    /** Whether the container says how long the audio is, so a cut-off file is caught by opening it. */
    public boolean declaresItsLength() { return this == WAV || this == AIFF; }
}
