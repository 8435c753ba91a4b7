package dev.signoff.report;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.tonal.TonalBalance;
import dev.signoff.analysis.tonal.TonalRange;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.quiet.QuietPassage;
import dev.signoff.analysis.spectrum.SpectrumResult;
import dev.signoff.analysis.stereo.StereoResult;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The report's plots, drawn with Java2D onto JFreeSVG and returned as inline {@code <svg>}
 * elements that scale to their container (viewBox, no fixed size).
 */
final class Plots {
    static final int WIDTH = 880;

    static final Color PROBLEM = new Color(0xD6, 0x3B, 0x3B), WARNING = new Color(0xE0, 0x9B, 0x0E), NOTE = new Color(0x2C, 0x8C, 0xB8);
    private static final Color INK = new Color(0x1F, 0x29, 0x37), MUTED = new Color(0x6B, 0x72, 0x80),
            GRID = new Color(0xE7, 0xE9, 0xEE), AXIS = new Color(0xC9, 0xCE, 0xD6),
            SHORT_TERM = new Color(0x27, 0x46, 0x8C), MOMENTARY = new Color(0xA9, 0xB9, 0xDB),
            QUIET = new Color(0x8A, 0x93, 0xA3), GOOD = new Color(0x2E, 0x9A, 0x68), TONE = new Color(0x4F, 0x5B, 0xD5);
    private static final Font SMALL = new Font("SansSerif", Font.PLAIN, 11), TINY = new Font("SansSerif", Font.PLAIN, 10),
            LABEL = new Font("SansSerif", Font.BOLD, 11);
    private static final AtomicLong IDS = new AtomicLong();

    private Plots() {}

    static Color colour(Severity s) {
        return switch (s) {
            case PROBLEM -> PROBLEM;
            case WARNING -> WARNING;
            case NOTE -> NOTE;
        };
    }

    // ---------------------------------------------------------------- loudness over time

    /** Short-term (bold) and momentary (faint) loudness, integrated level, findings and quiet passages as spans. */
    static String loudness(Measurements m, List<Finding> findings) {
        int h = 280;
        double left = 52, right = WIDTH - 18, top = 30, bottom = h - 30;
        SVGGraphics2D g = canvas(WIDTH, h);
        double duration = Math.max(m.durationS(), 0.1);
        TimeSeries st = m.loudness().shortTerm(), mo = m.loudness().momentary();
        double max = max(mo, max(st, m.loudness().integratedLufs()));
        double yTop = Double.isFinite(max) ? Math.ceil((max + 1) / 6) * 6 : 0;
        double yBottom = yTop - 48;
        Scale x = new Scale(0, duration, left, right), y = new Scale(yBottom, yTop, bottom, top);

        sectionLabels(g, m, x, top, bottom);
        quietPassages(g, m, x, top, bottom);
        findingSpans(g, findings, m.durationS(), x, top, bottom, right);
        grid(g, y, left, right, 6, v -> fmt0(v));
        timeAxis(g, x, bottom, top);
        g.setClip(new Rectangle2D.Double(left, top, right - left, bottom - top));
        line(g, mo, x, y, MOMENTARY, 1f);
        line(g, st, x, y, SHORT_TERM, 1.8f);
        integratedLine(g, m.loudness().integratedLufs(), y, left, right);
        g.setClip(null);
        yTitle(g, "LUFS", left, top);
        return svg(g, WIDTH, h);
    }

    /** Section labels along the top, boundaries as faint lines. */
    private static void sectionLabels(SVGGraphics2D g, Measurements m, Scale x, double top, double bottom) {
        if (m.sections() != null && m.sections().sections().size() > 1) {
            g.setFont(TINY);
            for (dev.signoff.analysis.sections.Section s : m.sections().sections()) {
                double x0 = x.map(s.startS()), x1 = x.map(s.endS());
                g.setPaint(new Color(0xDD, 0xE1, 0xE6));
                g.draw(new java.awt.geom.Line2D.Double(x0, top, x0, bottom));
                String label = s.label() + (s.chorus() ? " chorus" : "");
                g.setPaint(s.chorus() ? TONE : MUTED);
                if (x1 - x0 > textWidth(label, 10) + 4) g.drawString(label, (float) (x0 + 3), (float) (top + 10));
            }
        }
    }

    /** Quiet passages, under everything else. */
    private static void quietPassages(SVGGraphics2D g, Measurements m, Scale x, double top, double bottom) {
        for (QuietPassage q : nullSafe(m.quietPassages())) {
            double x0 = x.map(q.startS()), x1 = Math.max(x.map(q.endS()), x0 + 2);
            g.setPaint(alpha(QUIET, 40));
            g.fill(new Rectangle2D.Double(x0, top, x1 - x0, bottom - top));
            g.setPaint(QUIET);
            g.setFont(TINY);
            String label = q.content() == null ? "quiet" : q.content().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            if (x1 - x0 > textWidth(label, 10) + 4) g.drawString(label, (float) (x0 + 3), (float) (bottom - 5));
        }
    }

