package dev.signoff.report;

import java.util.Locale;

/**
 * A player that switches between the mix and one render of it at the same playhead, with the
 * louder of the two turned down by their difference in integrated loudness, so what is heard is
 * what the render changes rather than "louder sounds better".
 */
final class LevelMatchedPlayer {
    private LevelMatchedPlayer() {}

    /** The player's markup, or a plain player for the render when the mix itself has no link. */
    static String html(String originalHref, double originalLufs, RenderLink render, String renderLabel) {
        if (originalHref == null) return "<audio controls preload=\"none\" src=\"" + HtmlReport.esc(render.href()) + "\"></audio>";
        boolean matched = Double.isFinite(originalLufs) && Double.isFinite(render.lufs());
        double difference = matched ? render.lufs() - originalLufs : 0;
        double originalGain = Math.min(0, difference), renderGain = Math.min(0, -difference);
        return "<span class=\"ab\"><audio preload=\"none\" src=\"" + HtmlReport.esc(originalHref) + "\" data-gain-db=\"" + gain(originalGain) + "\"></audio>"
                + "<audio preload=\"none\" src=\"" + HtmlReport.esc(render.href()) + "\" data-gain-db=\"" + gain(renderGain) + "\"></audio>"
                + "<button type=\"button\" class=\"ab-play\" aria-label=\"play or pause\">&#9654;</button>"
                + "<button type=\"button\" class=\"ab-pick\" aria-pressed=\"true\" title=\"the mix" + level(originalGain) + "\">Original</button>"
                + "<button type=\"button\" class=\"ab-pick\" aria-pressed=\"false\" title=\"" + HtmlReport.esc(renderLabel) + level(renderGain) + "\">"
                + HtmlReport.esc(renderLabel) + "</button></span>";
    }

    private static String gain(double db) {
        return String.format(Locale.ROOT, "%.2f", db);
    }

    private static String level(double gainDb) {
        return gainDb < 0 ? String.format(Locale.ROOT, ", turned down %.1f dB to match", -gainDb) : "";
    }

    /** Applies each file's gain; the pick buttons swap which file plays, carrying the playhead across. */
    static final String SCRIPT = """
            document.querySelectorAll('.ab').forEach(function (ab) {
              var files = ab.querySelectorAll('audio'), picks = ab.querySelectorAll('.ab-pick'), current = 0;
              files.forEach(function (a) { a.volume = Math.min(1, Math.pow(10, parseFloat(a.dataset.gainDb) / 20)); });
              function start(a) { var p = a.play(); if (p) p.catch(function () {}); }
              ab.querySelector('.ab-play').addEventListener('click', function () {
                var a = files[current];
                if (a.paused) { document.querySelectorAll('audio').forEach(function (o) { o.pause(); }); start(a); } else a.pause();
              });
              picks.forEach(function (button, i) {
                button.addEventListener('click', function () {
                  if (i === current) return;
                  var from = files[current], to = files[i], playing = !from.paused;
                  from.pause();
                  to.currentTime = from.currentTime;
                  picks.forEach(function (b, j) { b.setAttribute('aria-pressed', j === i ? 'true' : 'false'); });
                  current = i;
                  if (playing) start(to);
                });
              });
            });
            """;
}
