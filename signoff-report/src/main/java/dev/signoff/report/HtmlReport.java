package dev.signoff.report;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.devices.LowEndTranslation;
import dev.signoff.analysis.findings.TranslationRules;
import dev.signoff.analysis.sections.Section;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.loudness.PeakResult;
import dev.signoff.analysis.quiet.QuietPassage;
import dev.signoff.analysis.stereo.StereoResult;
import dev.signoff.analysis.technical.EdgesResult;
import dev.signoff.analysis.vocal.LeadVocal;

import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * One self-contained HTML page (inline CSS, SVG and one small script, no external resources but the
 * mix itself for the player) for one or more checked files: a summary card with the key numbers,
 * the waveform with the findings marked on it and a player ({@link WaveformView}), the findings,
 * and plots of loudness over time, tonal balance and the stereo picture. It reflows down to a
 * phone's 390 px: the findings table stacks, wide tables scroll in their own box. Every piece of
 * text from outside is escaped.
 */
public final class HtmlReport {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlReport() {}

    public static String render(List<FileOutcome> outcomes) {
        HtmlReport r = new HtmlReport();
        r.page(outcomes);
        return r.out.toString();
    }

    private void page(List<FileOutcome> outcomes) {
        String title = outcomes.size() == 1 ? outcomes.get(0).displayName() : outcomes.size() + " mixes";
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Signoff check: ").append(esc(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append(WaveformView.CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header class=\"top\"><div class=\"brand\">Signoff <span>check</span></div>")
                .append("<div class=\"topnote\">").append(esc(topNote(outcomes))).append("</div></header>\n");
        if (outcomes.size() > 1) overview(outcomes);
        for (int i = 0; i < outcomes.size(); i++) file(outcomes.get(i), i);
        out.append("<footer>Measured to ITU-R BS.1770-4 / EBU R128. Signoff reports; the decisions stay with the engineer.</footer>\n")
                .append("</main>\n<script>\n").append(WaveformView.SCRIPT).append(LevelMatchedPlayer.SCRIPT).append("</script>\n</body>\n</html>\n");
    }

    private static String topNote(List<FileOutcome> outcomes) {
        int failed = (int) outcomes.stream().filter(o -> !o.ok()).count();
        String s = Fmt.plural(outcomes.size(), "file") + " checked";
        return failed > 0 ? s + ", " + failed + " could not be read" : s;
    }

    /** For several files: one row each, linking to its section. */
    private void overview(List<FileOutcome> outcomes) {
        out.append("<section class=\"card\"><h3>Overview</h3><div class=\"scroll\"><table class=\"overview\"><thead><tr>")
                .append("<th>File</th><th class=\"num\">Integrated</th><th class=\"num\">True peak</th><th>Findings</th></tr></thead><tbody>\n");
        for (int i = 0; i < outcomes.size(); i++) {
            FileOutcome o = outcomes.get(i);
            out.append("<tr><td><a href=\"#file-").append(i).append("\">").append(esc(o.displayName())).append("</a></td>");
            if (!o.ok()) {
                out.append("<td class=\"num\">-</td><td class=\"num\">-</td><td><span class=\"chip error\">could not be read</span></td></tr>\n");
                continue;
            }
            Measurements m = o.result().measurements();
            out.append("<td class=\"num\">").append(Fmt.num(m.loudness().integratedLufs())).append(" LUFS</td>")
                    .append("<td class=\"num\">").append(Fmt.signed(m.peaks().truePeakDbtp())).append(" dBTP</td><td>");
            chips(o.result().findings());
            out.append("</td></tr>\n");
        }
        out.append("</tbody></table></div></section>\n");
    }

    private void file(FileOutcome o, int index) {
        out.append("<section class=\"file\" id=\"file-").append(index).append("\">\n");
        if (!o.ok()) {
            out.append("<div class=\"card summary\"><div class=\"title\"><h2>").append(esc(o.displayName())).append("</h2>")
                    .append("<div class=\"meta\">").append(esc(o.file().toString())).append("</div></div>")
                    .append("<div class=\"verdict v-error\"><strong>Could not be read.</strong> ").append(esc(o.error())).append("</div></div>\n")
                    .append("</section>\n");
            return;
        }
        CheckResult r = o.result();
        Measurements m = r.measurements();
        List<Finding> findings = Fmt.worstFirst(r.findings());
        summary(o, m, findings);
        WaveformView.card(out, m, findings, o.audio());
        findingsTable(findings, m.durationS());

        out.append("<div class=\"card\"><h3>Loudness over time</h3>")
                .append("<div class=\"legend\"><span class=\"sw line st\"></span>short-term (3 s)<span class=\"sw line mo\"></span>momentary (400 ms)")
                .append("<span class=\"sw line int\"></span>integrated");
        if (findings.stream().anyMatch(f -> WaveformView.placed(f, m.durationS()))) {
            out.append("<span class=\"sw problem\"></span>problem<span class=\"sw warning\"></span>warning<span class=\"sw note\"></span>note");
        }
        if (m.quietPassages() != null && !m.quietPassages().isEmpty()) out.append("<span class=\"sw quiet\"></span>quiet passage");
        out.append("</div>\n<div class=\"plot\">").append(Plots.loudness(m, findings)).append("</div></div>\n");

        out.append("<div class=\"card\"><h3>Tonal balance</h3><p class=\"caption\">Long-term 1/3-octave band levels relative to the integrated loudness. ");
        if (r.references() == null) {
            out.append("The orange marks are the built-in range the tonal findings are judged against (where 95 % of 147 finished records stay): ")
                    .append("the low end's band around the mids' level, the ceilings of the low mids and the presence region, the floor of the air. ")
                    .append("Compare the shape with your references rather than aiming for a line.");
        } else {
            out.append("The shaded band is the range of your references (").append(esc(Fmt.referenceNames(r.references())))
                    .append("), loudness-matched: where the line leaves it is where to listen. It is a range, not a target.");
        }
        out.append("</p>\n<div class=\"plot\">").append(Plots.tonalBalance(m, r.references())).append("</div></div>\n");

        if (m.stereo() != null) {
            out.append("<div class=\"card\"><h3>Stereo picture</h3><p class=\"caption\">Correlation +1 is mono, 0 unrelated, below 0 the channels cancel when summed. ")
                    .append("Side/mid at 0 dB means the side is as strong as the middle. Faint bars carry little of the energy.</p>\n<div class=\"plot\">")
                    .append(Plots.stereo(m.stereo(), m.durationS())).append("</div></div>\n");
        }
        double lufs = m.loudness() == null ? Double.NaN : m.loudness().integratedLufs();
        devices(r, o, lufs);
        out.append(StreamingSections.html(r.platforms(), r.codecs(), lufs, o.audio(), o.renders()));
        quietPassages(m.quietPassages());
        technical(r, m);
        out.append("</section>\n");
    }

    /** Device by section: each section's loudness on each device against its verse level, and the chorus lift. */
    private void devices(CheckResult r, FileOutcome o, double originalLufs) {
        Map<String, RenderLink> renders = o.renders();
        DeviceTranslation t = r.devices();
        if (t == null) return;
        out.append("<div class=\"card\"><h3>Playback devices</h3><p class=\"caption\">Each section's loudness on each device, relative to the ")
                .append("quietest musical section on that device, and how much the chorus lifts. Highlighted: the chorus lift is lost on that device. ")
                .append("Vocal band: the level of the 1-4 kHz presence band against the whole on that device, minus the same on monitors ")
                .append("(mean over the musical sections; + comes forward, - is pushed back; per section on hover). ")
                .append(LeadVocal.judgeSibilance(r.measurements().leadVocal()) ? ""
                        : esc(Fmt.noLeadVocal(r.measurements().leadVocal())) + ": the vocal band is the 1-4 kHz band of the instruments. ")
                .append("Render the devices with <code>signoff translate</code> to listen.</p>\n<div class=\"scroll\"><table class=\"overview devices\"><thead><tr><th>Device</th>");
        for (Section s : t.sections()) {
            out.append("<th class=\"num\">").append(esc(s.label())).append(s.chorus() ? " chorus" : "").append("<br><span class=\"muted\">")
                    .append(esc(Clock.format(s.startS()))).append("</span></th>");
        }
        out.append("<th class=\"num\">Chorus lift</th><th class=\"num\">Vocal band</th>").append(renders.isEmpty() ? "" : "<th>Listen</th>").append("</tr></thead><tbody>\n");
        for (DeviceTranslation.DeviceReading d : t.devices()) {
            double base = Double.POSITIVE_INFINITY;
            for (int i = 0; i < t.sections().size(); i++) {
                if (!t.sections().get(i).quiet() && Double.isFinite(d.sectionLufs()[i])) base = Math.min(base, d.sectionLufs()[i]);
            }
            boolean lost = !d.id().equals(DeviceTranslation.MONITORS) && TranslationRules.liftLost(t.monitors().chorusLiftLu(), d.chorusLiftLu());
            out.append(lost ? "<tr class=\"lost\">" : "<tr>").append("<td>").append(esc(d.name()))
                    .append(d.mono() ? " <span class=\"muted\">(mono)</span>" : "").append("</td>");
            for (int i = 0; i < t.sections().size(); i++) {
                double v = d.sectionLufs()[i] - base;
                out.append("<td class=\"num\">").append(t.sections().get(i).quiet() || !Double.isFinite(v) ? "-" : esc(Fmt.signed(v))).append("</td>");
            }
            out.append("<td class=\"num\"><strong>").append(esc(Fmt.signed(d.chorusLiftLu()))).append(" LU</strong></td>");
            StringBuilder perSection = new StringBuilder();
            for (int i = 0; i < t.sections().size(); i++) {
                if (t.sections().get(i).quiet()) continue;
                if (perSection.length() > 0) perSection.append(", ");
                perSection.append(t.sections().get(i).label()).append(' ').append(Fmt.signed(d.sectionVocalDb()[i]));
            }
            out.append("<td class=\"num\" title=\"").append(esc(perSection.toString())).append("\">")
                    .append(esc(Fmt.signed(TextReport.meanVocalDb(t, d)))).append(" dB</td>");
            if (!renders.isEmpty()) {
                RenderLink link = renders.get(d.id());
                out.append("<td>").append(link == null ? "" : LevelMatchedPlayer.html(o.audio(), originalLufs, link, d.name())).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div></div>\n");
        if (t.hasLowEnd()) lowEnd(t);
    }

    /** Device by section: how far the kick stands out where the device plays, and the level of the bass partials it plays; lost cells highlighted. */
    private void lowEnd(DeviceTranslation t) {
        out.append("<div class=\"card\"><h3>Kick and bass on each device</h3><p class=\"caption\">Kick: how far its hits stand out of the mix (dB) ")
                .append("in the best region the device plays (sub 40-100 Hz, body 100-250 Hz, click 2-5 kHz). Bass: the level of the bass line's partials ")
                .append("that the device plays, against the section's level on it. Highlighted: lost on that device (KICK_LOST, BASS_LOST).</p>\n")
                .append("<div class=\"scroll\"><table class=\"overview devices\"><thead><tr><th>Device</th>");
        for (Section s : t.sections()) {
            out.append("<th class=\"num\">").append(esc(s.label())).append(s.chorus() ? " chorus" : "").append("<br><span class=\"muted\">")
                    .append(esc(Clock.format(s.startS()))).append("</span></th>");
        }
        out.append("</tr></thead><tbody>\n");
        for (DeviceTranslation.DeviceReading d : t.devices()) {
            out.append("<tr><td>").append(esc(d.name())).append(d.mono() ? " <span class=\"muted\">(mono)</span>" : "").append("</td>");
            for (int i = 0; i < t.sections().size(); i++) {
                LowEndTranslation.SectionLowEnd le = d.lowEnd(i);
                boolean lost = le.kickLost() || le.bassLost();
                out.append(lost ? "<td class=\"num lost\">" : "<td class=\"num\">");
                if (t.sections().get(i).quiet()) {
                    out.append("-</td>");
                    continue;
                }
                out.append("kick ").append(le.kickLost() ? "<strong>lost</strong>" : Double.isNaN(le.kickDb()) ? "-"
                        : esc(Fmt.signed(le.kickDb())) + " <span class=\"muted\">" + esc(le.kickRegion().id()) + "</span>");
                out.append("<br>bass ").append(le.bassLost() ? "<strong>lost</strong>" : Double.isNaN(le.bassDb()) ? "-" : esc(Fmt.signed(le.bassDb())));
                out.append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody></table></div></div>\n");
    }

    private void summary(FileOutcome o, Measurements m, List<Finding> findings) {
        int problems = Fmt.count(findings, Severity.PROBLEM), warnings = Fmt.count(findings, Severity.WARNING);
        String v = problems > 0 ? "v-problem" : warnings > 0 ? "v-warning" : "v-clear";
        out.append("<div class=\"card summary\">\n<div class=\"title\"><h2>").append(esc(o.displayName())).append("</h2>")
                .append("<div class=\"meta\">").append(esc(Clock.format(m.durationS()))).append(" &middot; ")
                .append(esc(Fmt.format(m.info()))).append(" &middot; <span class=\"path\">").append(esc(o.file().toString())).append("</span></div></div>\n")
                .append("<div class=\"verdict ").append(v).append("\">").append(esc(Fmt.verdict(findings))).append("</div>\n<div class=\"chips\">");
        chips(findings);
        out.append("</div>\n<div class=\"stats\">");
        stat("Integrated", Fmt.num(m.loudness().integratedLufs()), "LUFS");
        stat("Loudness range", Fmt.num(m.loudness().lraLu()), "LU");
        stat("True peak", Fmt.signed(m.peaks().truePeakDbtp()), "dBTP");
        stat("PLR", Fmt.num(m.plrDb()), "dB");
        stat("Max short-term", Fmt.num(m.loudness().maxShortTermLufs()), "LUFS");
        StereoResult s = m.stereo();
        if (s != null) {
            stat("Correlation", Fmt.corr(s.correlation()), "");
            stat("Side / mid", Fmt.num(s.sideToMidDb()), "dB");
            stat("Balance", Fmt.signed(s.balanceDb()), s.balanceDb() > 0.05 ? "dB L" : s.balanceDb() < -0.05 ? "dB R" : "dB");
        } else {
            stat("Max momentary", Fmt.num(m.loudness().maxMomentaryLufs()), "LUFS");
            stat("Sample peak", Fmt.num(m.peaks().samplePeakDbfs()), "dBFS");
            stat("Length", Clock.format(m.durationS()), "");
        }
        out.append("</div>\n</div>\n");
    }

    private void stat(String key, String value, String unit) {
        out.append("<div class=\"stat\"><div class=\"k\">").append(esc(key)).append("</div><div class=\"v\">").append(esc(value));
        if (!unit.isEmpty() && !"-".equals(value)) out.append("<span class=\"u\">").append(esc(unit)).append("</span>");
        out.append("</div></div>");
    }

    private void chips(List<Finding> findings) {
        for (Severity s : Severity.values()) {
            int n = Fmt.count(findings, s);
            out.append("<span class=\"chip ").append(s.id()).append(n == 0 ? " zero" : "").append("\">")
                    .append(esc(Fmt.plural(n, s.id()))).append("</span>");
        }
    }

    /** Rows of findings with a place in the song carry their start ({@code data-t}): a click plays from there. */
    private void findingsTable(List<Finding> findings, double durationS) {
        out.append("<div class=\"card\"><h3>Findings</h3>\n");
        if (findings.isEmpty()) {
            out.append("<p class=\"empty\">Nothing to report. Trust your ears for the rest.</p></div>\n");
            return;
        }
        out.append("<table class=\"findings\"><thead><tr><th>Severity</th><th>Code</th><th>Time</th><th>What Signoff found</th></tr></thead><tbody>\n");
        for (Finding f : findings) {
            out.append("<tr class=\"sev-").append(f.severity().id()).append('"');
            if (WaveformView.placed(f, durationS)) out.append(" data-t=\"").append(String.format(Locale.ROOT, "%.2f", f.startS())).append('"');
            out.append("><td><span class=\"chip ").append(f.severity().id()).append("\">")
                    .append(f.severity().id()).append("</span></td><td class=\"code\">").append(esc(f.code().name())).append("</td>")
                    .append("<td class=\"time\">").append(esc(Fmt.when(f))).append("</td><td><div class=\"msg\">").append(esc(f.message())).append("</div>");
            if (f.hint() != null && !f.hint().isBlank()) out.append("<div class=\"hint\">").append(esc(f.hint())).append("</div>");
            out.append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n");
    }

    private void quietPassages(List<QuietPassage> passages) {
        if (passages == null || passages.isEmpty()) return;
        out.append("<div class=\"card\"><h3>Quiet passages</h3><div class=\"scroll\"><table class=\"data\"><thead><tr><th>Time</th><th>Content</th>")
                .append("<th class=\"num\">Loudness</th><th class=\"num\">Around it</th><th class=\"num\">Level</th><th class=\"num\">Hiss</th><th class=\"num\">Hum</th></tr></thead><tbody>\n");
        for (QuietPassage q : passages) {
            out.append("<tr><td class=\"time\">").append(esc(Clock.range(q.startS(), q.endS()))).append("</td><td>")
                    .append(esc(q.content() == null ? "-" : q.content().name().toLowerCase(Locale.ROOT).replace('_', ' '))).append("</td>")
                    .append(numCell(q.loudnessLufs(), "LUFS")).append(numCell(q.surroundingLufs(), "LUFS"))
                    .append(numCell(q.levelDbfs(), "dBFS")).append(numCell(q.hissDbfs(), "dBFS"))
                    .append("<td class=\"num\">").append(Double.isFinite(q.humHz()) ? esc(Fmt.num(q.humDbfs()) + " dBFS at " + Math.round(q.humHz()) + " Hz") : "-")
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></div></div>\n");
    }

    private static String numCell(double v, String unit) {
        return "<td class=\"num\">" + (Double.isFinite(v) ? esc(Fmt.num(v) + " " + unit) : "-") + "</td>";
    }

    private void technical(CheckResult r, Measurements m) {
        PeakResult p = m.peaks();
        EdgesResult e = m.edges();
        out.append("<div class=\"card\"><h3>Technical details</h3><dl class=\"kv\">");
        kv("Sample peak", Fmt.num(p.samplePeakDbfs()) + " dBFS");
        kv("True peak per channel", perChannel(p.truePeakDbtpByChannel(), "dBTP"));
        kv("True-peak overs", String.valueOf(p.overCount()));
        kv("Clipped runs", m.clipping().runCount() + (m.clipping().runCount() > 0 ? " (" + m.clipping().clippedFrames() + " samples)" : ""));
        kv("DC offset", perChannel(m.dcOffset().offsetDbfs(), "dBFS"));
        kv("Silence at start", Fmt.num(e.headSilenceS()) + " s");
        kv("Silence at end", Fmt.num(e.tailSilenceS()) + " s");
        kv("Ending", e.tailCut() ? "cut off while sounding" : "decays or fades");
        if (m.stereo() != null) {
            StereoResult s = m.stereo();
            kv("Level change in mono", Fmt.signed(-s.monoLossDb()) + " LU");
            kv("Low end (below " + Math.round(s.lowEndHz()) + " Hz)", "correlation " + Fmt.corr(s.lowEndCorrelation()) + ", side/mid " + Fmt.num(s.lowEndSideToMidDb()) + " dB");
        }
        kv("Analysis time", String.format(Locale.ROOT, "%.1f s", r.analysisSeconds()));
        out.append("</dl></div>\n");
    }

    private void kv(String k, String v) {
        out.append("<div><dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd></div>");
    }

    private static String perChannel(double[] values, String unit) {
        if (values == null || values.length == 0) return "-";
        String[] names = values.length == 2 ? new String[]{"L", "R"} : null;
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            if (c > 0) sb.append(", ");
            sb.append(names != null ? names[c] : "ch" + (c + 1)).append(' ').append(Fmt.num(values[c]));
        }
        return sb.append(' ').append(unit).toString();
    }

    /** Escapes text for HTML element content and double- or single-quoted attributes. */
    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') sb.append('\uFFFD');
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    static final String CSS = """
            :root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--bg:#f3f4f6;--card:#fff;
            --problem:#d63b3b;--warning:#e09b0e;--note:#2c8cb8;--good:#2e9a68;--accent:#4f5bd5}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Inter,Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
            main{max-width:980px;margin:0 auto;padding:28px 20px 48px}
            .top{display:flex;align-items:baseline;justify-content:space-between;margin-bottom:18px}
            .brand{font-weight:700;font-size:20px;letter-spacing:-.01em}.brand span{color:var(--accent);font-weight:600}
            .topnote{color:var(--muted);font-size:13px}
            .card{background:var(--card);border-radius:14px;box-shadow:0 1px 2px rgba(16,24,40,.06),0 1px 3px rgba(16,24,40,.08);padding:20px 22px;margin:0 0 16px}
            section.file{margin-top:28px}
            h2{margin:0;font-size:22px;letter-spacing:-.015em;word-break:break-all}
            h3{margin:0 0 12px;font-size:13px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted)}
            .meta{color:var(--muted);font-size:13px;margin-top:2px}.path{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
            .verdict{margin:16px 0 10px;padding:10px 14px;border-radius:10px;font-weight:500;border-left:4px solid}
            .v-problem{background:#fdecec;border-color:var(--problem)}.v-warning{background:#fdf5e3;border-color:var(--warning)}
            .v-clear{background:#e8f6ef;border-color:var(--good)}.v-error{background:#fdecec;border-color:var(--problem);font-weight:400}
            .chips{margin-bottom:16px}
            .chip{display:inline-block;padding:2px 10px;border-radius:999px;font-size:12px;font-weight:600;margin-right:6px;white-space:nowrap;color:#fff}
            .chip.problem{background:var(--problem)}.chip.warning{background:var(--warning)}.chip.note{background:var(--note)}.chip.error{background:var(--problem)}
            .chip.zero{background:#eef0f3;color:var(--muted)}
            .stats{display:grid;grid-template-columns:repeat(4,1fr);gap:10px}
            .stat{background:#f8f9fb;border:1px solid var(--line);border-radius:10px;padding:10px 12px}
            .stat .k{font-size:12px;color:var(--muted)}.stat .v{font-size:22px;font-weight:650;font-variant-numeric:tabular-nums;letter-spacing:-.01em}
            .stat .u{font-size:12px;font-weight:500;color:var(--muted);margin-left:4px}
            table{width:100%;border-collapse:collapse;font-size:14px}
            th{text-align:left;font-size:12px;color:var(--muted);font-weight:600;padding:6px 10px;border-bottom:1px solid var(--line)}
            td{padding:10px;border-bottom:1px solid var(--line);vertical-align:top}
            tr:last-child td{border-bottom:0}
            td.code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;font-weight:600;white-space:nowrap}
            td.time,td.num{font-variant-numeric:tabular-nums;white-space:nowrap}.num{text-align:right}
            .hint{color:var(--muted);font-size:13px;margin-top:3px}
            tr.sev-problem td:first-child{box-shadow:inset 3px 0 0 var(--problem)}tr.sev-warning td:first-child{box-shadow:inset 3px 0 0 var(--warning)}
            tr.sev-note td:first-child{box-shadow:inset 3px 0 0 var(--note)}
            .empty{color:var(--muted);margin:0}.muted{color:var(--muted);font-weight:400;font-size:12px}
            tr.lost td{background:#fdf5e3}tr.lost td:first-child{box-shadow:inset 3px 0 0 var(--warning)}td.lost{background:#fdf5e3}
            .scroll{overflow-x:auto;max-width:100%;-webkit-overflow-scrolling:touch}.scroll table{min-width:100%}
            .devices th,.devices td{white-space:nowrap}
            .caption{color:var(--muted);font-size:13px;margin:-6px 0 10px}
            .legend{font-size:12px;color:var(--muted);margin:-4px 0 8px}
            .sw{display:inline-block;width:14px;height:10px;border-radius:2px;margin:0 5px 0 12px;vertical-align:middle}.sw:first-child{margin-left:0}
            .sw.line{height:3px}.sw.st{background:#27468c}.sw.mo{background:#a9b9db}.sw.int{background:repeating-linear-gradient(90deg,#1f2937 0 4px,transparent 4px 7px)}
            .sw.problem{background:rgba(214,59,59,.35)}.sw.warning{background:rgba(224,155,14,.35)}.sw.note{background:rgba(44,140,184,.35)}.sw.quiet{background:rgba(138,147,163,.3)}
            .plot svg{width:100%;height:auto;display:block}
            dl.kv{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:6px 24px;margin:0}
            dl.kv div{display:flex;justify-content:space-between;border-bottom:1px dashed var(--line);padding:4px 0;gap:12px}
            dt{color:var(--muted);font-size:13px}dd{margin:0;font-size:13px;font-variant-numeric:tabular-nums;text-align:right}
            a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
            footer{color:var(--muted);font-size:12px;text-align:center;margin-top:28px}
            @media (max-width:600px){main{padding:16px 10px}.stats{grid-template-columns:repeat(2,1fr)}.card{padding:16px 14px}.stat .v{font-size:19px}
            table.findings thead{display:none}table.findings tr{display:block;padding:8px 0 8px 6px;border-bottom:1px solid var(--line)}
            table.findings td{display:inline-block;border:0;padding:2px 6px}table.findings td:last-child{display:block}
            table.findings tr.sev-problem{box-shadow:inset 3px 0 0 var(--problem)}table.findings tr.sev-warning{box-shadow:inset 3px 0 0 var(--warning)}
            table.findings tr.sev-note{box-shadow:inset 3px 0 0 var(--note)}table.findings tr td:first-child{box-shadow:none}
            .wave{height:120px}dl.kv{grid-template-columns:1fr}}
            @media print{body{background:#fff}.card{box-shadow:none;border:1px solid var(--line)}}
            """;
}
