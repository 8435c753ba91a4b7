package dev.signoff.analysis.revisions;

import dev.signoff.analysis.Decibels;
import dev.signoff.analysis.Measure;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.analysis.diff.Hz;
import dev.signoff.analysis.diff.Span;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Prose;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.sections.Section;
import dev.signoff.analysis.spectrum.SpectrumResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.EnumSet;
import java.util.Locale;

/**
 * Feedback translation: finds the words of a client's comment in the {@link Vocabulary} ("muddy",
 * "buried vocal", "too much reverb") and puts a number beside each, measured at the comment's time
 * in this version against the rest of the song, and against the engineer's references when given.
 *
 * <p>Input: the version's {@link Measurements} (one decoding pass with {@link #MEASURES}, through
 * {@link dev.signoff.analysis.MeasurementPlan}), the references' measurements, and the comment with its
 * time. The comment's "here" is {@value #AROUND_S} s either side of its time (the stretch a listener
 * means by "here"); without a time, the whole song is set against the references only.
 *
 * <p>What is measured, per the word's {@link Vocabulary.Measure}:
 * <ul>
 *   <li>region: the range's share of the mix, its power over the power of all bands (dB), from the
 *       1/3-octave levels every half second; here against the rest of the song, and the references'
 *       long-term share. Level-independent, so "muddy" is judged on balance, not loudness;</li>
 *   <li>width (also reverb, a proxy: reverb lives mostly in the side): side over mid (dB);</li>
 *   <li>dynamics (punch): how far the loudest 400 ms stand above the 3 s level (the maximum
 *       momentary minus the mean short-term loudness, LU) over the stretch, against the same over
 *       every {@value #BLOCK_S} s block of the song (median) and of each reference;</li>
 *   <li>sibilance: the loudest 2 % of the 5-10 kHz against 1-4 kHz readings (dB), as `check` reads them;</li>
 *   <li>level: the short-term loudness here against the integrated loudness (LU);</li>
 *   <li>balance: left minus right (dB).</li>
 * </ul>
 * The reading states the numbers; it does not decide for the engineer. A word about a part of the
 * mix ("vocal") is read through its range, which holds the rest of the band too.
 *
 * <p>A word whose band has a tonal figure of its own (harsh, muddy, dull, boomy, sibilant...) also
 * gets its {@link WholePicture}: the moment and the whole song against the range a check judges by
 * (built-in, or the references'), and the version's own findings on that band. Against the rest of
 * the song alone, a mix harsh from start to end reads as "nothing here".
 */
public final class FeedbackTranslator {
    /** "Here" is this long either side of a comment's time, s. */
    static final double AROUND_S = 3;
    /** Dynamics are read over blocks this long to set the comment's stretch against the song. */
    static final double BLOCK_S = 6;

    /**
     * One word's reading.
     *
     * @param word       the vocabulary entry
     * @param measure    what was measured, in words ("200-500 Hz against the whole mix")
     * @param here       the value at the comment's time (NaN without a time or when not measurable)
     * @param rest       the value over the rest of the song (the whole song without a time)
     * @param refMin     the references' lowest value, or NaN
     * @param refMax     their highest
     * @param unit       "dB" or "LU"
     * @param sentence   the reading in one plain sentence
     * @param picture    the band in the whole picture, or null when it has no tonal figure of its own
     */
    public record Reading(Vocabulary.Entry word, String measure, double here, double rest, double refMin, double refMax,
                          String unit, String sentence, WholePicture picture) {
        /** here - rest, NaN when either is missing. */
        public double difference() {
            return here - rest;
        }

        Reading with(WholePicture p) {
            return new Reading(word, measure, here, rest, refMin, refMax, unit, sentence, p);
        }
    }

    /**
     * What a translation reads, of the version and of each reference: the pass skips the rest (true
     * peak, the drum and quiet-passage finders, the voice detector), about half a check's work.
     */
    public static final Set<Measure> MEASURES = EnumSet.of(Measure.LOUDNESS, Measure.SPECTRUM, Measure.STEREO,
            Measure.SIBILANCE, Measure.SECTIONS);

    /**
     * A comment translated.
     *
     * @param comment  the comment
     * @param request  how it reads as a request (target, direction, where)
     * @param here     the stretch it points at, or null without a time
     * @param section  the section around its time, or null
     * @param readings one per word found (each dimension once)
     */
    public record Translation(RevisionItem comment, RevisionRequest request, Span here, Section section, List<Reading> readings) {}

    private FeedbackTranslator() {}

