package dev.signoff.session;

import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Reads a session file of any supported DAW into the one {@link Session} model, with its media looked up on disk. */
public final class SessionReader {
    private SessionReader() {}

    public static Session read(Path file) throws IOException {
        if (!Files.exists(file)) throw new NoSuchFileException(file.toString());
        if (Files.isDirectory(file)) return read(onlySessionIn(file));
        ParsedSession p = parse(file);
        return new Session(p.daw(), file, p.sampleRate(), p.tempoBpm(), p.tracks(), p.markers(), media(p), p.rangeStartS(), p.rangeEndS(), p.rangeName(), p.renderStartS());
    }

    /**
     * The session file alone, with no media list: nothing it references is looked up. For a session
     * that arrived without its media (the review server), whose paths name another machine's files
     * and must not be probed on this one.
     */
    public static Session readStructure(Path file) throws IOException {
        ParsedSession p = parse(file);
        return new Session(p.daw(), file, p.sampleRate(), p.tempoBpm(), p.tracks(), p.markers(), List.of(), p.rangeStartS(), p.rangeEndS(), p.rangeName(), p.renderStartS());
    }

    private static ParsedSession parse(Path file) throws IOException {
        Daw daw = Daw.ofFileName(file.getFileName().toString());
        if (daw == null) throw new SessionFileException(file, "not a session Signoff reads: give a REAPER .rpp, a .dawproject or an Ardour .ardour file");
        return switch (daw) {
            case REAPER -> RppReader.read(file);
            case DAWPROJECT -> DawprojectReader.read(file);
            case ARDOUR -> ArdourReader.read(file);
        };
    }

    /**
     * The session a bounce was made from, when it sits beside it (`signoff watch`): of the session
     * files in the bounce's folder, the one whose name without its extension begins the bounce's
     * ("Song.rpp" for "Song - mix 3.wav"; the longest such), else the most recently modified one.
     */
    public static Optional<Path> sessionBeside(Path bounce) throws IOException {
        List<Path> sessions;
        try (Stream<Path> files = Files.list(bounce.toAbsolutePath().getParent())) {
            sessions = files.filter(p -> Files.isRegularFile(p) && Daw.ofFileName(p.getFileName().toString()) != null).toList();
        }
        String stem = stem(bounce);
        Optional<Path> named = sessions.stream().filter(p -> !stem(p).isEmpty() && stem.startsWith(stem(p)))
                .max(Comparator.comparingInt((Path p) -> stem(p).length()).thenComparing(Comparator.naturalOrder()));
        if (named.isPresent()) return named;
        Path newest = null;
        long newestTime = Long.MIN_VALUE;
        for (Path p : sessions) {
            long t = Files.getLastModifiedTime(p).toMillis();
            if (t > newestTime) {
                newest = p;
                newestTime = t;
            }
        }
        return Optional.ofNullable(newest);
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The one session file in {@code folder} (an Ardour session is a folder; so is a REAPER project's). */
    private static Path onlySessionIn(Path folder) throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.list(folder)) {
            found = files.filter(p -> Files.isRegularFile(p) && Daw.ofFileName(p.getFileName().toString()) != null).sorted().toList();
        }
        if (found.size() == 1) return found.get(0);
        if (found.isEmpty()) throw new SessionFileException(folder, "a folder with no session file (.rpp, .dawproject or .ardour) in it");
        throw new SessionFileException(folder, "a folder with " + found.size() + " session files ("
                + String.join(", ", found.stream().map(p -> p.getFileName().toString()).toList()) + "); give one of them");
    }

    /** Every file the items use, in the order they first appear, then the media folder's files no item uses. */
    private static List<MediaFile> media(ParsedSession p) throws IOException {
        Map<String, Integer> declared = new LinkedHashMap<>();
        for (Track t : p.tracks()) {
            for (Item i : t.items()) {
                for (Take take : i.takes()) for (String s : take.sources()) declared.merge(s, take.declaredSampleRate(), Math::max);
            }
        }
        List<MediaFile> media = new ArrayList<>();
        Set<Path> used = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> e : declared.entrySet()) {
            MediaLocator.Found f = p.locator().locate(e.getKey());
            int rate = e.getValue() > 0 ? e.getValue() : f.exists() && !f.inContainer() ? sampleRate(f.path()) : 0;
            media.add(new MediaFile(e.getKey(), f.path(), f.inContainer(), f.exists(), f.insideProject(), true, rate, f.bytes()));
            used.add(f.path());
        }
        for (MediaLocator.Found f : p.locator().mediaFolderContents()) {
            if (used.contains(f.path())) continue;
            media.add(new MediaFile(null, f.path(), f.inContainer(), true, true, false, 0, f.bytes()));
        }
        return media;
    }

    /** The file's sample rate from its header; 0 when it is not audio Signoff reads (MIDI, a damaged file). */
    private static int sampleRate(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".mid") || name.endsWith(".midi")) return 0;
        try (AudioReader r = AudioDecoders.open(file)) {
            return r.info().sampleRate();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
