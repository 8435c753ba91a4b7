package dev.signoff.report;

import dev.signoff.analysis.CheckResult;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What checking one file produced: either a {@link CheckResult} or a one-line error for a file
 * that could not be read. Exactly one of {@link #result()} and {@link #error()} is non-null.
 *
 * @param file   the file as given on the command line
 * @param result the check, or null when the file failed
 * @param error  a one-line, human-readable error, or null when the check succeeded
 * @param renders the mix rendered for listening, by device id, codec id (the decode) and codec id +
 *               {@value #RESIDUAL} (the codec's residual); empty when none were rendered
 * @param audio  a link to the mix itself for the HTML report's player (relative to the report where
 *               it is written to a file, else a file URL), or null for no player
 */
public record FileOutcome(Path file, CheckResult result, String error, Map<String, RenderLink> renders, String audio) {

    /** The suffix on a codec id that keys its residual in {@link #renders()}. */
    public static final String RESIDUAL = ".residual";

    public FileOutcome {
        Objects.requireNonNull(file, "file");
        if ((result == null) == (error == null)) throw new IllegalArgumentException("exactly one of result and error must be given");
        renders = renders == null ? Map.of() : Map.copyOf(renders);
    }

    public FileOutcome(Path file, CheckResult result, String error) {
        this(file, result, error, Map.of(), null);
    }

    /** The same outcome with links to its renders. */
    public FileOutcome withRenders(Map<String, RenderLink> links) {
        return new FileOutcome(file, result, error, links, audio);
    }

    /** The same outcome with a link to the mix for the report's player. */
    public FileOutcome withAudio(String link) {
        return new FileOutcome(file, result, error, renders, link);
    }

    public static FileOutcome of(CheckResult result) {
        return new FileOutcome(result.file(), result, null);
    }

    public static FileOutcome failed(Path file, String oneLineError) {
        return new FileOutcome(file, null, oneLineError == null || oneLineError.isBlank() ? "could not be read" : oneLineError);
    }

    public boolean ok() { return error == null; }

    /** The file's name without its folders, for headings. */
    public String displayName() {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }
}