    /** Findings with a place in time: shaded spans, worst drawn last so they stay visible, and their codes along the top. */
    private static void findingSpans(SVGGraphics2D g, List<Finding> findings, double durationS, Scale x, double top, double bottom,
                                     double right) {
        List<Finding> timed = new ArrayList<>();
        // A finding spanning most of the song is listed above the waveform, not painted over the whole chart.
        for (Finding f : findings) if (WaveformView.placed(f, durationS)) timed.add(f);
        timed.sort(Comparator.comparing(Finding::severity).reversed());
        for (Finding f : timed) {
            double x0 = x.map(f.startS()), x1 = Math.max(x.map(f.endS() == null ? f.startS() : f.endS()), x0 + 2);
            Color c = colour(f.severity());
            g.setPaint(alpha(c, 38));
            g.fill(new Rectangle2D.Double(x0, top, x1 - x0, bottom - top));
            g.setPaint(c);
            g.fill(new Rectangle2D.Double(x0, top - 6, x1 - x0, 4));
        }
        // Their codes along the top, where there is room, worst first.
        List<double[]> taken = new ArrayList<>();
        g.setFont(TINY);
        List<Finding> labelled = new ArrayList<>(timed);
        labelled.sort(Comparator.comparing(Finding::severity));
        for (Finding f : labelled) {
            String label = f.code().name();
            double w = textWidth(label, 10), lx = Math.min(x.map(f.startS()), right - w);
            boolean free = taken.stream().noneMatch(t -> lx < t[1] + 6 && lx + w > t[0] - 6);
            if (!free) continue;
            taken.add(new double[]{lx, lx + w});
            g.setPaint(colour(f.severity()).darker());
            g.drawString(label, (float) lx, (float) (top - 10));
        }
    }