    public static Translation translate(Measurements m, List<Reference> references, RevisionItem comment) {
        RevisionRequest request = RequestParser.builtIn().parse(comment);
        Double at = comment.startS() != null ? comment.startS() : request.scope().startS();
        Span here = null;
        Section section = null;
        if (at != null) {
            double end = comment.endS() != null ? comment.endS() : request.scope().endS() != null ? request.scope().endS() : at;
            here = new Span(Math.max(0, at - (end > at ? 0 : AROUND_S)), Math.min(m.durationS(), end > at ? end : at + AROUND_S));
            if (m.sections() != null) for (Section s : m.sections().sections()) if (at >= s.startS() && at < s.endS()) section = s;
        }
        List<Reading> readings = new ArrayList<>();
        WholePicture.Judged judged = request.words().isEmpty() ? null : WholePicture.Judged.of(m, references);
        LinkedHashSet<String> done = new LinkedHashSet<>();
        for (Vocabulary.Entry e : request.words()) {
            if (e.kind() == Vocabulary.Kind.LEVEL && request.words().stream().anyMatch(w -> w.kind() != Vocabulary.Kind.LEVEL)) continue;
            if (!done.add(e.dimension() + "/" + e.measure())) continue;
            Reading r = read(m, references, e, here);
            if (r != null) readings.add(r.with(WholePicture.of(m, judged, e, here)));
        }
        return new Translation(comment, request, here, section, readings);
    }

    private static Reading read(Measurements m, List<Reference> refs, Vocabulary.Entry e, Span here) {
        return switch (e.measure()) {
            case REGION -> region(m, refs, e, here);
            case WIDTH -> series(m, refs, e, here, m.stereo() == null ? null : m.stereo().sideToMidOverTime(), "side against mid", "dB",
                    r -> r.measurements().stereo() == null ? Double.NaN : r.measurements().stereo().sideToMidDb());
            case BALANCE -> series(m, refs, e, here, m.stereo() == null ? null : m.stereo().balanceOverTime(), "left minus right", "dB", r -> Double.NaN);
            case LEVEL -> level(m, e, here);
            case DYNAMICS -> dynamics(m, refs, e, here);
            case SIBILANCE -> sibilance(m, refs, e, here);
        };
    }

    // ------------------------------------------------------------------ the measures

    private static Reading region(Measurements m, List<Reference> refs, Vocabulary.Entry e, Span here) {
        SpectrumResult s = m.spectrum();
        double[] inHere = new double[2], inRest = new double[2];   // {region power, all power}
        for (int t = 0; t < s.steps(); t++) {
            double region = power(s, t, e.loHz(), e.hiHz()), all = power(s, t, 0, Double.MAX_VALUE);
            if (!(all > 0)) continue;
            double[] acc = here != null && inside(here, t, s.stepS()) ? inHere : inRest;
            acc[0] += region;
            acc[1] += all;
        }
        double hereDb = share(inHere), restDb = share(inRest);
        if (here == null) hereDb = Double.NaN;
        double[] ref = refs.stream().mapToDouble(r -> longTermShare(r.measurements().spectrum(), e.loHz(), e.hiHz())).filter(Double::isFinite).toArray();
        String what = Hz.range(e.loHz(), e.hiHz()) + " against the whole mix";
        return reading(e, what, hereDb, restDb, ref, "dB");
    }

    private static double power(SpectrumResult s, int t, double lo, double hi) {
        double p = 0;
        for (SpectrumResult.Band b : s.bands()) {
            if (b.centerHz() < lo || b.centerHz() > hi) continue;
            float v = b.overTimeDb()[t];
            if (!Float.isNaN(v)) p += Math.pow(10, v / 10.0);
        }
        return p;
    }

    private static double share(double[] acc) {
        return Decibels.ratio(acc[0], acc[1]);
    }

    private static double longTermShare(SpectrumResult s, double lo, double hi) {
        double region = 0, all = 0;
        for (SpectrumResult.Band b : s.bands()) {
            if (!Double.isFinite(b.levelDb())) continue;
            double p = Math.pow(10, b.levelDb() / 10);
            all += p;
            if (b.centerHz() >= lo && b.centerHz() <= hi) region += p;
        }
        return Decibels.ratio(region, all);
    }

    private static boolean inside(Span here, int step, double stepS) {
        double mid = (step + 0.5) * stepS;
        return mid >= here.startS() && mid < here.endS();
    }

    private static Reading series(Measurements m, List<Reference> refs, Vocabulary.Entry e, Span here, TimeSeries ts, String what, String unit,
                                  java.util.function.ToDoubleFunction<Reference> ref) {
        if (ts == null) return null;
        double[] h = new double[2], r = new double[2];   // {sum, count}
        for (int i = 0; i < ts.size(); i++) {
            double v = ts.values()[i];
            if (!Double.isFinite(v)) continue;
            boolean in = here != null && ts.timeOf(i) - ts.stepS() / 2 >= here.startS() && ts.timeOf(i) - ts.stepS() / 2 < here.endS();
            double[] acc = in ? h : r;
            acc[0] += v;
            acc[1]++;
        }
        double hereV = h[1] == 0 || here == null ? Double.NaN : h[0] / h[1], restV = r[1] == 0 ? Double.NaN : r[0] / r[1];
        double[] refValues = refs.stream().mapToDouble(ref).filter(Double::isFinite).toArray();
        return reading(e, what, hereV, restV, refValues, unit);
    }

