package dev.signoff.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a REAPER project (.rpp): plain text, one property a line, chunks opened by a line starting
 * with {@code <NAME} and closed by a line holding {@code >}. The chunks read are TRACK (NAME,
 * MUTESOLO, ISBUS, AUXRECV, FX), its FXCHAIN (BYPASS bypassed offline before each plugin chunk),
 * ITEM (POSITION, LENGTH, MUTE, TAKE, SOURCE with FILE), the project's MASTERFXLIST,
 * MASTERMUTESOLO, MARKER, TEMPO, SAMPLERATE and RECORD_PATH; everything else is skipped.
 */
final class RppReader {
    private RppReader() {}

    private static final Set<String> PLUGIN_CHUNKS = Set.of("VST", "AU", "JS", "CLAP", "LV2", "DX", "VIDEO_EFFECT");
    /** "VST3: Pro-Q 3 (FabFilter)", "VSTi: Kontakt (Native Instruments) (64 out)". */
    private static final Pattern PLUGIN_LABEL = Pattern.compile("^([A-Za-z0-9]+):\\s*(.*?)\\s*$");
    private static final Pattern OUTPUTS = Pattern.compile("\\s*\\(\\d+\\s*(out|ch|outs)\\)$");
    private static final Pattern VENDOR = Pattern.compile("^(.*?)\\s*\\(([^()]*)\\)$");
    private static final int MAX_LABEL = 1024;

