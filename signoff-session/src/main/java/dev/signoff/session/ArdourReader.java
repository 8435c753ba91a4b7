package dev.signoff.session;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads an Ardour session (.ardour, XML): Session's sample-rate, Sources (file names, found in
 * interchange/NAME/audiofiles unless absolute), Routes (PresentationInfo flags for the kind, the
 * mute Controllable, Processors of plugin types with {@code active}), Playlists of Regions (the
 * route's audio-playlist plays, the others are alternate playlists), Locations (marks, ranges and
 * the session range) and the TempoMap. Times are superclock ("a" prefix, Ardour 7), beats ("b")
 * or samples (Ardour 6 and older).
 */
final class ArdourReader {
    private ArdourReader() {}

    private static final Set<String> PLUGIN_TYPES = Set.of("lv2", "ladspa", "windows-vst", "lxvst", "mac-vst", "vst3", "audiounit", "luaproc");

    static ParsedSession read(Path file) throws IOException {
        Document doc = SafeXml.parse(file, file.getFileName().toString(), Files.readAllBytes(file));
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("Session")) throw new SessionFileException(file, "holds <" + root.getTagName() + ">, not an Ardour <Session>");
        int rate = (int) SafeXml.number(root, "sample-rate", 0);
        Element tempoMap = SafeXml.child(root, "TempoMap");
        double superclock = SafeXml.number(tempoMap, "superclocks-per-second", 282_240_000);
        double tempo = 0;
        Element tempos = SafeXml.child(tempoMap, "Tempos");
        Element firstTempo = SafeXml.child(tempos != null ? tempos : tempoMap, "Tempo");
        if (firstTempo != null) tempo = SafeXml.number(firstTempo, "npm", SafeXml.number(firstTempo, "beats-per-minute", 0));
        Clock clock = new Clock(superclock, rate, tempo);

        Map<String, Element> sources = new HashMap<>();
        for (Element s : SafeXml.children(SafeXml.child(root, "Sources"), "Source")) {
            // a compound region's source is a playlist of other regions, not a file
            if (!s.hasAttribute("playlist")) sources.put(s.getAttribute("id"), s);
        }

        Map<String, List<Element>> playlistsByTrack = new LinkedHashMap<>();
        Map<String, Element> playlistsById = new HashMap<>();
        for (String holder : List.of("Playlists", "UnusedPlaylists")) {
            for (Element p : SafeXml.children(SafeXml.child(root, holder), "Playlist")) {
                playlistsById.put(p.getAttribute("id"), p);
                playlistsByTrack.computeIfAbsent(p.getAttribute("orig-track-id"), k -> new ArrayList<>()).add(p);
            }
        }

        List<Track> tracks = new ArrayList<>();
        for (Element route : SafeXml.children(SafeXml.child(root, "Routes"), "Route")) {
            Element info = SafeXml.child(route, "PresentationInfo");
            String flags = info == null ? "" : info.getAttribute("flags");
            if (flags.contains("MonitorOut") || flags.contains("Auditioner")) continue;
            Track.Kind kind = flags.contains("MasterOut") ? Track.Kind.MASTER
                    : flags.contains("AudioTrack") ? Track.Kind.AUDIO
                    : flags.contains("MidiTrack") ? Track.Kind.MIDI
                    : Track.Kind.BUS;
            boolean muted = false;
            for (Element c : SafeXml.children(route, "Controllable")) {
                if (c.getAttribute("name").equals("mute")) muted = SafeXml.number(c, "value", 0) != 0;
            }
            List<Plugin> plugins = new ArrayList<>();
            for (Element p : SafeXml.children(route, "Processor")) {
                if (!PLUGIN_TYPES.contains(p.getAttribute("type"))) continue;
                plugins.add(new Plugin(p.getAttribute("name"), "", format(p.getAttribute("type")), "0".equals(p.getAttribute("active")), false));
            }
            String playing = route.hasAttribute("audio-playlist") ? route.getAttribute("audio-playlist") : route.getAttribute("midi-playlist");
            List<Item> items = new ArrayList<>();
            int alternates = 0;
            Element played = playlistsById.get(playing);
            if (played == null && route.hasAttribute("playlist")) {
                // Ardour 5 and older name the playlist instead
                for (Element p : playlistsById.values()) if (p.getAttribute("name").equals(route.getAttribute("playlist"))) played = p;
            }
            for (Element p : playlistsByTrack.getOrDefault(route.getAttribute("id"), List.of())) {
                if (p == played) continue;
                if (!SafeXml.children(p, "Region").isEmpty()) alternates++;
            }
            if (played != null) {
                for (Element region : SafeXml.children(played, "Region")) items.add(item(region, sources, clock));
            }
            tracks.add(new Track(route.getAttribute("name"), kind, muted, items, plugins, alternates));
        }

