package dev.signoff.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Media paths as sessions write them, found on this machine's disk. */
final class MediaPaths {
    private MediaPaths() {}

    /** The extensions of the audio files DAWs record, import and keep in their media folders. */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "bwf", "w64", "rf64", "aif", "aiff", "aifc", "caf", "flac",
            "mp3", "ogg", "oga", "opus", "m4a", "wv", "mid", "midi");

    /** A drive-letter or UNC path: a session made on Windows, which no folder here can hold. */
    static boolean isWindowsAbsolute(String written) {
        return written.matches("^[A-Za-z]:[\\\\/].*") || written.startsWith("\\\\");
    }

    /**
     * Where {@code written} points from {@code folder}: an absolute path as it is, a relative one
     * from the folder (with Windows separators turned into this machine's), a Windows absolute path
     * as a name that exists nowhere here.
     */
    static MediaLocator.Found find(Path folder, String written) throws IOException {
        if (isWindowsAbsolute(written)) return new MediaLocator.Found(Path.of(written.replace('/', '\\')), false, false, false, 0);
        String local = written.indexOf('/') < 0 ? written.replace('\\', '/') : written;
        Path path;
        try {
            Path p = Path.of(local);
            path = (p.isAbsolute() ? p : folder.resolve(p)).normalize();
        } catch (InvalidPathException e) {
            return new MediaLocator.Found(Path.of(written.replace("\0", "")), false, false, false, 0);
        }
        return found(folder, path);
    }

    static MediaLocator.Found found(Path folder, Path path) throws IOException {
        boolean exists = Files.isRegularFile(path);
        return new MediaLocator.Found(path, false, exists, path.startsWith(folder), exists ? Files.size(path) : 0);
    }

    static boolean isMedia(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The media files in {@code dir} and its subfolders (only the top level when {@code topOnly}). */
    static List<MediaLocator.Found> mediaIn(Path folder, Path dir, boolean topOnly) throws IOException {
        List<MediaLocator.Found> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) return found;
        try (Stream<Path> files = topOnly ? Files.list(dir) : Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(p) && isMedia(p.getFileName().toString())) found.add(found(folder, p.normalize()));
            }
        }
        return found;
    }
}