    /** The integrated loudness as a dashed line across the chart, labelled at its right end. */
    private static void integratedLine(SVGGraphics2D g, double integrated, Scale y, double left, double right) {
        if (Double.isFinite(integrated)) {
            g.setPaint(INK);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{5f, 4f}, 0f));
            g.draw(new Line2D.Double(left, y.map(integrated), right, y.map(integrated)));
            g.setClip(null);
            String label = "integrated " + Fmt.num(integrated) + " LUFS";
            g.setFont(TINY);
            double lw = textWidth(label, 10), lx = right - lw - 4, ly = y.map(integrated) - 4;
            g.setPaint(new Color(255, 255, 255, 215));
            g.fill(new Rectangle2D.Double(lx - 3, ly - 10, lw + 6, 13));
            g.setPaint(INK);
            g.drawString(label, (float) lx, (float) ly);
        }
    }

    // ---------------------------------------------------------------- tonal balance

    /** 1/3-octave band levels relative to the integrated loudness against log frequency. */
    static String tonalBalance(Measurements m) {
        return tonalBalance(m, null);
    }

    /** The same, with the references' range (lowest to highest, band by band) shaded behind the mix. */
    static String tonalBalance(Measurements m, ReferenceComparison refs) {
        int h = 260;
        double left = 52, right = WIDTH - 18, top = 26, bottom = h - 30;
        SVGGraphics2D g = canvas(WIDTH, h);
        double lufs = m.loudness().integratedLufs();
        List<SpectrumResult.Band> bands = new ArrayList<>();
        for (SpectrumResult.Band b : m.spectrum().bands()) if (b.centerHz() >= 20 && b.centerHz() <= 20_000) bands.add(b);
        double fLo = 20, fHi = Math.min(20_000, m.info().sampleRate() / 2.0);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (SpectrumResult.Band b : bands) {
            double v = b.levelDb() - lufs;
            if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        }
        if (refs != null) {
            for (ReferenceComparison.BandSpread b : refs.bands()) {
                if (Double.isFinite(b.minDb())) lo = Math.min(lo, b.minDb());
                if (Double.isFinite(b.maxDb())) hi = Math.max(hi, b.maxDb());
            }
        }
        if (!Double.isFinite(lo)) { lo = -30; hi = 0; }
        double yTop = Math.ceil((hi + 2) / 6) * 6, yBottom = Math.min(Math.floor((lo - 2) / 6) * 6, yTop - 24);
        Scale x = Scale.log(fLo, fHi, left, right), y = new Scale(yBottom, yTop, bottom, top);

        engineersRegions(g, x, top, bottom, fLo, fHi);
        grid(g, y, left, right, 6, v -> fmt0(v));
        frequencyAxis(g, x, bottom, top, fLo, fHi);
        g.setClip(new Rectangle2D.Double(left, top, right - left, bottom - top));
        if (refs != null) referencesRange(g, refs, x, y, fLo, fHi);
        else builtInRange(g, m, x, y, fLo, fHi);
        mixCurve(g, bands, lufs, x, y, bottom, fHi);
        g.setClip(null);
        yTitle(g, "dB re LUFS", left, top);
        return svg(g, WIDTH, h);
    }

    /** The regions engineers talk in (sub, bass, low mids...), faintly. */
    private static void engineersRegions(SVGGraphics2D g, Scale x, double top, double bottom, double fLo, double fHi) {
        String[] names = {"sub", "bass", "low mids", "mids", "presence", "air"};
        double[] edges = {20, 60, 250, 500, 2000, 6000, 20000};
        g.setFont(TINY);
        for (int i = 0; i < names.length; i++) {
            double x0 = x.map(Math.max(edges[i], fLo)), x1 = x.map(Math.min(edges[i + 1], fHi));
            if (x1 <= x0) continue;
            if (i % 2 == 1) {
                g.setPaint(new Color(0xF6, 0xF7, 0xF9));
                g.fill(new Rectangle2D.Double(x0, top, x1 - x0, bottom - top));
            }
            g.setPaint(MUTED);
            double w = textWidth(names[i], 10);
            if (x1 - x0 > w + 4) g.drawString(names[i], (float) ((x0 + x1 - w) / 2), (float) (top - 8));
        }
    }

    /** The references' range (lowest to highest, band by band) as a band: upper edge left to right, lower edge back. */
    private static void referencesRange(SVGGraphics2D g, ReferenceComparison refs, Scale x, Scale y, double fLo, double fHi) {
        List<ReferenceComparison.BandSpread> in = new ArrayList<>();
        for (ReferenceComparison.BandSpread b : refs.bands()) {
            if (Double.isFinite(b.minDb()) && Double.isFinite(b.maxDb()) && b.centerHz() >= fLo && b.centerHz() <= fHi) in.add(b);
        }
        if (in.size() >= 2) {
            Path2D.Double range = new Path2D.Double();
            for (int i = 0; i < in.size(); i++) {
                double px = x.map(in.get(i).centerHz()), py = y.map(in.get(i).maxDb());
                if (i == 0) range.moveTo(px, py); else range.lineTo(px, py);
            }
            for (int i = in.size() - 1; i >= 0; i--) range.lineTo(x.map(in.get(i).centerHz()), y.map(in.get(i).minDb()));
            range.closePath();
            g.setPaint(new Color(0xF2, 0xA9, 0x3B, 70));
            g.fill(range);
            g.setPaint(new Color(0xD0, 0x85, 0x1A));
            g.setStroke(new BasicStroke(1f));
            g.draw(range);
        }
    }

    /** The mix's band levels as a curve with dots, over a faint area. */
    private static void mixCurve(SVGGraphics2D g, List<SpectrumResult.Band> bands, double lufs, Scale x, Scale y, double bottom,
                                 double fHi) {
        Path2D.Double curve = new Path2D.Double(), area = new Path2D.Double();
        boolean started = false;
        double firstX = 0, lastX = 0;
        for (SpectrumResult.Band b : bands) {
            double v = b.levelDb() - lufs;
            if (!Double.isFinite(v) || b.centerHz() > fHi) continue;
            double px = x.map(b.centerHz()), py = y.map(v);
            if (!started) { curve.moveTo(px, py); area.moveTo(px, bottom); area.lineTo(px, py); firstX = px; started = true; }
            else { curve.lineTo(px, py); area.lineTo(px, py); }
            lastX = px;
        }
        if (started) {
            area.lineTo(lastX, bottom);
            area.lineTo(firstX, bottom);
            area.closePath();
            g.setPaint(alpha(TONE, 36));
            g.fill(area);
            g.setPaint(TONE);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(curve);
            for (SpectrumResult.Band b : bands) {
                double v = b.levelDb() - lufs;
                if (!Double.isFinite(v) || b.centerHz() > fHi) continue;
                g.fill(new java.awt.geom.Ellipse2D.Double(x.map(b.centerHz()) - 2.5, y.map(v) - 2.5, 5, 5));
            }
        }
    }

    /**
     * The built-in range the tonal findings cite ({@link TonalRange#builtIn()}), drawn where each
     * figure is read: the low end's band around the body's level (LOW_END_WEAK / LOW_END_EXCESS),
     * the ceilings of the low mids and the presence region over their neighbours' trend (MUD,
     * HARSH_BUILDUP) and the floor of the air region (DULL). Each limit is placed at the level the
     * region's mean would have at it, so where the line crosses a mark is where a finding starts.
     */
    private static void builtInRange(SVGGraphics2D g, Measurements m, Scale x, Scale y, double fLo, double fHi) {
        TonalRange range = TonalRange.builtIn();
        TonalBalance t = m.tonalBalance();
        double lufs = m.loudness().integratedLufs(), body = regionMean(m, 500, 1600) - lufs;
        if (!Double.isFinite(body)) return;
        Color fill = new Color(0xF2, 0xA9, 0x3B, 55), edge = new Color(0xD0, 0x85, 0x1A);
        g.setFont(TINY);
        // low end: between its two limits
        double x0 = x.map(Math.max(31.5, fLo)), x1 = x.map(Math.min(100, fHi));
        if (x1 > x0) {
            double yHi = y.map(body + range.lowEndMaxDb()), yLo = y.map(body + range.lowEndMinDb());
            g.setPaint(fill);
            g.fill(new Rectangle2D.Double(x0, yHi, x1 - x0, yLo - yHi));
            g.setPaint(edge);
            g.draw(new Rectangle2D.Double(x0, yHi, x1 - x0, yLo - yHi));
        }
        limit(g, x, y, 200, 400, regionMean(m, 200, 400) - lufs - t.mudDb() + range.mudMaxDb(), edge, fHi);
        limit(g, x, y, 2000, 5000, regionMean(m, 2000, 5000) - lufs - t.harshDb() + range.harshMaxDb(), edge, fHi);
        limit(g, x, y, 8000, 16000, body + range.airMinDb(), edge, fHi);
    }

    private static void limit(SVGGraphics2D g, Scale x, Scale y, double lo, double hi, double db, Color c, double fHi) {
        if (!Double.isFinite(db) || lo >= fHi) return;
        double x0 = x.map(lo), x1 = x.map(Math.min(hi, fHi)), py = y.map(db);
        g.setPaint(c);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 3f}, 0f));
        g.draw(new Line2D.Double(x0, py, x1, py));
        g.setStroke(new BasicStroke(1f));
    }

    /** Power mean of the 1/3-octave bands whose centres lie in [lo, hi], dBFS (as the tonal figures are read). */
    private static double regionMean(Measurements m, double lo, double hi) {
        double p = 0;
        int n = 0;
        for (SpectrumResult.Band b : m.spectrum().bands()) {
            if (b.centerHz() >= lo && b.centerHz() <= hi && Double.isFinite(b.levelDb())) {
                p += Math.pow(10, b.levelDb() / 10);
                n++;
            }
        }
        return n == 0 ? Double.NaN : 10 * Math.log10(p / n);
    }

    // ---------------------------------------------------------------- stereo picture

    /** Correlation and side/mid per band (bars) above correlation over time. */
    static String stereo(StereoResult s, double durationS) {
        int h = 380;
        SVGGraphics2D g = canvas(WIDTH, h);
        List<StereoResult.Band> bands = s.bands();
        double gap = 56, panelW = (WIDTH - 52 - 18 - gap) / 2;
        double aLeft = 52, aRight = aLeft + panelW, bLeft = aRight + gap, bRight = bLeft + panelW;
        double top = 28, bottom = 188;
        correlationByBand(g, bands, aLeft, aRight, top, bottom);
        sideToMidByBand(g, bands, bLeft, bRight, top, bottom);
        correlationOverTime(g, s.correlationOverTime(), durationS, 246, h - 30);
        return svg(g, WIDTH, h);
    }

    /** Correlation per band, -1..+1, bars from zero. */
    private static void correlationByBand(SVGGraphics2D g, List<StereoResult.Band> bands, double aLeft, double aRight, double top,
                                          double bottom) {
        double panelW = aRight - aLeft;
        Scale cy = new Scale(-1, 1, bottom, top);
        panelTitle(g, "Correlation by band", aLeft, top);
        grid(g, cy, aLeft, aRight, 0.5, v -> String.format(Locale.ROOT, "%+.1f", v).replace("+0.0", "0"));
        double slot = panelW / Math.max(1, bands.size());
        for (int i = 0; i < bands.size(); i++) {
            StereoResult.Band b = bands.get(i);
            double cx = aLeft + slot * (i + 0.5), bw = Math.min(46, slot * 0.62);
            bandLabel(g, b, cx, bottom, slot);
            if (!Double.isFinite(b.correlation())) continue;
            double y0 = cy.map(0), y1 = cy.map(b.correlation());
            Color c = b.correlation() < 0 ? PROBLEM : b.correlation() < 0.3 ? WARNING : GOOD;
            g.setPaint(faded(c, b.shareDb()));
            g.fill(new Rectangle2D.Double(cx - bw / 2, Math.min(y0, y1), bw, Math.max(1, Math.abs(y1 - y0))));
        }
        g.setPaint(AXIS);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Line2D.Double(aLeft, cy.map(0), aRight, cy.map(0)));
    }

    /** Side/mid per band, dB, bars up from the floor; 0 dB = side as strong as mid. */
    private static void sideToMidByBand(SVGGraphics2D g, List<StereoResult.Band> bands, double bLeft, double bRight, double top,
                                        double bottom) {
        double slot = (bRight - bLeft) / Math.max(1, bands.size());
        double hiSm = 6, loSm = -30;
        for (StereoResult.Band b : bands) if (Double.isFinite(b.sideToMidDb())) hiSm = Math.max(hiSm, Math.ceil(b.sideToMidDb() / 6) * 6);
        Scale sy = new Scale(loSm, hiSm, bottom, top);
        panelTitle(g, "Side / mid by band (dB)", bLeft, top);
        grid(g, sy, bLeft, bRight, 6, v -> fmt0(v));
        for (int i = 0; i < bands.size(); i++) {
            StereoResult.Band b = bands.get(i);
            double cx = bLeft + slot * (i + 0.5), bw = Math.min(46, slot * 0.62);
            bandLabel(g, b, cx, bottom, slot);
            if (!Double.isFinite(b.sideToMidDb())) continue;
            double v = Math.max(loSm, b.sideToMidDb()), y1 = sy.map(v);
            Color c = b.sideToMidDb() > -3 ? WARNING : TONE;
            g.setPaint(faded(c, b.shareDb()));
            g.fill(new Rectangle2D.Double(cx - bw / 2, y1, bw, Math.max(1, bottom - y1)));
        }
        g.setPaint(MUTED);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 3f}, 0f));
        g.draw(new Line2D.Double(bLeft, sy.map(0), bRight, sy.map(0)));
    }

    /** Correlation over time, red where the channels work against each other. */
    private static void correlationOverTime(SVGGraphics2D g, TimeSeries ct, double durationS, double tTop, double tBottom) {
        double left = 52, right = WIDTH - 18;
        panelTitle(g, "Correlation over time", left, tTop);
        Scale tx = new Scale(0, Math.max(durationS, 0.1), left, right), ty = new Scale(-1, 1, tBottom, tTop);
        grid(g, ty, left, right, 1, v -> String.format(Locale.ROOT, "%+.0f", v).replace("+0", "0"));
        timeAxis(g, tx, tBottom, tTop);
        if (ct != null) {
            g.setClip(new Rectangle2D.Double(left, tTop, right - left, tBottom - tTop));
            double zero = ty.map(0);
            g.setPaint(alpha(PROBLEM, 70));
            for (int i = 0; i < ct.size(); i++) {
                double v = ct.values()[i];
                if (Double.isFinite(v) && v < 0) {
                    double x0 = tx.map(ct.timeOf(i) - ct.stepS()), x1 = tx.map(ct.timeOf(i));
                    g.fill(new Rectangle2D.Double(x0, zero, Math.max(x1 - x0, 0.8), ty.map(v) - zero));
                }
            }
            line(g, ct, tx, ty, GOOD.darker(), 1.4f);
            g.setClip(null);
        }
        g.setPaint(AXIS);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Line2D.Double(left, ty.map(0), right, ty.map(0)));
    }

    private static void bandLabel(SVGGraphics2D g, StereoResult.Band b, double cx, double bottom, double slot) {
        String label;
        boolean open = !Double.isFinite(b.hiHz()) || b.hiHz() >= Double.MAX_VALUE;
        if (b.loHz() <= 0) label = "< " + hz(b.hiHz());
        else if (open) label = "> " + hz(b.loHz());
        else label = hz(b.loHz()) + "-" + hz(b.hiHz());
        g.setFont(TINY);
        g.setPaint(MUTED);
        double w = textWidth(label, 10);
        g.drawString(label, (float) (cx - w / 2), (float) (bottom + 14));
        if (Double.isFinite(b.shareDb()) && b.shareDb() < -30 && slot > 40) {
            String q = "little energy";
            g.drawString(q, (float) (cx - textWidth(q, 10) / 2), (float) (bottom + 26));
        }
    }

    static String hz(double hz) {
        if (hz >= 1000) {
            double k = hz / 1000;
            return (Math.abs(k - Math.rint(k)) < 1e-9 ? String.valueOf((long) Math.rint(k)) : String.format(Locale.ROOT, "%.1f", k)) + "k";
        }
        return String.valueOf(Math.round(hz));
    }

    // ---------------------------------------------------------------- diff: change map

    /** The change map's colour scale reaches its full colour at this many dB. */
    static final double MAP_FULL_DB = 6;

    /**
     * The diff's change map: time across, 1/3-octave bands up (log frequency), each cell coloured by
     * the band's change there, red up and blue down (full colour at +-{@value #MAP_FULL_DB} dB, white
     * for no change, grey where nothing was measured); the song's sections along the top.
     */
    static String changeMap(dev.signoff.analysis.diff.DiffResult r) {
        dev.signoff.analysis.diff.ChangeMap m = r.map();
        int h = 320;
        double left = 52, right = WIDTH - 70, top = 30, bottom = h - 30;
        SVGGraphics2D g = canvas(WIDTH, h);
        double duration = Math.max(r.newDurationS(), 0.1);
        Scale x = new Scale(0, duration, left, right);
        timeAxis(g, x, bottom, top);
        if (m.centerHz().length > 0 && m.steps() > 0) {
            changeCells(g, m, x, top, bottom, left, right);
            frequencyLabels(g, m.centerHz(), left, top, bottom);
        }
        sectionLines(g, r.sections().sections(), x, top, bottom);
        g.setStroke(new BasicStroke(1f));
        colourKey(g, right + 18, top, bottom);
        yTitle(g, "Hz", left, top);
        return svg(g, WIDTH, h);
    }

    /** The map's cells, one row per band. */
    private static void changeCells(SVGGraphics2D g, dev.signoff.analysis.diff.ChangeMap m, Scale x, double top, double bottom,
                                    double left, double right) {
        int bands = m.centerHz().length, steps = m.steps();
        double rowH = (bottom - top) / bands;
        // Thin the columns to about one per two pixels, averaging, and draw runs of one colour as one rectangle.
        int stride = Math.max(1, (int) Math.ceil(steps / ((right - left) / 2)));
        for (int b = 0; b < bands; b++) {
            double y0 = bottom - (b + 1) * rowH;
            int runStart = 0;
            Color runColour = null;
            for (int t = 0; t <= steps; t += stride) {
                Color c = null;
                if (t < steps) {
                    double sum = 0;
                    int n = 0;
                    for (int k = t; k < Math.min(steps, t + stride); k++) {
                        float v = m.db()[b][k];
                        if (Float.isFinite(v)) { sum += v; n++; }
                    }
                    c = n == 0 ? new Color(0xEE, 0xF0, 0xF3) : divergent(sum / n);
                }
                if (runColour != null && !runColour.equals(c)) {
                    double x0 = x.map(m.startS() + runStart * m.stepS()), x1 = x.map(m.startS() + Math.min(steps, t) * m.stepS());
                    g.setPaint(runColour);
                    g.fill(new Rectangle2D.Double(x0, y0, Math.max(0.5, x1 - x0), rowH + 0.05));
                    runStart = t;
                }
                if (runColour == null || !runColour.equals(c)) runStart = t;
                runColour = c;
            }
        }
    }

    /** Frequency labels at octave-ish rows. */
    private static void frequencyLabels(SVGGraphics2D g, double[] centerHz, double left, double top, double bottom) {
        int bands = centerHz.length;
        double rowH = (bottom - top) / bands;
        g.setFont(TINY);
        g.setPaint(MUTED);
        for (int b = 0; b < bands; b++) {
            double f = centerHz[b];
            if (f != 31.5 && f != 63 && f != 125 && f != 250 && f != 500 && f != 1000 && f != 2000 && f != 4000 && f != 8000 && f != 16000) continue;
            String label = f == 31.5 ? "31" : hz(f);
            double py = bottom - (b + 0.5) * rowH + 3.5;
            g.drawString(label, (float) (left - 6 - textWidth(label, 10)), (float) py);
        }
    }

    /** Sections along the top, boundaries as dashed lines. */
    private static void sectionLines(SVGGraphics2D g, List<dev.signoff.analysis.sections.Section> sections, Scale x, double top,
                                     double bottom) {
        g.setFont(TINY);
        for (dev.signoff.analysis.sections.Section s : sections) {
            double x0 = x.map(s.startS()), x1 = x.map(s.endS());
            g.setPaint(new Color(0x9A, 0xA3, 0xB2));
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{3f, 3f}, 0f));
            g.draw(new Line2D.Double(x0, top, x0, bottom));
            String label = s.label() + (s.chorus() ? " chorus" : "");
            g.setPaint(s.chorus() ? TONE : MUTED);
            if (x1 - x0 > textWidth(label, 10) + 4) g.drawString(label, (float) (x0 + 3), (float) (top - 6));
        }
    }

    /** The colour key, from +MAP_FULL_DB at the top to -MAP_FULL_DB at the bottom. */
    private static void colourKey(SVGGraphics2D g, double kx, double kTop, double kBottom) {
        double kw = 12;
        int n = 24;
        for (int i = 0; i < n; i++) {
            double v = MAP_FULL_DB - 2 * MAP_FULL_DB * (i + 0.5) / n;
            g.setPaint(divergent(v));
            g.fill(new Rectangle2D.Double(kx, kTop + (kBottom - kTop) * i / n, kw, (kBottom - kTop) / n + 0.3));
        }
        g.setPaint(MUTED);
        g.setFont(TINY);
        g.drawString("+" + (int) MAP_FULL_DB + " dB", (float) (kx - 2), (float) (kTop - 6));
        g.drawString("0", (float) (kx + kw + 3), (float) ((kTop + kBottom) / 2 + 3.5));
        g.drawString("-" + (int) MAP_FULL_DB, (float) (kx - 2), (float) (kBottom + 13));
    }

    /** White at 0, red up to {@value #MAP_FULL_DB} dB and blue down to minus that, quantised to half a dB. */
    static Color divergent(double db) {
        double q = Math.round(db * 2) / 2.0;
        double t = Math.max(-1, Math.min(1, q / MAP_FULL_DB));
        Color end = t >= 0 ? PROBLEM : new Color(0x2F, 0x6D, 0xB5);
        double a = Math.abs(t);
        return new Color((int) Math.round(255 + (end.getRed() - 255) * a), (int) Math.round(255 + (end.getGreen() - 255) * a),
                (int) Math.round(255 + (end.getBlue() - 255) * a));
    }

    // ---------------------------------------------------------------- history: the let-it-go trend

    /**
     * Each version's change from the one before, in JNDs (bars), with the line at one JND: under it
     * the change is below what listeners reliably hear.
     *
     * @param labels version names, oldest first
     * @param jnd    per version its change in JNDs (NaN for the first)
     */
    static String letItGo(List<String> labels, double[] jnd) {
        int h = 240;
        double left = 52, right = WIDTH - 18, top = 24, bottom = h - 46;
        SVGGraphics2D g = canvas(WIDTH, h);
        double max = 2;
        for (double v : jnd) if (Double.isFinite(v)) max = Math.max(max, v);
        max = Math.ceil(max);
        Scale y = new Scale(0, max, bottom, top);
        grid(g, y, left, right, max > 8 ? 2 : 1, v -> fmt0(v));
        int n = Math.max(1, labels.size());
        double slot = (right - left) / n;
        for (int i = 0; i < labels.size(); i++) {
            double cx = left + slot * (i + 0.5), bw = Math.min(48, slot * 0.6);
            g.setFont(TINY);
            g.setPaint(MUTED);
            String label = labels.get(i);
            if (textWidth(label, 10) > slot - 4) label = label.substring(0, Math.max(1, (int) ((slot - 4) / 5.6) - 1)) + "\u2026";
            g.drawString(label, (float) (cx - textWidth(label, 10) / 2), (float) (bottom + 14));
            if (!Double.isFinite(jnd[i])) continue;
            double y1 = y.map(Math.min(max, jnd[i]));
            g.setPaint(jnd[i] >= 1 ? TONE : GOOD);
            g.fill(new Rectangle2D.Double(cx - bw / 2, y1, bw, Math.max(1, bottom - y1)));
            g.setPaint(INK);
            String v = String.format(Locale.ROOT, "%.1f", jnd[i]);
            g.drawString(v, (float) (cx - textWidth(v, 10) / 2), (float) (y1 - 4));
        }
        g.setPaint(WARNING);
        g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        g.draw(new Line2D.Double(left, y.map(1), right, y.map(1)));
        g.setFont(TINY);
        g.drawString("1 JND: just noticeable", (float) (right - textWidth("1 JND: just noticeable", 10)), (float) (y.map(1) - 4));
        g.setStroke(new BasicStroke(1f));
        g.setPaint(AXIS);
        g.draw(new Line2D.Double(left, bottom, right, bottom));
        yTitle(g, "JND", left, top);
        return svg(g, WIDTH, h);
    }

    // ---------------------------------------------------------------- helpers

    private static SVGGraphics2D canvas(int w, int h) {
        SVGGraphics2D g = new SVGGraphics2D(w, h);
        g.setDefsKeyPrefix("so" + IDS.incrementAndGet() + "_");
        g.setGeomDoubleConverter(Plots::coordinate);
        g.setPaint(Color.WHITE);
        g.fill(new Rectangle2D.Double(0, 0, w, h));
        return g;
    }

    private static String svg(SVGGraphics2D g, int w, int h) {
        return g.getSVGElement(null, false, new ViewBox(0, 0, w, h), PreserveAspectRatio.XMID_YMID, MeetOrSlice.MEET);
    }

    /** Coordinates to a tenth of a pixel: plenty on screen, and a third of JFreeSVG's default size. */
    private static String coordinate(double v) {
        long tenths = Math.round(v * 10);
        if (tenths % 10 == 0) return Long.toString(tenths / 10);
        return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
    }

    /** Horizontal grid lines and their labels on the left. */
    private static void grid(SVGGraphics2D g, Scale y, double left, double right, double step, java.util.function.DoubleFunction<String> label) {
        g.setFont(TINY);
        g.setStroke(new BasicStroke(1f));
        double first = Math.ceil(Math.min(y.d0, y.d1) / step - 1e-9) * step;
        for (double v = first; v <= Math.max(y.d0, y.d1) + 1e-9; v += step) {
            double py = y.map(v);
            g.setPaint(GRID);
            g.draw(new Line2D.Double(left, py, right, py));
            g.setPaint(MUTED);
            String s = label.apply(v);
            g.drawString(s, (float) (left - 6 - textWidth(s, 10)), (float) (py + 3.5));
        }
    }

    private static void timeAxis(SVGGraphics2D g, Scale x, double bottom, double top) {
        double span = x.d1 - x.d0;
        double[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600};
        double step = steps[steps.length - 1];
        for (double s : steps) if (span / s <= 10) { step = s; break; }
        g.setFont(TINY);
        for (double t = 0; t <= x.d1 + 1e-9; t += step) {
            double px = x.map(t);
            g.setPaint(GRID);
            g.draw(new Line2D.Double(px, top, px, bottom));
            g.setPaint(MUTED);
            String s = Clock.format(t).replaceAll("\\.0$", "");
            g.drawString(s, (float) (px - textWidth(s, 10) / 2), (float) (bottom + 15));
        }
        g.setPaint(AXIS);
        g.draw(new Line2D.Double(x.r0, bottom, x.r1, bottom));
    }

    private static void frequencyAxis(SVGGraphics2D g, Scale x, double bottom, double top, double fLo, double fHi) {
        double[] ticks = {31.5, 63, 125, 250, 500, 1000, 2000, 4000, 8000, 16000};
        g.setFont(TINY);
        for (double f : ticks) {
            if (f < fLo || f > fHi) continue;
            double px = x.map(f);
            g.setPaint(GRID);
            g.draw(new Line2D.Double(px, top, px, bottom));
            g.setPaint(MUTED);
            String s = f == 31.5 ? "31" : hz(f);
            g.drawString(s, (float) (px - textWidth(s, 10) / 2), (float) (bottom + 15));
        }
        g.setPaint(AXIS);
        g.draw(new Line2D.Double(x.r0, bottom, x.r1, bottom));
        String unit = "Hz";
        g.setPaint(MUTED);
        g.drawString(unit, (float) (x.r1 - textWidth(unit, 10)), (float) (bottom + 15));
    }

    private static void line(SVGGraphics2D g, TimeSeries ts, Scale x, Scale y, Color c, float width) {
        if (ts == null || ts.size() == 0) return;
        Path2D.Double p = new Path2D.Double();
        boolean pen = false;
        // Thin very long series to about two points per pixel: the SVG stays small, the shape the same.
        int stride = Math.max(1, (int) (ts.size() / ((x.r1 - x.r0) * 2)));
        for (int i = 0; i < ts.size(); i += stride) {
            double v = ts.values()[i];
            if (stride > 1) {
                // Keep peaks visible when thinning: take the maximum of the stride.
                double best = Double.NaN;
                for (int k = i; k < Math.min(ts.size(), i + stride); k++) {
                    double w = ts.values()[k];
                    if (Double.isFinite(w) && (Double.isNaN(best) || w > best)) best = w;
                }
                v = best;
            }
            if (!Double.isFinite(v)) { pen = false; continue; }
            double px = x.map(ts.timeOf(i)), py = y.map(Math.max(Math.min(v, y.max() + 1), y.min() - 1));
            if (pen) p.lineTo(px, py); else p.moveTo(px, py);
            pen = true;
        }
        g.setPaint(c);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    private static void yTitle(SVGGraphics2D g, String s, double left, double top) {
        g.setFont(TINY);
        g.setPaint(MUTED);
        g.drawString(s, (float) Math.max(2, left - 6 - textWidth(s, 10)), (float) (top - 12));
    }

    private static void panelTitle(SVGGraphics2D g, String s, double left, double top) {
        g.setFont(LABEL);
        g.setPaint(INK);
        g.drawString(s, (float) left, (float) (top - 12));
    }

    private static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    /** Bands that carry little of the energy are drawn faintly: their figures matter less. */
    private static Color faded(Color c, double shareDb) {
        return Double.isFinite(shareDb) && shareDb < -30 ? alpha(c, 70) : alpha(c, 210);
    }

    private static double max(TimeSeries ts, double start) {
        double m = start;
        if (ts != null) for (double v : ts.values()) if (Double.isFinite(v) && (!Double.isFinite(m) || v > m)) m = v;
        return m;
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String fmt0(double v) {
        return Math.abs(v) < 0.5 ? "0" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** An estimate of a sans-serif string's width (no font metrics needed on a headless machine). */
    static double textWidth(String s, double size) {
        return s.length() * size * 0.56;
    }

    /** Linear (or log) mapping from data to pixels. */
    private record Scale(double d0, double d1, double r0, double r1, boolean log) {
        Scale(double d0, double d1, double r0, double r1) { this(d0, d1, r0, r1, false); }

        static Scale log(double d0, double d1, double r0, double r1) { return new Scale(d0, d1, r0, r1, true); }

        double map(double v) {
            if (log) return r0 + (Math.log(v / d0) / Math.log(d1 / d0)) * (r1 - r0);
            return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
        }

        double min() { return Math.min(d0, d1); }

        double max() { return Math.max(d0, d1); }
    }
}
