package dev.signoff.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.analysis.codecs.CodecResult;
import dev.signoff.analysis.findings.PlatformRules;
import dev.signoff.analysis.platforms.PlatformPlayback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The streaming previews ({@code --platforms}, {@code --codecs}) in each report format, kept
 * together so each report only places them.
 */
final class StreamingSections {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamingSections() {}

    // ---- text

    /** The platform table's lines, header first; empty when not asked for. */
    static List<String> platformLines(List<PlatformPlayback> platforms, double integratedLufs) {
        if (platforms == null || platforms.isEmpty()) return List.of();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-15s %8s %11s %10s %9s", "streaming", "gain", "plays at", "true peak", "limiting"));
        for (PlatformPlayback p : platforms) {
            lines.add(String.format(Locale.ROOT, "%-15s %5s dB %6s LUFS %5s dBTP %9s", p.service().displayName(), Fmt.signed(p.gainDb()),
                    Fmt.num(p.playbackLufs()), Fmt.signed(p.playbackTruePeakDbtp()), p.limitingDb() > 0 ? Fmt.num(p.limitingDb()) + " dB" : "-")
                    + (p.raiseCappedByPeaks(integratedLufs) ? "  (raised only as far as its peaks allow)" : ""));
        }
        return lines;
    }

    /** The codec table's lines, header first; empty when not asked for. */
    static List<String> codecLines(List<CodecResult> codecs) {
        if (codecs == null || codecs.isEmpty()) return List.of();
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-15s %10s %6s %8s %9s  %s", "codec", "true peak", "overs", "clipped", "residual",
                "residual by band (" + String.join(" / ", codecs.get(0).bands().stream().map(CodecResult.BandResidual::name).toList()) + ")"));
        for (CodecResult c : codecs) {
            String bands = String.join(" / ", c.bands().stream().map(b -> Fmt.num(b.residualDb())).toList());
            lines.add(String.format(Locale.ROOT, "%-15s %5s dBTP %6d %8d %6s dB  %s dB", c.codec().displayName(), Fmt.signed(c.truePeakDbtp()),
                    c.overs(), c.clippedSamples(), Fmt.num(c.residualDb()), bands));
        }
        return lines;
    }

    // ---- JSON

    static ArrayNode platformsJson(List<PlatformPlayback> platforms) {
        ArrayNode a = NODES.arrayNode();
        for (PlatformPlayback p : platforms) {
            ObjectNode n = a.addObject();
            n.put("service", p.service().id());
            JsonReport.put(n, "reference_lufs", p.referenceLufs(), 1);
            JsonReport.put(n, "gain_db", p.gainDb(), 2);
            JsonReport.put(n, "playback_lufs", p.playbackLufs(), 2);
            JsonReport.put(n, "playback_true_peak_dbtp", p.playbackTruePeakDbtp(), 2);
            JsonReport.put(n, "limiting_db", p.limitingDb(), 2);
            JsonReport.put(n, "loudness_penalty_db", p.loudnessPenaltyDb(), 2);
        }
        return a;
    }

    static ArrayNode codecsJson(List<CodecResult> codecs) {
        ArrayNode a = NODES.arrayNode();
        for (CodecResult c : codecs) {
            ObjectNode n = a.addObject();
            n.put("codec", c.codec().id());
            JsonReport.put(n, "true_peak_dbtp", c.truePeakDbtp(), 2);
            n.put("overs", c.overs());
            n.put("clipped_samples", c.clippedSamples());
            JsonReport.put(n, "residual_db", c.residualDb(), 1);
            ArrayNode bands = n.putArray("residual_bands");
            for (CodecResult.BandResidual b : c.bands()) {
                ObjectNode bn = bands.addObject();
                bn.put("band", b.name());
                JsonReport.put(bn, "low_hz", b.lowHz(), 0);
                JsonReport.put(bn, "high_hz", b.highHz(), 0);
                JsonReport.put(bn, "residual_db", b.residualDb(), 1);
            }
            n.put("delay_frames", c.delayFrames());
            if (c.clips()) JsonReport.put(n, "clean_gain_db", c.cleanGainDb(), 1);
            else n.put("clean_gain_db", 0.0);
            putPath(n, "decoded", c.decodedFile());
            putPath(n, "residual", c.residualFile());
        }
        return a;
    }

    private static void putPath(ObjectNode n, String name, Path p) {
        if (p == null) n.putNull(name);
        else n.put(name, p.toString());
    }

    // ---- HTML

    /**
     * The streaming card: one table per preview asked for; nothing when neither was. With codec renders,
     * each codec's row gets level-matched players for its decode and its residual against the mix.
     */
    static String html(List<PlatformPlayback> platforms, List<CodecResult> codecs, double integratedLufs,
                       String originalHref, Map<String, RenderLink> renders) {
        if (platforms == null && codecs == null) return "";
        StringBuilder out = new StringBuilder("<div class=\"card\" id=\"streaming\"><h3>On the way to the listener</h3>\n");
        if (platforms != null && !platforms.isEmpty()) {
            out.append("<p class=\"caption\">What each streaming service plays with loudness normalisation on: the gain it applies, the loudness and ")
                    .append("true peak the listener gets, and how much its limiter takes off the peaks (Spotify Loud only). A turned-down master keeps ")
                    .append("its limiting but not its loudness. Sources of each figure: docs/platforms.md.</p>\n")
                    .append("<table class=\"overview\"><thead><tr><th>Service</th><th class=\"num\">Reference</th><th class=\"num\">Gain</th>")
                    .append("<th class=\"num\">Plays at</th><th class=\"num\">True peak</th><th class=\"num\">Limiting</th></tr></thead><tbody>\n");
            for (PlatformPlayback p : platforms) {
                boolean bad = PlatformRules.limitsAudibly(p);
                out.append(bad ? "<tr class=\"lost\">" : "<tr>").append("<td>").append(HtmlReport.esc(p.service().displayName()))
                        .append(p.raiseCappedByPeaks(integratedLufs) ? " <span class=\"muted\">(raised only as far as its peaks allow)</span>" : "").append("</td>")
                        .append(cell(Fmt.num(p.referenceLufs()) + " LUFS")).append(cell(Fmt.signed(p.gainDb()) + " dB"))
                        .append(cell(Fmt.num(p.playbackLufs()) + " LUFS")).append(cell(Fmt.signed(p.playbackTruePeakDbtp()) + " dBTP"))
                        .append(cell(p.limitingDb() > 0 ? Fmt.num(p.limitingDb()) + " dB" : "-")).append("</tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        if (codecs != null && !codecs.isEmpty()) {
            out.append("<p class=\"caption\">The mix encoded and decoded again (ffmpeg's encoders), lined up to the sample: the decode's true peak, ")
                    .append("its runs over 0 dBTP and samples at full scale, and the residual (what the codec changed) against the mix, overall and per band.</p>\n")
                    .append("<table class=\"overview\"><thead><tr><th>Codec</th><th class=\"num\">True peak</th><th class=\"num\">Overs</th>")
                    .append("<th class=\"num\">Clipped</th><th class=\"num\">Residual</th>");
            for (CodecResult.BandResidual b : codecs.get(0).bands()) out.append("<th class=\"num\">").append(HtmlReport.esc(b.name())).append("</th>");
            boolean listen = codecs.stream().anyMatch(c -> renders.containsKey(c.codec().id()));
            out.append(listen ? "<th>Listen</th>" : "").append("</tr></thead><tbody>\n");
            for (CodecResult c : codecs) {
                out.append(c.clips() ? "<tr class=\"lost\">" : "<tr>").append("<td>").append(HtmlReport.esc(c.codec().displayName())).append("</td>")
                        .append(cell(Fmt.signed(c.truePeakDbtp()) + " dBTP")).append(cell(Integer.toString(c.overs())))
                        .append(cell(Long.toString(c.clippedSamples()))).append(cell(Fmt.num(c.residualDb()) + " dB"));
                for (CodecResult.BandResidual b : c.bands()) out.append(cell(Fmt.num(b.residualDb()) + " dB"));
                if (listen) {
                    RenderLink decoded = renders.get(c.codec().id()), residual = renders.get(c.codec().id() + FileOutcome.RESIDUAL);
                    out.append("<td>");
                    if (decoded != null) out.append(LevelMatchedPlayer.html(originalHref, integratedLufs, decoded, c.codec().displayName()));
                    if (residual != null) out.append(LevelMatchedPlayer.html(originalHref, integratedLufs, residual, "Artefacts alone"));
                    out.append("</td>");
                }
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n");
        }
        return out.append("</div>\n").toString();
    }

    private static String cell(String text) {
        return "<td class=\"num\">" + HtmlReport.esc(text) + "</td>";
    }
}
