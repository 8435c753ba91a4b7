package dev.signoff.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The audio files in a folder: what `check --ref DIR` and `history DIR` take from it. */
final class AudioFolder {
    /** File name endings taken from a folder (anything else there is left alone). */
    static final Set<String> AUDIO_ENDINGS = Set.of(
            "wav", "wave", "bwf", "rf64", "aif", "aiff", "aifc", "flac", "mp3", "ogg", "oga", "opus", "m4a", "mp4", "aac", "caf", "wv");

    private AudioFolder() {}

    /** The regular, not hidden audio files directly in {@code dir}, in name order. */
    static List<Path> list(Path dir) throws IOException {
        try (var listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> AUDIO_ENDINGS.contains(ending(p)))
                    .sorted().toList();
        }
    }

    /** --ref arguments with folders replaced by the audio files in them, in name order; an empty folder is a usage error. */
    static List<Path> expandReferences(List<Path> refs, picocli.CommandLine.Model.CommandSpec spec) throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        for (Path r : refs) {
            if (!Files.isDirectory(r)) {
                out.add(r);
                continue;
            }
            List<Path> audio = list(r);
            if (audio.isEmpty()) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--ref " + r + ": no audio files in that folder");
            out.addAll(audio);
        }
        return out;
    }

    static String ending(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
