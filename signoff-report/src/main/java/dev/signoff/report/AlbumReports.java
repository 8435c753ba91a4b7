package dev.signoff.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.analysis.album.AlbumResult;
import dev.signoff.analysis.album.AlbumTrack;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Finding;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** `signoff album`'s reports: text, JSON (schema {@value #SCHEMA}, docs/json-schema.md) and HTML. */
public final class AlbumReports {
    public static final String SCHEMA = "signoff.album/1";
    private static final String NL = System.lineSeparator();
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] COLUMNS = {"#", "track", "length", "LUFS", "dBTP", "LRA", "bright", "width", "then"};

    private AlbumReports() {}

    // ------------------------------------------------------------------ text

    /** @param source where the tracks came from, for the heading */
    public static String text(AlbumResult r, String source) {
        StringBuilder out = new StringBuilder();
        out.append(TextReport.oneLine(source)).append("  ").append(Clock.format(totalS(r))).append(NL);
        out.append("  album ").append(Fmt.num(r.albumLufs())).append(" LUFS   LRA ").append(Fmt.num(r.albumLraLu()))
                .append(" LU   true peak ").append(Fmt.signed(r.albumTruePeakDbtp())).append(" dBTP   (AES TD1008: the album as one programme)").append(NL);
        for (AlbumResult.AlbumMode m : r.albumModes()) {
            String gain = Fmt.signed(m.gainDb());
            out.append("  album mode ").append(TextReport.pad(m.service().id(), 15)).append(" ".repeat(Math.max(0, 5 - gain.length()))).append(gain)
                    .append(" dB: loudest (").append(m.loudestTrack() + 1).append(") ").append(Fmt.num(m.loudestPlaybackLufs())).append(" LUFS ")
                    .append(Fmt.signed(m.loudestPlaybackTruePeakDbtp())).append(" dBTP, quietest (").append(m.quietestTrack() + 1).append(") ")
                    .append(Fmt.num(m.quietestPlaybackLufs())).append(" LUFS ").append(Fmt.signed(m.quietestPlaybackTruePeakDbtp())).append(" dBTP")
                    .append(m.limiterEngages() ? "  (before its limiter, which would engage: not run here)" : "").append(NL);
        }
        out.append(NL);
        List<String[]> rows = new ArrayList<>();
        rows.add(COLUMNS);
        for (int i = 0; i < r.tracks().size(); i++) rows.add(row(r, i));
        int[] width = new int[COLUMNS.length];
        for (String[] row : rows) for (int c = 0; c < row.length; c++) width[c] = Math.max(width[c], row[c].length());
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < row.length; c++) {
                boolean right = c == 0 || (c >= 2 && c <= 7);
                String cell = right ? " ".repeat(width[c] - row[c].length()) + row[c] : c == row.length - 1 ? row[c] : TextReport.pad(row[c], width[c]);
                line.append(cell).append(c == row.length - 1 ? "" : "  ");
            }
            out.append(line.toString().stripTrailing()).append(NL);
        }
        out.append("  bright: 2-16 kHz against the 500 Hz-1.6 kHz body, dB; width: side against mid, dB; then: the join to the next track").append(NL);
        out.append(NL);
        for (AlbumResult.TrackFinding tf : r.findings()) {
            Finding f = tf.finding();
            out.append("  ").append(f.severity().name()).append(' ').append(f.code().name()).append("  ").append(TextReport.oneLine(f.message())).append(NL);
            out.append("  ").append(" ".repeat(f.severity().name().length() + f.code().name().length() + 3)).append(TextReport.oneLine(f.hint())).append(NL);
        }
        out.append(r.findings().isEmpty() ? "  No track stands out from the others by more than listeners notice." + NL
                : "  " + Fmt.plural(r.findings().size(), "track figure") + " standing out from the rest." + NL);
        return out.toString();
    }

    private static double totalS(AlbumResult r) {
        return r.tracks().stream().mapToDouble(AlbumTrack::durationS).sum();
    }

    private static String[] row(AlbumResult r, int i) {
        AlbumTrack t = r.tracks().get(i);
        String then = i + 1 < r.tracks().size() ? join(r.transitions().get(i)) : "end";
        return new String[]{String.valueOf(i + 1), TextReport.oneLine(name(t)), Clock.format(t.durationS()), Fmt.num(t.integratedLufs()),
                Fmt.signed(t.truePeakDbtp()), Fmt.num(t.lraLu()), Fmt.signed(t.brightnessDb()), Fmt.signed(t.widthDb()), then};
    }

    /** The join in words: "fades out 6.2 s, 2.0 s gap, fades in 3.1 s". */
    static String join(AlbumResult.Transition j) {
        List<String> parts = new ArrayList<>();
        if (j.cut()) parts.add("cut off");
        else if (j.fadeOutS() > 0) parts.add(String.format(Locale.ROOT, "fades out %.1f s", j.fadeOutS()));
        parts.add(j.gapS() < 0.05 ? "no gap" : String.format(Locale.ROOT, "%.1f s gap", j.gapS()));
        if (j.fadeInS() > 0) parts.add(String.format(Locale.ROOT, "fades in %.1f s", j.fadeInS()));
        return String.join(", ", parts);
    }

    private static String name(AlbumTrack t) {
        return DiffTextReport.name(t.file());
    }

    // ------------------------------------------------------------------ JSON

    public static String json(AlbumResult r) {
        ObjectNode o = NODES.objectNode();
        o.put("schema", SCHEMA);
        JsonReport.put(o, "duration_s", totalS(r), 3);
        ObjectNode album = o.putObject("album");
        JsonReport.put(album, "integrated_lufs", r.albumLufs(), 2);
        JsonReport.put(album, "lra_lu", r.albumLraLu(), 2);
        JsonReport.put(album, "true_peak_dbtp", r.albumTruePeakDbtp(), 2);
        ArrayNode modes = o.putArray("album_modes");
        for (AlbumResult.AlbumMode m : r.albumModes()) {
            ObjectNode n = modes.addObject();
            n.put("service", m.service().id());
            JsonReport.put(n, "reference_lufs", m.referenceLufs(), 1);
            JsonReport.put(n, "gain_db", m.gainDb(), 2);
            n.put("loudest_track", m.loudestTrack() + 1);
            JsonReport.put(n, "loudest_playback_lufs", m.loudestPlaybackLufs(), 2);
            JsonReport.put(n, "loudest_playback_true_peak_dbtp", m.loudestPlaybackTruePeakDbtp(), 2);
            n.put("quietest_track", m.quietestTrack() + 1);
            JsonReport.put(n, "quietest_playback_lufs", m.quietestPlaybackLufs(), 2);
            JsonReport.put(n, "quietest_playback_true_peak_dbtp", m.quietestPlaybackTruePeakDbtp(), 2);
            JsonReport.put(n, "playback_true_peak_dbtp", m.playbackTruePeakDbtp(), 2);
            n.put("limiter_engages", m.limiterEngages());
        }
        ArrayNode tracks = o.putArray("tracks");
        for (int i = 0; i < r.tracks().size(); i++) {
            AlbumTrack t = r.tracks().get(i);
            ObjectNode n = tracks.addObject();
            n.put("number", i + 1);
            n.put("file", t.file().toString());
            JsonReport.put(n, "duration_s", t.durationS(), 3);
            JsonReport.put(n, "integrated_lufs", t.integratedLufs(), 2);
            JsonReport.put(n, "true_peak_dbtp", t.truePeakDbtp(), 2);
            JsonReport.put(n, "lra_lu", t.lraLu(), 2);
            JsonReport.put(n, "brightness_db", t.brightnessDb(), 2);
            JsonReport.put(n, "width_db", t.widthDb(), 2);
            JsonReport.put(n, "head_silence_s", t.headSilenceS(), 3);
            JsonReport.put(n, "tail_silence_s", t.tailSilenceS(), 3);
            JsonReport.put(n, "fade_in_s", t.fadeInS(), 2);
            JsonReport.put(n, "fade_out_s", t.fadeOutS(), 2);
            n.put("cut", t.cut());
        }
        ArrayNode joins = o.putArray("transitions");
        for (AlbumResult.Transition j : r.transitions()) {
            ObjectNode n = joins.addObject();
            n.put("from", j.from() + 1);
            n.put("to", j.from() + 2);
            JsonReport.put(n, "gap_s", j.gapS(), 3);
            JsonReport.put(n, "fade_out_s", j.fadeOutS(), 2);
            JsonReport.put(n, "fade_in_s", j.fadeInS(), 2);
            n.put("cut", j.cut());
        }
        ArrayNode findings = o.putArray("findings");
        for (AlbumResult.TrackFinding tf : r.findings()) {
            Finding f = tf.finding();
            ObjectNode e = findings.addObject();
            e.put("track", tf.track() + 1);
            e.put("file", r.tracks().get(tf.track()).file().toString());
            e.put("code", f.code().name());
            e.put("severity", f.severity().id());
            e.put("message", f.message());
            e.put("hint", f.hint());
            ObjectNode values = e.putObject("values");
            for (Map.Entry<String, Double> v : new TreeMap<>(f.values()).entrySet()) JsonReport.put(values, v.getKey(), v.getValue(), 3);
        }
        try {
            return MAPPER.writeValueAsString(o) + NL;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ HTML

    public static String html(AlbumResult r, String source) {
        StringBuilder out = new StringBuilder(32 * 1024);
        String v = r.findings().isEmpty() ? "v-clear" : "v-warning";
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Signoff album: ")
                .append(HtmlReport.esc(source)).append("</title>\n<style>\n").append(HtmlReport.CSS).append(".tracks td{white-space:nowrap}\n").append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header class=\"top\"><div class=\"brand\">Signoff <span>album</span></div><div class=\"topnote\">")
                .append(HtmlReport.esc(Fmt.plural(r.tracks().size(), "track"))).append("</div></header>\n")
                .append("<div class=\"card summary\"><div class=\"title\"><h2>").append(HtmlReport.esc(source)).append("</h2>")
                .append("<div class=\"meta\">").append(HtmlReport.esc(Clock.format(totalS(r)))).append("</div></div>\n")
                .append("<div class=\"verdict ").append(v).append("\">")
                .append(HtmlReport.esc(r.findings().isEmpty() ? "No track stands out from the others by more than listeners notice."
                        : Fmt.plural(r.findings().size(), "track figure") + " standing out from the rest.")).append("</div>\n<div class=\"stats\">");
        stat(out, "Album loudness", Fmt.num(r.albumLufs()), "LUFS");
        stat(out, "Album LRA", Fmt.num(r.albumLraLu()), "LU");
        stat(out, "Album true peak", Fmt.signed(r.albumTruePeakDbtp()), "dBTP");
        out.append("</div></div>\n");
        albumModes(out, r);
        out.append("<div class=\"card\"><h3>Tracks</h3><div class=\"scroll\"><table class=\"data tracks\"><thead><tr><th class=\"num\">#</th><th>Track</th>")
                .append("<th class=\"num\">Length</th><th class=\"num\">LUFS</th><th class=\"num\">dBTP</th><th class=\"num\">LRA</th>")
                .append("<th class=\"num\">Bright</th><th class=\"num\">Width</th><th>Then</th></tr></thead><tbody>\n");
        for (int i = 0; i < r.tracks().size(); i++) {
            String[] row = row(r, i);
            out.append("<tr>");
            for (int c = 0; c < row.length; c++) {
                out.append(c == 1 || c == 8 ? "<td>" : "<td class=\"num\">").append(HtmlReport.esc(row[c])).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div><p class=\"caption\">Bright: 2-16 kHz against the 500 Hz-1.6 kHz body. Width: side against mid. ")
                .append("Then: the join to the next track.</p></div>\n<div class=\"card\"><h3>Findings</h3>\n");
        if (r.findings().isEmpty()) out.append("<p class=\"empty\">Nothing to report.</p>");
        else {
            out.append("<table class=\"findings\"><thead><tr><th>Severity</th><th>Code</th><th>What Signoff found</th></tr></thead><tbody>\n");
            for (AlbumResult.TrackFinding tf : r.findings()) {
                Finding f = tf.finding();
                out.append("<tr class=\"sev-").append(f.severity().id()).append("\"><td><span class=\"chip ").append(f.severity().id()).append("\">")
                        .append(f.severity().id()).append("</span></td><td class=\"code\">").append(f.code().name()).append("</td><td><div class=\"msg\">")
                        .append(HtmlReport.esc(f.message())).append("</div><div class=\"hint\">").append(HtmlReport.esc(f.hint())).append("</div></td></tr>\n");
            }
            out.append("</tbody></table>");
        }
        out.append("</div>\n<footer>Album loudness per AES TD1008; album mode: each service's rule from check --platforms, applied once to the whole album (docs/album.md).</footer>\n")
                .append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void albumModes(StringBuilder out, AlbumResult r) {
        if (r.albumModes().isEmpty()) return;
        out.append("<div class=\"card\"><h3>Album mode</h3><div class=\"scroll\"><table class=\"data modes\"><thead><tr><th>Service</th>")
                .append("<th class=\"num\">Gain dB</th><th class=\"num\">Loudest LUFS</th><th class=\"num\">Loudest dBTP</th>")
                .append("<th class=\"num\">Quietest LUFS</th><th class=\"num\">Quietest dBTP</th></tr></thead><tbody>\n");
        boolean limiter = false;
        for (AlbumResult.AlbumMode m : r.albumModes()) {
            limiter |= m.limiterEngages();
            out.append("<tr><td>").append(HtmlReport.esc(m.service().displayName())).append(m.limiterEngages() ? " *" : "").append("</td>");
            for (double v : new double[]{m.gainDb(), m.loudestPlaybackLufs(), m.loudestPlaybackTruePeakDbtp(), m.quietestPlaybackLufs(),
                    m.quietestPlaybackTruePeakDbtp()}) {
                out.append("<td class=\"num\">").append(HtmlReport.esc(Fmt.signed(v))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div><p class=\"caption\">One gain for every track, so the loudest track (")
                .append(r.albumModes().get(0).loudestTrack() + 1).append(") meets the service's reference as far as its rules allow; the quietest is track ")
                .append(r.albumModes().get(0).quietestTrack() + 1).append(".")
                .append(limiter ? " * Before the service's limiter, which would engage; it is not run in the album view." : "")
                .append("</p></div>\n");
    }

    private static void stat(StringBuilder out, String key, String value, String unit) {
        out.append("<div class=\"stat\"><div class=\"k\">").append(HtmlReport.esc(key)).append("</div><div class=\"v\">").append(HtmlReport.esc(value));
        if (!"-".equals(value)) out.append("<span class=\"u\">").append(HtmlReport.esc(unit)).append("</span>");
        out.append("</div></div>");
    }
}