        List<Marker> markers = new ArrayList<>();
        double start = 0, end = tracks.stream().flatMap(t -> t.items().stream()).mapToDouble(Item::endS).max().orElse(0);
        boolean sessionRange = false;
        for (Element l : SafeXml.children(SafeXml.child(root, "Locations"), "Location")) {
            String f = l.getAttribute("flags");
            if (f.contains("IsSessionRange")) {
                start = clock.seconds(l.getAttribute("start"));
                end = clock.seconds(l.getAttribute("end"));
                sessionRange = true;
            } else if ((f.contains("IsMark") || f.contains("IsRangeMarker")) && !f.contains("IsCueMarker") && !f.contains("IsXrun")) {
                markers.add(new Marker(clock.seconds(l.getAttribute("start")), l.getAttribute("name")));
            }
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        return new ParsedSession(Daw.ARDOUR, rate, tempo, tracks, markers, start, end,
                sessionRange ? "session range" : "content", sessionRange ? start : Double.NaN, new Locator(folder, root.getAttribute("name")));
    }

    private static Item item(Element region, Map<String, Element> sources, Clock clock) {
        List<String> files = new ArrayList<>();
        boolean midi = false;
        for (int ch = 0; region.hasAttribute("source-" + ch); ch++) {
            Element s = sources.get(region.getAttribute("source-" + ch));
            if (s == null) continue;
            if (s.getAttribute("type").equals("midi")) midi = true;
            String name = s.getAttribute("name");
            String written = s.getAttribute("type").equals("midi") && !name.startsWith("/") ? "midi:" + name : name;
            if (!files.contains(written)) files.add(written);
        }
        Take take = new Take(region.getAttribute("name"), files, midi && files.isEmpty(), 0);
        return new Item(region.getAttribute("name"), clock.seconds(region.getAttribute("position")),
                clock.seconds(region.getAttribute("length")), "1".equals(region.getAttribute("muted")), List.of(take), 0);
    }

    private static String format(String type) {
        return switch (type) {
            case "lv2" -> "LV2";
            case "ladspa" -> "LADSPA";
            case "windows-vst", "lxvst", "mac-vst" -> "VST2";
            case "vst3" -> "VST3";
            case "audiounit" -> "AU";
            default -> "Lua";
        };
    }

    /** Ardour's timeline positions in seconds. */
    private record Clock(double superclock, int sampleRate, double tempo) {
        double seconds(String t) {
            if (t == null || t.isEmpty()) return 0;
            try {
                if (t.startsWith("a")) return Double.parseDouble(t.substring(1)) / superclock;
                // beats are 1920 ticks each
                if (t.startsWith("b")) return tempo > 0 ? Double.parseDouble(t.substring(1)) / 1920 * 60 / tempo : 0;
                return sampleRate > 0 ? Double.parseDouble(t) / sampleRate : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** Ardour's media: interchange/SESSION/audiofiles (and midifiles) for bare names, absolute paths as they are. */
    private record Locator(Path folder, String sessionName) implements MediaLocator {
        @Override
        public Found locate(String written) throws IOException {
            boolean midi = written.startsWith("midi:");
            String name = midi ? written.substring(5) : written;
            if (name.contains("/") || MediaPaths.isWindowsAbsolute(name)) return MediaPaths.find(folder, name);
            String sub = midi ? "midifiles" : "audiofiles";
            Path home = folder.resolve("interchange").resolve(sessionName).resolve(sub).resolve(name);
            if (!Files.exists(home) && Files.isDirectory(folder.resolve("interchange"))) {
                // a session renamed or imported keeps its files under the old name's folder
                try (Stream<Path> dirs = Files.list(folder.resolve("interchange"))) {
                    for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                        if (Files.isRegularFile(d.resolve(sub).resolve(name))) return MediaPaths.found(folder, d.resolve(sub).resolve(name));
                    }
                }
            }
            return MediaPaths.found(folder, home.normalize());
        }

        @Override
        public List<Found> mediaFolderContents() throws IOException {
            List<Found> found = new ArrayList<>();
            Path interchange = folder.resolve("interchange");
            if (!Files.isDirectory(interchange)) return found;
            try (Stream<Path> dirs = Files.list(interchange)) {
                for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                    found.addAll(MediaPaths.mediaIn(folder, d.resolve("audiofiles"), false));
                    found.addAll(MediaPaths.mediaIn(folder, d.resolve("midifiles"), false));
                }
            }
            return found;
        }
    }
}