    static ParsedSession read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        String[] lines = text.split("\\r?\\n|\\r", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) first++;
        if (first == lines.length) throw new SessionFileException(file, "empty file, not a REAPER project");
        if (!lines[first].stripLeading().startsWith("<REAPER_PROJECT")) {
            throw new SessionFileException(file, "not a REAPER project (it does not start with <REAPER_PROJECT)");
        }
        State s = new State();
        Deque<String> chunks = new ArrayDeque<>();
        Deque<Integer> opened = new ArrayDeque<>();
        for (int i = first; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            if (line.startsWith("<")) {
                List<String> w = RppTokens.split(line.substring(1));
                String name = w.isEmpty() ? "" : w.get(0);
                s.open(chunks, name, w);
                chunks.push(name);
                opened.push(i + 1);
            } else if (line.equals(">")) {
                if (chunks.isEmpty()) throw new SessionFileException(file, "corrupt: a '>' on line " + (i + 1) + " closes no chunk");
                String name = chunks.pop();
                opened.pop();
                s.close(chunks, name);
                if (chunks.isEmpty()) {
                    for (int j = i + 1; j < lines.length; j++) {
                        if (!lines[j].isBlank()) throw new SessionFileException(file, "corrupt: text after the project's end on line " + (j + 1));
                    }
                    break;
                }
            } else if (!chunks.isEmpty()) {
                s.property(chunks, RppTokens.split(line));
            }
        }
        if (!chunks.isEmpty()) {
            throw new SessionFileException(file, "truncated: the <" + chunks.peek() + " chunk opened on line " + opened.peek() + " is never closed");
        }
        List<Track> tracks = new ArrayList<>();
        tracks.add(new Track("MASTER", Track.Kind.MASTER, s.masterMuted, List.of(), s.masterPlugins, 0));
        tracks.addAll(s.tracks);
        double end = tracks.stream().flatMap(t -> t.items().stream()).mapToDouble(Item::endS).max().orElse(0);
        Path folder = file.toAbsolutePath().normalize().getParent();
        // RENDER_RANGE bounds start end tail tail-ms: bounds 0 a custom range, 1 the entire project (from 0), 2 the
        // time selection (SELECTION start end); the others (regions, selected items, razor edits) name no one start
        double[] range = switch (s.renderBounds) {
            case 0 -> new double[] {s.renderStart, s.renderEnd};
            case 2 -> new double[] {s.selectionStart, s.selectionEnd};
            default -> null;
        };
        if (range != null && range[1] > range[0]) {
            return new ParsedSession(Daw.REAPER, s.sampleRate, s.tempo, tracks, s.markers, range[0], range[1], "render range", range[0], new Locator(folder, s.recordPath));
        }
        return new ParsedSession(Daw.REAPER, s.sampleRate, s.tempo, tracks, s.markers, 0, end, "content", s.renderBounds == 1 ? 0 : Double.NaN,
                new Locator(folder, s.recordPath));
    }

    /** REAPER's media: relative paths from the project's folder; new recordings in RECORD_PATH (the project's folder when empty). */
    private record Locator(Path folder, String recordPath) implements MediaLocator {
        @Override
        public Found locate(String written) throws IOException {
            return MediaPaths.find(folder, written);
        }

        @Override
        public List<Found> mediaFolderContents() throws IOException {
            if (recordPath.isEmpty()) return MediaPaths.mediaIn(folder, folder, true);
            Found dir = MediaPaths.find(folder, recordPath);
            return dir.path().isAbsolute() ? MediaPaths.mediaIn(folder, dir.path(), false) : List.of();
        }
    }

    /** What is being read: the track, item and take open at this line. */
    private static final class State {
        int sampleRate;
        double tempo;
        String recordPath = "";
        boolean masterMuted;
        /** REAPER's default when a project holds no RENDER_RANGE: the entire project. */
        int renderBounds = 1;
        double renderStart, renderEnd, selectionStart, selectionEnd;
        final List<Plugin> masterPlugins = new ArrayList<>();
        final List<Track> tracks = new ArrayList<>();
        final List<Marker> markers = new ArrayList<>();
        final Set<String> regionsSeen = new HashSet<>();

        String trackName;
        boolean trackMuted, folder, receives, chainOff;
        List<Item> items;
        List<Plugin> plugins;
        boolean pendingBypass, pendingOffline;

        double position, length;
        boolean itemMuted;
        List<TakeBuilder> takes;
        int active;

        void open(Deque<String> chunks, String name, List<String> words) {
            String parent = chunks.peek();
            if ("TRACK".equals(name) && "REAPER_PROJECT".equals(parent)) {
                trackName = "";
                trackMuted = folder = receives = chainOff = false;
                items = new ArrayList<>();
                plugins = new ArrayList<>();
            } else if ("ITEM".equals(name) && "TRACK".equals(parent) && items != null) {
                position = length = 0;
                itemMuted = false;
                takes = new ArrayList<>(List.of(new TakeBuilder()));
                active = 0;
            } else if ("SOURCE".equals(name) && takes != null && chunks.contains("ITEM")) {
                String kind = words.size() > 1 ? words.get(1) : "";
                if (kind.equals("MIDI") || kind.equals("MIDIPOOL")) takes.get(takes.size() - 1).midi = true;
            } else if (PLUGIN_CHUNKS.contains(name) && (("FXCHAIN".equals(parent) && plugins != null) || "MASTERFXLIST".equals(parent))) {
                Plugin p = plugin(name, words, pendingBypass || ("FXCHAIN".equals(parent) && chainOff), pendingOffline);
                ("MASTERFXLIST".equals(parent) ? masterPlugins : plugins).add(p);
                pendingBypass = pendingOffline = false;
            }
        }

        void close(Deque<String> chunks, String name) {
            String parent = chunks.peek();
            if ("TRACK".equals(name) && "REAPER_PROJECT".equals(parent)) {
                Track.Kind kind = folder ? Track.Kind.FOLDER
                        : items.isEmpty() && receives ? Track.Kind.BUS
                        : !items.isEmpty() && items.stream().allMatch(it -> it.takes().stream().allMatch(t -> t.midi() || !t.holdsContent()))
                          && items.stream().anyMatch(Item::holdsContent) ? Track.Kind.MIDI
                        : Track.Kind.AUDIO;
                tracks.add(new Track(trackName, kind, trackMuted, items, plugins, 0));
                items = null;
                plugins = null;
            } else if ("ITEM".equals(name) && "TRACK".equals(parent) && items != null && takes != null) {
                // takes is null for an ITEM that opened where no track was being read (a damaged
                // file's chunks out of place): that item is not read, as at its opening.
                List<Take> built = takes.stream().map(TakeBuilder::build).toList();
                int shown = active >= 0 && active < built.size() ? active : 0;
                items.add(new Item(built.get(shown).name(), position, length, itemMuted, built, shown));
                takes = null;
            }
        }

        void property(Deque<String> chunks, List<String> w) {
            String chunk = chunks.peek();
            String key = w.get(0);
            switch (chunk) {
                case "REAPER_PROJECT" -> {
                    switch (key) {
                        case "SAMPLERATE" -> sampleRate = (int) number(w, 1);
                        case "TEMPO" -> tempo = number(w, 1);
                        case "RECORD_PATH" -> recordPath = w.size() > 1 ? w.get(1) : "";
                        case "MASTERMUTESOLO" -> masterMuted = ((int) number(w, 1) & 1) != 0;
                        case "MARKER" -> marker(w);
                        case "RENDER_RANGE" -> {
                            renderBounds = (int) number(w, 1);
                            renderStart = number(w, 2);
                            renderEnd = number(w, 3);
                        }
                        case "SELECTION" -> {
                            selectionStart = number(w, 1);
                            selectionEnd = number(w, 2);
                        }
                        default -> { }
                    }
                }
                case "TRACK" -> {
                    if (items == null) return;
                    switch (key) {
                        case "NAME" -> trackName = w.size() > 1 ? w.get(1) : "";
                        case "MUTESOLO" -> trackMuted = number(w, 1) != 0;
                        case "ISBUS" -> folder = number(w, 1) == 1;
                        case "AUXRECV" -> receives = true;
                        case "FX" -> chainOff = number(w, 1) == 0;
                        default -> { }
                    }
                }
                case "FXCHAIN", "MASTERFXLIST" -> {
                    if (key.equals("BYPASS")) {
                        pendingBypass = number(w, 1) != 0;
                        pendingOffline = number(w, 2) != 0;
                    }
                }
                case "ITEM" -> {
                    if (takes == null) return;
                    TakeBuilder take = takes.get(takes.size() - 1);
                    switch (key) {
                        case "POSITION" -> position = number(w, 1);
                        case "LENGTH" -> length = number(w, 1);
                        case "MUTE" -> itemMuted = number(w, 1) != 0;
                        case "NAME" -> take.name = w.size() > 1 ? w.get(1) : "";
                        case "TAKE" -> {
                            TakeBuilder next = new TakeBuilder();
                            if (w.contains("SEL")) active = takes.size();
                            takes.add(next);
                        }
                        default -> { }
                    }
                }
                default -> {
                    // FILE sits in the item's SOURCE chunk, or deeper in a SECTION source's own SOURCE
                    if (key.equals("FILE") && takes != null && chunk.equals("SOURCE") && w.size() > 1) {
                        TakeBuilder take = takes.get(takes.size() - 1);
                        if (take.source == null) take.source = w.get(1);
                    }
                }
            }
        }

        private void marker(List<String> w) {
            // MARKER id position name flags ...; a region (flags bit 1) is written twice, its end with an empty name
            if (w.size() < 3) return;
            int flags = w.size() > 4 ? (int) number(w, 4) : 0;
            if ((flags & 1) != 0 && !regionsSeen.add(w.get(1))) return;
            markers.add(new Marker(number(w, 2), w.size() > 3 ? w.get(3) : ""));
        }

        private static Plugin plugin(String chunk, List<String> words, boolean bypassed, boolean offline) {
            String label = words.size() > 1 ? words.get(1) : "";
            // no DAW writes a label this long; the patterns below would take quadratic time on one
            if (chunk.equals("JS") || chunk.equals("VIDEO_EFFECT") || label.length() > MAX_LABEL) return new Plugin(label, "", chunk, bypassed, offline);
            String format = chunk, name = label, vendor = "";
            Matcher m = PLUGIN_LABEL.matcher(label);
            if (m.matches()) {
                format = m.group(1);
                name = OUTPUTS.matcher(m.group(2)).replaceFirst("");
            }
            Matcher v = VENDOR.matcher(name);
            if (v.matches()) {
                name = v.group(1);
                vendor = v.group(2);
            }
            return new Plugin(name, vendor, format, bypassed, offline);
        }

        private static double number(List<String> w, int i) {
            if (w.size() <= i) return 0;
            try {
                return Double.parseDouble(w.get(i));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    private static final class TakeBuilder {
        String name = "";
        String source;
        boolean midi;

        Take build() {
            return new Take(name, source == null ? List.of() : List.of(source), midi && source == null, 0);
        }
    }
}
