package dev.signoff.report;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.sections.Section;
import dev.signoff.analysis.waveform.WaveformResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The head of each file in the HTML report: the mix's waveform (min/max per column, left channel
 * above, right below; one lane for mono or multichannel files, from the first channel), every
 * finding with a place in time marked over it in its severity's colour, the sections along it,
 * and a player whose playhead crosses it. Clicking the waveform, a mark or a timed finding row
 * plays from there ({@link #SCRIPT}). Findings without a place in time, or spanning most of the
 * song, are listed above it instead of painted over it.
 */
final class WaveformView {
    /** Columns of the drawn waveform; the SVG stretches them to the card's width. */
    static final int COLUMNS = 1000;
    private static final int HEIGHT = 160;
    /** A finding spanning at least this share of the song concerns the whole song: listed, not painted over the plots. */
    static final double WHOLE_SONG_SHARE = 0.8;

    private WaveformView() {}

    /** Whether {@code f} is marked at its time (it has one, and covers less than most of the song). */
    static boolean placed(Finding f, double durationS) {
        if (f.startS() == null) return false;
        double end = f.endS() == null ? f.startS() : f.endS();
        return durationS <= 0 || end - f.startS() < WHOLE_SONG_SHARE * durationS;
    }

    static void card(StringBuilder out, Measurements m, List<Finding> findings, String audio) {
        WaveformResult w = m.waveform();
        double duration = Math.max(m.durationS(), 0.001);
        out.append("<div class=\"card wave-card\"><h3>Waveform</h3>\n");
        List<Finding> whole = findings.stream().filter(f -> !placed(f, duration)).toList();
        if (!whole.isEmpty()) {
            out.append("<div class=\"whole\">Whole song: ");
            for (Finding f : whole) {
                out.append("<span class=\"chip ").append(f.severity().id()).append("\" title=\"").append(HtmlReport.esc(f.message())).append("\">")
                        .append(HtmlReport.esc(f.code().name())).append("</span>");
            }
            out.append("</div>\n");
        }
        out.append("<div class=\"wave\" data-duration=\"").append(num(duration)).append("\">");
        if (w != null) svg(out, w);
        if (m.sections() != null && m.sections().sections().size() > 1) {
            out.append("<div class=\"wave-sections\">");
            for (Section s : m.sections().sections()) {
                out.append("<span class=\"").append(s.chorus() ? "chorus" : "").append("\" style=\"left:").append(pct(s.startS(), duration))
                        .append("%;width:").append(pct(s.endS() - s.startS(), duration)).append("%\" title=\"").append(HtmlReport.esc(s.label()))
                        .append(s.chorus() ? " chorus " : " ").append(HtmlReport.esc(dev.signoff.analysis.findings.Clock.format(s.startS()))).append("\">")
                        .append(HtmlReport.esc(s.label())).append("</span>");
            }
            out.append("</div>");
        }
        // Worst drawn last, so it stays on top where marks overlap.
        List<Finding> marked = new ArrayList<>(findings.stream().filter(f -> placed(f, duration)).toList());
        marked.sort(Comparator.comparing(Finding::severity).reversed());
        for (Finding f : marked) {
            double end = f.endS() == null ? f.startS() : f.endS();
            out.append("<button type=\"button\" class=\"mark ").append(f.severity().id()).append("\" data-t=\"").append(num(f.startS()))
                    .append("\" data-code=\"").append(f.code().name()).append("\" style=\"left:").append(pct(f.startS(), duration))
                    .append("%;width:").append(pct(end - f.startS(), duration)).append("%\" title=\"")
                    .append(HtmlReport.esc(f.code().name() + " " + Fmt.when(f) + ": " + f.message())).append("\"></button>");
        }
        out.append("<div class=\"playhead\"></div></div>\n");
        if (audio != null) {
            out.append("<audio class=\"player\" controls preload=\"metadata\" src=\"").append(HtmlReport.esc(audio)).append("\"></audio>\n");
        }
        out.append("</div>\n");
    }

    /** Each channel lane as one filled outline: the column maxima left to right, then the minima back. */
    private static void svg(StringBuilder out, WaveformResult w) {
        WaveformResult.Level level = w.levels().get(0);
        int lanes = w.channels() == 2 ? 2 : 1, points = level.points();
        double laneHeight = HEIGHT / (double) lanes;
        out.append("<svg class=\"wave-svg\" viewBox=\"0 0 ").append(COLUMNS).append(' ').append(HEIGHT)
                .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"waveform\">");
        if (points == 0) {
            out.append("</svg>");
            return;
        }
        for (int c = 0; c < lanes; c++) {
            double[] mx = new double[COLUMNS], mn = new double[COLUMNS];
            for (int x = 0; x < COLUMNS; x++) {
                int p0 = (int) ((long) x * points / COLUMNS), p1 = Math.max(p0 + 1, (int) ((long) (x + 1) * points / COLUMNS));
                float hi = Float.NEGATIVE_INFINITY, lo = Float.POSITIVE_INFINITY;
                for (int p = p0; p < Math.min(p1, points); p++) {
                    hi = Math.max(hi, level.max()[c][p]);
                    lo = Math.min(lo, level.min()[c][p]);
                }
                mx[x] = Float.isFinite(hi) ? Math.max(-1, Math.min(1, hi)) : 0;
                mn[x] = Float.isFinite(lo) ? Math.max(-1, Math.min(1, lo)) : 0;
            }
            double mid = laneHeight * (c + 0.5), half = laneHeight * 0.48;
            StringBuilder d = new StringBuilder();
            for (int x = 0; x < COLUMNS; x++) d.append(x == 0 ? "M" : "L").append(x).append(',').append(coordinate(mid - half * Math.max(mx[x], 0.004)));
            for (int x = COLUMNS - 1; x >= 0; x--) d.append('L').append(x).append(',').append(coordinate(mid - half * Math.min(mn[x], -0.004)));
            out.append("<path class=\"wave-ch\" d=\"").append(d).append("Z\"/>");
        }
        if (lanes == 2) out.append("<line class=\"wave-split\" x1=\"0\" x2=\"").append(COLUMNS).append("\" y1=\"").append(num(laneHeight)).append("\" y2=\"").append(num(laneHeight)).append("\"/>");
        out.append("</svg>");
    }

    private static String pct(double s, double duration) {
        return String.format(Locale.ROOT, "%.3f", Math.max(0, Math.min(100, 100 * s / duration)));
    }

    /** A tenth of a unit of the 160-unit-high drawing is finer than any screen shows it. */
    private static String coordinate(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static final String CSS = """
            .wave{position:relative;height:160px;background:#f8f9fb;border:1px solid var(--line);border-radius:10px;overflow:hidden;cursor:pointer}
            .wave-svg{position:absolute;left:0;top:0;width:100%;height:calc(100% - 16px);display:block}
            .wave-ch{fill:#5b6bc9}.wave-split{stroke:#fff;stroke-width:1}
            .wave-sections{position:absolute;left:0;right:0;bottom:0;height:16px;pointer-events:none;background:#fff;border-top:1px solid var(--line)}
            .wave-sections span{position:absolute;bottom:0;height:16px;font-size:10px;line-height:16px;padding-left:3px;color:var(--muted);border-left:1px solid #c9ced6;overflow:hidden;white-space:nowrap}
            .wave-sections span.chorus{color:var(--accent);font-weight:600}
            .mark{position:absolute;top:0;bottom:16px;min-width:3px;border:0;padding:0;margin:0;cursor:pointer}
            .mark.problem{background:linear-gradient(var(--problem) 0 8px,rgba(214,59,59,.2) 8px)}
            .mark.warning{background:linear-gradient(var(--warning) 0 8px,rgba(224,155,14,.2) 8px)}
            .mark.note{background:linear-gradient(var(--note) 0 8px,rgba(44,140,184,.2) 8px)}
            .mark:hover,.mark:focus{filter:saturate(1.6);outline:none}
            .playhead{position:absolute;top:0;bottom:0;left:0;width:2px;background:var(--ink);pointer-events:none}
            .player{width:100%;margin-top:10px}
            .whole{font-size:13px;color:var(--muted);margin:-4px 0 10px}.whole .chip{margin-left:6px}
            tr[data-t]{cursor:pointer}tr[data-t]:hover td{background:#f8f9fb}
            """;

    /** Moves the playhead with the player; a click on the waveform, a mark or a timed finding row plays from there. */
    static final String SCRIPT = """
            document.querySelectorAll('section.file').forEach(function (file) {
              var card = file.querySelector('.wave-card');
              if (!card) return;
              var wave = card.querySelector('.wave'), head = card.querySelector('.playhead'), audio = card.querySelector('audio');
              var duration = parseFloat(wave.dataset.duration);
              function show(t) { head.style.left = Math.max(0, Math.min(100, 100 * t / duration)) + '%'; }
              function play(t) { show(t); if (!audio) return; audio.currentTime = t; var p = audio.play(); if (p) p.catch(function () {}); }
              if (audio) {
                var frame = function () { show(audio.currentTime); if (!audio.paused) requestAnimationFrame(frame); };
                audio.addEventListener('play', frame);
                audio.addEventListener('timeupdate', function () { show(audio.currentTime); });
              }
              wave.addEventListener('click', function (e) {
                var mark = e.target.closest('[data-t]');
                var box = wave.getBoundingClientRect();
                play(mark ? parseFloat(mark.dataset.t) : duration * (e.clientX - box.left) / box.width);
              });
              file.querySelectorAll('tr[data-t]').forEach(function (row) {
                row.addEventListener('click', function () { play(parseFloat(row.dataset.t)); card.scrollIntoView({block: 'nearest'}); });
              });
            });
            """;
}