    private static Reading level(Measurements m, Vocabulary.Entry e, Span here) {
        TimeSeries st = m.loudness().shortTerm();
        double sum = 0;
        int n = 0;
        if (here != null) {
            for (int i = 0; i < st.size(); i++) {
                double v = st.values()[i];
                if (Double.isFinite(v) && st.timeOf(i) >= here.startS() && st.timeOf(i) < here.endS() + 1.5) {
                    sum += Math.pow(10, v / 10);
                    n++;
                }
            }
        }
        double hereV = n == 0 ? Double.NaN : 10 * Math.log10(sum / n);
        return reading(e, "short-term loudness against the integrated", hereV, m.loudness().integratedLufs(), new double[0], "LU");
    }

    /** Maximum momentary minus the energy mean of the short-term loudness over [from, to), LU. */
    private static double punch(Measurements m, double from, double to) {
        TimeSeries mo = m.loudness().momentary(), st = m.loudness().shortTerm();
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        int n = 0;
        for (int i = 0; i < mo.size(); i++) {
            double t = mo.timeOf(i);
            if (t < from || t >= to) continue;
            if (Double.isFinite(mo.values()[i])) max = Math.max(max, mo.values()[i]);
            if (i < st.size() && Double.isFinite(st.values()[i])) {
                sum += Math.pow(10, st.values()[i] / 10);
                n++;
            }
        }
        return n == 0 || !Double.isFinite(max) ? Double.NaN : max - 10 * Math.log10(sum / n);
    }

    private static double typicalPunch(Measurements m) {
        List<Double> v = new ArrayList<>();
        for (double t = 0; t + BLOCK_S <= m.durationS(); t += BLOCK_S) {
            double p = punch(m, t, t + BLOCK_S);
            if (Double.isFinite(p)) v.add(p);
        }
        if (v.isEmpty()) return Double.NaN;
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[a.length / 2];
    }

    private static Reading dynamics(Measurements m, List<Reference> refs, Vocabulary.Entry e, Span here) {
        double hereV = here == null ? Double.NaN : punch(m, here.startS(), Math.max(here.endS(), here.startS() + BLOCK_S));
        double[] ref = refs.stream().mapToDouble(r -> typicalPunch(r.measurements())).filter(Double::isFinite).toArray();
        return reading(e, "loudest 400 ms over the 3 s level", hereV, typicalPunch(m), ref, "LU");
    }

    private static Reading sibilance(Measurements m, List<Reference> refs, Vocabulary.Entry e, Span here) {
        if (m.sibilance() == null) return null;
        float[] r = m.sibilance().ratioDb();
        double w = m.sibilance().windowS();
        List<Double> in = new ArrayList<>(), out = new ArrayList<>();
        for (int i = 0; i < r.length; i++) {
            if (Float.isNaN(r[i])) continue;
            boolean h = here != null && i * w >= here.startS() && i * w < here.endS();
            (h ? in : out).add((double) r[i]);
        }
        double[] ref = refs.stream().mapToDouble(x -> x.measurements().sibilance() == null ? Double.NaN : x.measurements().sibilance().loudestRatioDb())
                .filter(Double::isFinite).toArray();
        return reading(e, "loudest 5-10 kHz bursts over 1-4 kHz", here == null ? Double.NaN : percentile98(in), percentile98(out), ref, "dB");
    }

    private static double percentile98(List<Double> v) {
        if (v.isEmpty()) return Double.NaN;
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a[(int) Math.round(0.98 * (a.length - 1))];
    }

    private static Reading reading(Vocabulary.Entry e, String what, double here, double rest, double[] refs, String unit) {
        double refMin = refs.length == 0 ? Double.NaN : Arrays.stream(refs).min().getAsDouble();
        double refMax = refs.length == 0 ? Double.NaN : Arrays.stream(refs).max().getAsDouble();
        StringBuilder sb = new StringBuilder(Prose.capitalise(what)).append(": ");
        if (Double.isFinite(here) && Double.isFinite(rest)) {
            double d = here - rest;
            sb.append(String.format(Locale.ROOT, "%s %s here against %s %s over the rest of the song (%s %s)",
                    Clock.db(here), unit, Clock.db(rest), unit, ScopeCheck.signedDb(d), unit));
        } else if (Double.isFinite(rest)) {
            sb.append(String.format(Locale.ROOT, "%s %s over the song", Clock.db(rest), unit));
        } else {
            sb.append("not measurable in this version");
        }
        if (Double.isFinite(refMin)) {
            sb.append(refMin == refMax ? String.format(Locale.ROOT, "; your reference: %s %s", Clock.db(refMin), unit)
                    : String.format(Locale.ROOT, "; your references: %s to %s %s", Clock.db(refMin), Clock.db(refMax), unit));
        }
        return new Reading(e, what, here, rest, refMin, refMax, unit, sb.append('.').toString(), null);
    }
}
