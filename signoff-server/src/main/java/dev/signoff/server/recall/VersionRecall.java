package dev.signoff.server.recall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.analysis.sections.Section;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.library.VersionImporter;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.RecallStore;
import dev.signoff.server.store.RecallStore.VersionSession;
import dev.signoff.session.Daw;
import dev.signoff.session.Session;
import dev.signoff.session.SessionAudit;
import dev.signoff.session.SessionCode;
import dev.signoff.session.SessionFileException;
import dev.signoff.session.SessionFinding;
import dev.signoff.session.SessionJsonReport;
import dev.signoff.session.SessionReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A version's DAW session and its recall sheet (issue 14, docs/server.md "Recall sheet"): the session
 * file arrives without its media, which stay on the engineer's machine, so it is read for its
 * structure only (nothing it references is looked up on the server) and the sheet keeps the findings
 * that do not depend on the media files. The session's markers name the version's sections.
 */
public final class VersionRecall {
    private static final Logger LOG = LoggerFactory.getLogger(VersionRecall.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A session file is text or a small ZIP; a DAWproject with its audio embedded may be larger, and is refused above this. */
    public static final long MAX_SESSION_BYTES = 64L << 20;
    /** A section takes the name of the nearest marker at most this far from its start. */
    public static final double MARKER_TOLERANCE_S = 2.0;
    /** What the session file alone tells: the media's findings (missing, outside, unused, rate) need the engineer's disk. */
    static final Set<SessionCode> WITHOUT_MEDIA = EnumSet.of(SessionCode.UNNAMED_TRACK, SessionCode.ALTERNATE_TAKES, SessionCode.MUTED_CONTENT,
            SessionCode.EMPTY_TRACK, SessionCode.BYPASSED_PLUGIN, SessionCode.OFFLINE_PLUGIN, SessionCode.MASTER_BUS_PROCESSING, SessionCode.NO_MARKERS);

    /** The upload is not a session file Signoff reads; the message is the readers' one line, naming the file as uploaded. */
    public static final class NotASession extends Exception {
        NotASession(String message) {
            super(message, null, false, false);
        }
    }

    private final DataDirectory dir;
    private final MediaStorage storage;
    private final RecallStore store;

    public VersionRecall(DataDirectory dir, MediaStorage storage, RecallStore store) {
        this.dir = dir;
        this.storage = storage;
        this.store = store;
    }

    public RecallStore store() { return store; }

    /**
     * Reads a session file staged in uploads/ (consumed), stores it with its recall sheet as
     * {@code versionId}'s session, replacing the one it had.
     *
     * @param fileName the name the client gave it: shown, and its extension says the DAW; never used as a path
     */
    public VersionSession attach(String versionId, Path staged, String fileName, String sha256) throws NotASession, IOException {
        Daw daw = Daw.ofFileName(fileName);
        Path named = dir.uploads().resolve(Ids.newId() + ".session" + (daw == null ? "" : daw.extension()));
        try {
            if (daw == null) throw new NotASession(fileName + ": not a session Signoff reads: give a REAPER .rpp, a .dawproject or an Ardour .ardour file");
            Files.move(staged, named, StandardCopyOption.ATOMIC_MOVE);
            Session s = read(named, fileName);
            List<SessionFinding> findings = SessionAudit.audit(s, null).stream().filter(f -> WITHOUT_MEDIA.contains(f.code())).toList();
            ObjectNode recall = (ObjectNode) JSON.readTree(SessionJsonReport.render(s, findings));
            recall.put("file", fileName);
            String key = "sessions/" + versionId + "/" + Ids.newId() + daw.extension();
            long size = Files.size(named);
            storage.put(key, named);
            Optional<VersionSession> previous;
            try {
                previous = store.put(versionId, fileName, daw.id(), key, size, sha256, JSON.writeValueAsString(recall));
            } catch (RuntimeException e) {
                storage.delete(key);
                throw e;
            }
            if (previous.isPresent()) storage.delete(previous.get().storedKey());
            return store.find(versionId).orElseThrow();
        } finally {
            Files.deleteIfExists(staged);
            Files.deleteIfExists(named);
        }
    }

    /** As {@link #attach}, from a file on this machine (`signoff watch`), which is only read. */
    public VersionSession attachCopy(String versionId, Path source) throws NotASession, IOException {
        Path staged = dir.uploads().resolve(Ids.newId() + ".part");
        try {
            String sha;
            try (InputStream in = Files.newInputStream(source)) {
                sha = VersionImporter.copyHashing(in, staged, MAX_SESSION_BYTES);
            } catch (VersionImporter.TooLarge e) {
                throw new NotASession(source.getFileName() + ": larger than " + (MAX_SESSION_BYTES >> 20) + " MB, too large for a session file");
            }
            return attach(versionId, staged, source.getFileName().toString(), sha);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Removes the stored session file of a version being removed (its row stays with the version's, as its other rows do). */
    public void forget(String versionId) throws IOException {
        Optional<VersionSession> s = store.find(versionId);
        if (s.isPresent()) storage.delete(s.get().storedKey());
    }

    private static Session read(Path named, String fileName) throws NotASession, IOException {
        try {
            return SessionReader.readStructure(named);
        } catch (SessionFileException e) {
            throw new NotASession(e.getMessage().replace(named.getFileName().toString(), fileName));
        } catch (RuntimeException e) {
            // the readers turn damage into SessionFileException; anything else is a reader's bug, logged, and still the upload's refusal
            LOG.warn("session {} could not be read", fileName, e);
            throw new NotASession(fileName + ": not a session Signoff can read");
        }
    }

    /**
     * The recall sheet as the API gives it: the stored {@code signoff.session/1} object with the
     * upload's size and time, and the version's sections named by the session's markers.
     */
    public ObjectNode sheet(VersionSession s, List<Section> sections) throws IOException {
        ObjectNode o = (ObjectNode) JSON.readTree(s.recallJson());
        o.put("size_bytes", s.sizeBytes());
        o.put("uploaded_at", s.createdAt());
        ArrayNode named = o.putArray("sections");
        if (sections == null) return o;
        Map<Section, String> markerNames = markerNames(o.path("markers"), sections);
        for (Section section : sections) {
            String marker = markerNames.get(section);
            ObjectNode n = named.addObject();
            n.put("start_s", Math.round(section.startS() * 1000) / 1000.0);
            n.put("end_s", Math.round(section.endS() * 1000) / 1000.0);
            n.put("label", section.label());
            n.put("name", marker != null ? marker : section.quiet() ? "stop" : section.label() + (section.chorus() ? " (chorus)" : ""));
            n.put("from_marker", marker != null);
        }
        return o;
    }

    /** The sections that a marker of {@code s} names, with that name (the recall sheet's, and the conflict texts'). */
    public static Map<Section, String> markerNames(VersionSession s, List<Section> sections) throws IOException {
        return sections == null ? Map.of() : markerNames(JSON.readTree(s.recallJson()).path("markers"), sections);
    }

    private static Map<Section, String> markerNames(JsonNode markers, List<Section> sections) {
        Map<Section, String> out = new HashMap<>();
        for (Section section : sections) {
            String marker = nearestMarker(markers, section.startS());
            if (marker != null) out.put(section, marker);
        }
        return out;
    }

    /** The name of the marker nearest {@code startS}, within {@link #MARKER_TOLERANCE_S}; null when none is that close. */
    static String nearestMarker(JsonNode markers, double startS) {
        String best = null;
        double bestDistance = MARKER_TOLERANCE_S;
        for (JsonNode m : markers) {
            double d = Math.abs(m.path("time_s").asDouble() - startS);
            if (d <= bestDistance && !m.path("name").asText().isBlank()) {
                best = m.path("name").asText();
                bestDistance = d;
            }
        }
        return best;
    }
}
