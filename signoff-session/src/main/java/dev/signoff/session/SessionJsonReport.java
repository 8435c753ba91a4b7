package dev.signoff.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** The session audit as JSON, schema {@code signoff.session/1} (docs/session.md). */
public final class SessionJsonReport {
    private SessionJsonReport() {}

    public static final String SCHEMA = "signoff.session/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static String render(Session s, List<SessionFinding> findings) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schema", SCHEMA);
        o.put("daw", s.daw().id());
        o.put("file", s.file().toString());
        if (s.sampleRate() > 0) o.put("sample_rate", s.sampleRate()); else o.putNull("sample_rate");
        if (s.tempoBpm() > 0) o.put("tempo_bpm", Math.round(s.tempoBpm() * 1000) / 1000.0); else o.putNull("tempo_bpm");
        ArrayNode tracks = o.putArray("tracks");
        for (Track t : s.tracks()) {
            ObjectNode n = tracks.addObject();
            n.put("name", t.name());
            n.put("kind", t.kind().id());
            n.put("muted", t.muted());
            n.put("items", t.items().size());
            ArrayNode plugins = n.putArray("plugins");
            for (Plugin p : t.plugins()) {
                ObjectNode pn = plugins.addObject();
                pn.put("name", p.name());
                pn.put("vendor", p.vendor());
                pn.put("format", p.format());
                pn.put("bypassed", p.bypassed());
                pn.put("offline", p.offline());
            }
        }
        ArrayNode media = o.putArray("media");
        for (MediaFile m : s.media()) {
            ObjectNode n = media.addObject();
            n.put("path", SessionAudit.shown(s, m));
            n.put("exists", m.exists());
            n.put("inside_project", m.insideProject());
            n.put("used", m.used());
            if (m.sampleRate() > 0) n.put("sample_rate", m.sampleRate()); else n.putNull("sample_rate");
            n.put("bytes", m.bytes());
        }
        ArrayNode markers = o.putArray("markers");
        for (Marker m : s.markers()) {
            ObjectNode n = markers.addObject();
            n.put("time_s", Math.round(m.timeS() * 1000) / 1000.0);
            n.put("name", m.name());
        }
        ArrayNode fs = o.putArray("findings");
        for (SessionFinding f : findings) {
            ObjectNode n = fs.addObject();
            n.put("code", f.code().name());
            n.put("severity", f.severity().id());
            n.put("track", f.track());
            n.put("message", f.message());
            n.put("hint", f.hint());
        }
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
