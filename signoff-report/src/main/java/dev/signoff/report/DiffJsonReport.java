package dev.signoff.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.analysis.diff.Audibility;
import dev.signoff.analysis.diff.Change;
import dev.signoff.analysis.diff.ChangeMap;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.Span;
import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.analysis.sections.Section;
import dev.signoff.audio.StreamInfo;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine-readable diff, schema {@value #SCHEMA}; docs/diff.md documents every field. Numbers
 * that are not finite are written as null, as in the check's report.
 */
public final class DiffJsonReport {
    public static final String SCHEMA = "signoff.diff/1";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DiffJsonReport() {}

    /** @param scope the scope check, or null when nothing was asked */
    public static String render(DiffResult r, ScopeCheck.Result scope) {
        try {
            return MAPPER.writeValueAsString(toJson(r, scope)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The object for one diff (also embedded in the history report). */
    public static ObjectNode toJson(DiffResult r, ScopeCheck.Result scope) {
        ObjectNode o = NODES.objectNode();
        o.put("schema", SCHEMA);
        o.set("old", version(r.oldFile(), r.oldInfo(), r.oldDurationS(), r.oldLoudnessLufs()));
        o.set("new", version(r.newFile(), r.newInfo(), r.newDurationS(), r.newLoudnessLufs()));
        ObjectNode a = o.putObject("alignment");
        JsonReport.put(a, "offset_s", r.alignment().offsetS(), 6);
        a.put("lag_samples", r.alignment().lagFrames());
        a.put("refined", r.alignment().refined());
        JsonReport.put(a, "peak_ratio", r.alignment().peakRatio(), 1);
        ObjectNode shared = o.putObject("shared");
        JsonReport.put(shared, "start_s", r.sharedStartS(), 3);
        JsonReport.put(shared, "duration_s", r.sharedS(), 3);
        JsonReport.put(o, "level_change_db", r.levelChangeDb(), 2);
        JsonReport.put(o, "loudness_change_lu", r.loudnessChangeLu(), 2);
        o.put("identical", r.identical());
        JsonReport.put(o, "null_residual_db", r.nullResidualDb(), 2);
        ArrayNode changes = o.putArray("changes");
        for (Change c : r.changes()) changes.add(change(c));
        ArrayNode sections = o.putArray("sections");
        for (Section s : r.sections().sections()) {
            ObjectNode n = sections.addObject();
            JsonReport.put(n, "start_s", s.startS(), 2);
            JsonReport.put(n, "end_s", s.endS(), 2);
            n.put("label", s.label());
            n.put("chorus", s.chorus());
            n.put("quiet", s.quiet());
        }
        o.set("change_map", map(r.map()));
        o.set("scope", scope == null ? NODES.nullNode() : scope(r, scope));
        JsonReport.put(o, "analysis_s", r.analysisSeconds(), 3);
        return o;
    }

    private static ObjectNode version(Path file, StreamInfo info, double durationS, double lufs) {
        ObjectNode v = NODES.objectNode();
        v.put("file", file.toString());
        v.put("sample_rate", info.sampleRate());
        v.put("channels", info.channels());
        JsonReport.put(v, "duration_s", durationS, 3);
        JsonReport.put(v, "loudness_lufs", lufs, 2);
        return v;
    }

    static ObjectNode change(Change c) {
        ObjectNode n = NODES.objectNode();
        n.put("kind", c.kind().id());
        JsonReport.put(n, "freq_lo_hz", c.freqLoHz(), 1);
        JsonReport.put(n, "freq_hi_hz", c.freqHiHz(), 1);
        JsonReport.put(n, "peak_hz", c.peakHz(), 1);
        JsonReport.put(n, "start_s", c.startS(), 3);
        JsonReport.put(n, "end_s", c.endS(), 3);
        ArrayNode spans = n.putArray("spans");
        for (Span s : c.spans()) {
            ObjectNode e = spans.addObject();
            JsonReport.put(e, "start_s", s.startS(), 3);
            JsonReport.put(e, "end_s", s.endS(), 3);
        }
        JsonReport.put(n, "db", c.db(), 2);
        JsonReport.put(n, "shift_s", c.shiftS(), 6);
        n.put("where", c.where());
        n.put("message", c.message());
        n.put("audible", c.audible());
        JsonReport.put(n, "jnd", Audibility.index(c), 2);
        if (c.noise() == null) {
            n.putNull("noise");
        } else {
            ObjectNode noise = n.putObject("noise");
            noise.put("direction", c.noise().direction().id());
            JsonReport.put(noise, "old_dbfs", c.noise().oldDbfs(), 2);
            JsonReport.put(noise, "new_dbfs", c.noise().newDbfs(), 2);
            JsonReport.put(noise, "hum_hz", c.noise().humHz(), 1);
            JsonReport.put(noise, "under_music_db", c.noise().underMusicDb(), 1);
        }
        return n;
    }

    private static ObjectNode map(ChangeMap m) {
        ObjectNode n = NODES.objectNode();
        JsonReport.put(n, "start_s", m.startS(), 3);
        JsonReport.put(n, "step_s", m.stepS(), 4);
        n.set("bands_hz", JsonReport.array(m.centerHz(), 1));
        ArrayNode rows = n.putArray("db");
        for (float[] row : m.db()) {
            double[] d = new double[row.length];
            for (int i = 0; i < row.length; i++) d[i] = row[i];
            rows.add(JsonReport.array(d, 1));
        }
        return n;
    }

    private static ObjectNode scope(DiffResult r, ScopeCheck.Result s) {
        ObjectNode n = NODES.objectNode();
        ArrayNode asked = n.putArray("asked");
        for (ScopeCheck.Outcome o : s.asked()) {
            ObjectNode e = asked.addObject();
            e.put("text", o.request().item().text());
            e.put("understood_as", o.request().summary());
            e.put("status", o.status().name().toLowerCase(Locale.ROOT));
            e.put("where", o.where());
            JsonReport.put(e, "measured_db", o.measuredDb(), 2);
            e.set("changes", indices(r.changes(), o.matching()));
            e.put("message", o.message());
        }
        n.set("unasked", indices(r.changes(), s.unasked()));
        return n;
    }

    /** Positions of {@code some} in the report's {@code changes} list. */
    private static ArrayNode indices(List<Change> all, List<Change> some) {
        ArrayNode a = NODES.arrayNode();
        for (Change c : some) {
            int i = all.indexOf(c);
            if (i >= 0) a.add(i);
        }
        return a;
    }
}
