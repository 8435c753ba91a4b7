package dev.signoff.session;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads a DAWproject container (.dawproject, the exchange format of Bitwig, Studio One and Cubase):
 * a ZIP holding project.xml (Transport/Tempo, Structure with Track and Channel, each channel's
 * Devices with Enabled and loaded, Mute; Arrangement with Lanes of Clips holding Audio with its File
 * and sampleRate, and Markers), metadata.xml, and the embedded audio. The format records no project
 * sample rate and no alternate takes; a clip with {@code enable="false"} is a muted item.
 */
final class DawprojectReader {
    private DawprojectReader() {}

    /** project.xml far beyond what any session needs is a ZIP bomb, not a session. */
    private static final long MAX_PROJECT_XML = 256L << 20;

    static ParsedSession read(Path file) throws IOException {
        Map<String, Long> entries = new LinkedHashMap<>();
        byte[] xml;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (var e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry z = e.nextElement();
                if (!z.isDirectory()) entries.put(z.getName(), z.getSize());
            }
            ZipEntry project = zip.getEntry("project.xml");
            if (project == null) throw new SessionFileException(file, "has no project.xml: not a DAWproject file");
            try (InputStream in = zip.getInputStream(project)) {
                xml = in.readNBytes((int) Math.min(MAX_PROJECT_XML, Integer.MAX_VALUE - 8));
                if (in.read() >= 0) throw new SessionFileException(file, "project.xml is larger than " + (MAX_PROJECT_XML >> 20) + " MB: not a session");
            } catch (ZipException e) {
                throw new SessionFileException(file, "corrupt ZIP: project.xml cannot be unpacked (" + e.getMessage() + ")");
            }
        } catch (ZipException e) {
            throw new SessionFileException(file, "not a ZIP archive, or a truncated one: a .dawproject file is a ZIP");
        }
        Document doc = SafeXml.parse(file, "project.xml", xml);
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("Project")) throw new SessionFileException(file, "project.xml holds <" + root.getTagName() + ">, not a DAWproject <Project>");

        Element transport = SafeXml.child(root, "Transport");
        double tempo = SafeXml.number(SafeXml.child(transport, "Tempo"), "value", 0);
        Reading r = new Reading(tempo);
        Element structure = SafeXml.child(root, "Structure");
        for (Element e : SafeXml.children(structure, null)) r.structure(e);
        Element arrangement = SafeXml.child(root, "Arrangement");
        for (Element lanes : SafeXml.children(arrangement, "Lanes")) r.lanes(lanes, null, "beats");
        for (Element markers : SafeXml.children(arrangement, "Markers")) {
            String unit = markers.hasAttribute("timeUnit") ? markers.getAttribute("timeUnit") : "beats";
            for (Element m : SafeXml.children(markers, "Marker")) r.markers.add(new Marker(r.seconds(SafeXml.number(m, "time", 0), unit), m.getAttribute("name")));
        }
        List<Track> tracks = new ArrayList<>();
        for (TrackBuilder b : r.order) tracks.add(new Track(b.name, b.kind(), b.muted, b.items, b.plugins, 0));
        double end = tracks.stream().flatMap(t -> t.items().stream()).mapToDouble(Item::endS).max().orElse(0);
        Path folder = file.toAbsolutePath().normalize().getParent();
        return new ParsedSession(Daw.DAWPROJECT, 0, tempo, tracks, r.markers, 0, end, "content", Double.NaN, new Locator(folder, entries, r.embedded));
    }

    /** Embedded files are ZIP entries (the session's media folder is the container); external ones are paths from the project's folder. */
    private record Locator(Path folder, Map<String, Long> entries, Set<String> embedded) implements MediaLocator {
        @Override
        public Found locate(String written) throws IOException {
            if (!embedded.contains(written)) return MediaPaths.find(folder, written);
            Long size = entries.get(written);
            return new Found(Path.of(written), true, size != null, true, size == null ? 0 : Math.max(0, size));
        }

        @Override
        public List<Found> mediaFolderContents() {
            List<Found> found = new ArrayList<>();
            entries.forEach((name, size) -> {
                if (MediaPaths.isMedia(name)) found.add(new Found(Path.of(name), true, true, true, Math.max(0, size)));
            });
            return found;
        }
    }

    private static final class TrackBuilder {
        String name;
        String contentType = "";
        String role = "regular";
        boolean muted, hasChildren;
        final List<Item> items = new ArrayList<>();
        final List<Plugin> plugins = new ArrayList<>();

        Track.Kind kind() {
            if (role.equals("master")) return Track.Kind.MASTER;
            if (hasChildren || contentType.equals("tracks")) return Track.Kind.FOLDER;
            if (role.equals("effect") || role.equals("submix") || role.equals("vca")) return Track.Kind.BUS;
            if (contentType.contains("notes") && !contentType.contains("audio")) return Track.Kind.MIDI;
            return Track.Kind.AUDIO;
        }
    }

    private static final class Reading {
        final double tempo;
        final List<TrackBuilder> order = new ArrayList<>();
        final Map<String, TrackBuilder> byId = new HashMap<>();
        final List<Marker> markers = new ArrayList<>();
        final Set<String> embedded = new HashSet<>();

        Reading(double tempo) {
            this.tempo = tempo;
        }

        double seconds(double time, String unit) {
            return unit.equals("seconds") || tempo <= 0 ? time : time * 60 / tempo;
        }

        void structure(Element e) {
            if (e.getTagName().equals("Track")) {
                TrackBuilder b = new TrackBuilder();
                b.name = e.getAttribute("name");
                b.contentType = e.getAttribute("contentType");
                Element channel = SafeXml.child(e, "Channel");
                if (channel != null) channel(b, channel);
                register(b, e);
                if (channel != null) byId.putIfAbsent(channel.getAttribute("id"), b);
                List<Element> children = SafeXml.children(e, "Track");
                b.hasChildren = !children.isEmpty();
                for (Element c : children) structure(c);
            } else if (e.getTagName().equals("Channel")) {
                TrackBuilder b = new TrackBuilder();
                b.name = e.getAttribute("name");
                channel(b, e);
                register(b, e);
            }
        }

        private void register(TrackBuilder b, Element e) {
            order.add(b);
            if (e.hasAttribute("id")) byId.put(e.getAttribute("id"), b);
        }

        private void channel(TrackBuilder b, Element channel) {
            if (channel.hasAttribute("role")) b.role = channel.getAttribute("role");
            if (b.name.isEmpty() && channel.hasAttribute("name")) b.name = channel.getAttribute("name");
            Element mute = SafeXml.child(channel, "Mute");
            b.muted = mute != null && "true".equals(mute.getAttribute("value"));
            for (Element d : SafeXml.children(SafeXml.child(channel, "Devices"), null)) {
                String format = switch (d.getTagName()) {
                    case "Vst2Plugin" -> "VST2";
                    case "Vst3Plugin" -> "VST3";
                    case "ClapPlugin" -> "CLAP";
                    case "AuPlugin" -> "AU";
                    default -> "built-in";
                };
                Element enabled = SafeXml.child(d, "Enabled");
                boolean bypassed = enabled != null && "false".equals(enabled.getAttribute("value"));
                boolean offline = "false".equals(d.getAttribute("loaded"));
                String name = d.hasAttribute("deviceName") ? d.getAttribute("deviceName") : d.getAttribute("name");
                b.plugins.add(new Plugin(name, d.getAttribute("deviceVendor"), format, bypassed, offline));
            }
        }

        void lanes(Element timeline, TrackBuilder track, String inheritedUnit) {
            String unit = timeline.hasAttribute("timeUnit") ? timeline.getAttribute("timeUnit") : inheritedUnit;
            TrackBuilder here = timeline.hasAttribute("track") ? byId.get(timeline.getAttribute("track")) : track;
            for (Element child : SafeXml.children(timeline, null)) {
                switch (child.getTagName()) {
                    case "Lanes" -> lanes(child, here, unit);
                    case "Clips" -> clips(child, here, unit, 0);
                    default -> { }
                }
            }
        }

        private void clips(Element clips, TrackBuilder track, String inheritedUnit, double offsetS) {
            String unit = clips.hasAttribute("timeUnit") ? clips.getAttribute("timeUnit") : inheritedUnit;
            TrackBuilder here = clips.hasAttribute("track") ? byId.get(clips.getAttribute("track")) : track;
            if (here == null) return;
            for (Element clip : SafeXml.children(clips, "Clip")) {
                double start = offsetS + seconds(SafeXml.number(clip, "time", 0), unit);
                double length = seconds(SafeXml.number(clip, "duration", 0), unit);
                boolean muted = "false".equals(clip.getAttribute("enable"));
                List<Take> takes = new ArrayList<>();
                for (Element content : SafeXml.children(clip, null)) {
                    if (content.getTagName().equals("Lanes")) {
                        // comp lanes inside a clip: each lane is a take, the first one plays
                        for (Element lane : SafeXml.children(content, null)) takes.add(take(clip, lane));
                    } else {
                        takes.add(take(clip, content));
                    }
                }
                takes.removeIf(t -> !t.holdsContent());
                here.items.add(new Item(clip.getAttribute("name"), start, length, muted, takes, 0));
            }
        }

        /** The audio files or notes under {@code content} (Audio, Warps, nested Clips, Notes), as one take. */
        private Take take(Element clip, Element content) {
            List<String> sources = new ArrayList<>();
            int[] rate = {0};
            boolean[] notes = {false};
            collect(content, sources, rate, notes);
            return new Take(clip.getAttribute("name"), sources, notes[0] && sources.isEmpty(), rate[0]);
        }

        private void collect(Element e, List<String> sources, int[] rate, boolean[] notes) {
            switch (e.getTagName()) {
                case "Audio" -> {
                    Element f = SafeXml.child(e, "File");
                    if (f != null && f.hasAttribute("path")) {
                        String path = f.getAttribute("path");
                        if (!"true".equals(f.getAttribute("external"))) embedded.add(path);
                        sources.add(path);
                        rate[0] = (int) SafeXml.number(e, "sampleRate", 0);
                    }
                }
                case "Notes" -> notes[0] |= !SafeXml.children(e, "Note").isEmpty();
                default -> {
                    for (Element c : SafeXml.children(e, null)) collect(c, sources, rate, notes);
                }
            }
        }
    }
}
