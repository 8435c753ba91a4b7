package dev.signoff.analysis.diff;

import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Prose;
import dev.signoff.analysis.quiet.QuietPassage;
import dev.signoff.analysis.quiet.QuietPassageFinder;
import dev.signoff.analysis.sections.Section;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Describes what changed between two aligned versions as a list of {@link Change}s, from the
 * measurements of the comparison pass.
 *
 * <p>Where a change happens: the song's sections (found in the new version,
 * {@link dev.signoff.analysis.sections.SectionFinder}) are cut into parts of at most
 * {@value #PART_S} s; stops are left out. For each quantity (the level, each 1/3-octave band's tonal
 * change, the balance, the width) the whole song's value and each part's value are compared:
 * <ul>
 *   <li>when every part is within its tolerance of the whole song's value the change is the whole
 *       song's;</li>
 *   <li>otherwise the baseline is the duration-weighted median of the parts (what most of the music
 *       did: no change, when only the choruses changed and they are less than half the song), and
 *       parts further from the baseline than their tolerance carry a local change of the difference.</li>
 * </ul>
 * A part's tolerance is the larger of the kind's reporting floor and {@value #SE_FACTOR} standard
 * errors of the part's value (its step-to-step spread over the root of the number of steps), so
 * only what stands above measurement noise is reported. Local changes of the same sign, similar
 * size and (for tonal changes) overlapping frequency ranges are grouped over the parts, and each
 * group's size is measured again over all of its parts together.
 *
 * <p>Reporting floors (docs/diff.md gives the reasons): level {@value #LEVEL_MIN_DB} dB, a tonal
 * range {@value #TONAL_MIN_DB} dB at its peak, balance {@value #BALANCE_MIN_DB} dB, width
 * {@value #WIDTH_MIN_DB} dB; local changes must cover at least {@value #MIN_SPAN_S} s of music.
 * Each change also says whether it reaches the just-noticeable difference ({@link Audibility}).
 */
final class ChangeFinder {
    static final double LEVEL_MIN_DB = 0.2, TONAL_MIN_DB = 0.5, BALANCE_MIN_DB = 0.3, WIDTH_MIN_DB = 0.5;
    static final double SE_FACTOR = 3;
    static final double PART_S = 8, MIN_SPAN_S = 2;
    /**
     * Left out at each section's edges, s: a boundary is found to within an STFT frame (0.17 s) and
     * sounds decay across it, so a change confined to the choruses would otherwise leak into the first
     * moments of the next section.
     */
    static final double EDGE_S = 0.3;
    /** A channel whose old and new versions correlate below minus this is polarity-inverted; above it, not. */
    static final double POLARITY_CORRELATION = 0.3;
    /** Noise: at most this far under the loud level of the song (as for STOP_NOISE). */
    static final double NOISE_BELOW_LOUD_DB = 70;
    /** Noise: at least this share of what is heard at that moment, dB. */
    static final double NOISE_RELATIVE_DB = -25;
    /** Noise: the flatness of the unexplained part at least this. */
    static final double NOISE_FLATNESS = 0.8;
    /** Noise in more than this share of the music windows, steady and flat, runs through the whole song. */
    static final double NOISE_THROUGHOUT_SHARE = 0.6;
    /** Noise through the whole song: its median flatness at least this... */
    static final double NOISE_THROUGHOUT_FLATNESS = 0.9;
    /** ...and its level steady, its window-to-window spread at most this, dB (hiss is stationary). */
    static final double NOISE_THROUGHOUT_SPREAD_DB = 3;
    /** Noise through the whole song that stands out nowhere and is this far under the music is not audible, dB. */
    static final double NOISE_MASKED_DB = 60;
    /** Head or tail differences shorter than this are not reported. */
    static final double MIN_TIMING_S = 0.01;

    private final DiffGrid grid;
    private final double offsetS;
    /** The new version's end: no span is placed past it. */
    private final double endS;
    private final List<Part> parts;
    private final Where where;

    /**
     * A stretch of music the changes are localised to, on the shared timeline, and the stretch it
     * stands for when said (a section's edge margins included).
     */
    private record Part(double startS, double endS, boolean[] mask, double shownStartS, double shownEndS) {}

    /**
     * @param grid     the measurements, step by step on the shared timeline
     * @param sections the new version's sections on the shared timeline (may be empty)
     * @param newTimeSections the same on the new version's timeline, for the wording
     * @param offsetS  what to add to a shared-timeline time to get the new version's time
     */
    ChangeFinder(DiffGrid grid, List<Section> sections, List<Section> newTimeSections, double offsetS, double endS) {
        this.endS = endS;
        this.grid = grid;
        this.offsetS = offsetS;
        List<Part> p = new ArrayList<>();
        for (Section s : sections) if (!s.quiet() && s.durationS() > 4 * EDGE_S) addParts(p, s.startS(), s.endS(), EDGE_S);
        if (p.isEmpty()) addParts(p, 0, grid.steps * grid.stepS, 0);
        parts = List.copyOf(p);
        where = new Where(newTimeSections);
    }

    /** Cuts [start, end) less {@code margin} at each end into parts of at most {@value #PART_S} s. */
    private void addParts(List<Part> out, double start, double end, double margin) {
        double from = start + margin, to = end - margin;
        int n = Math.max(1, (int) Math.ceil((to - from) / PART_S - 1e-9));
        for (int i = 0; i < n; i++) {
            double a = from + (to - from) * i / n, b = from + (to - from) * (i + 1) / n;
            out.add(new Part(a, b, grid.mask(a, b), i == 0 ? start : a, i == n - 1 ? end : b));
        }
    }

    // ------------------------------------------------------------------ level

    /** The whole song's level change (the gain the comparison takes out), dB. */
    double songLevelDb() {
        return grid.levelDb(grid.all());
    }

    /** The level change of the whole song once local changes are set apart (0 when only passages changed); NaN before {@link #level}. */
    double levelBaselineDb = Double.NaN;

    List<Change> level(double louderOldLufs, double louderNewLufs) {
        double song = songLevelDb();
        double[] values = new double[parts.size()], se = new double[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            values[i] = grid.levelDb(parts.get(i).mask);
            se[i] = grid.levelSe(parts.get(i).mask);
        }
        Localised l = localise(song, values, se, LEVEL_MIN_DB);
        levelBaselineDb = l.baseline;
        List<Change> out = new ArrayList<>();
        if (Double.isFinite(l.baseline) && Math.abs(l.baseline) >= LEVEL_MIN_DB) {
            List<Span> spans = baselineSpans(l);
            String msg = spans.isEmpty()
                    ? String.format(Locale.ROOT, "The whole mix is %s dB %s%s",
                    Clock.db(Math.abs(l.baseline)), l.baseline > 0 ? "louder" : "quieter", integrated(l.baseline, louderOldLufs, louderNewLufs))
                    : String.format(Locale.ROOT, "The mix is %s dB %s, %s.", Clock.db(Math.abs(l.baseline)), l.baseline > 0 ? "louder" : "quieter", where.describe(spans));
            out.add(change(ChangeKind.LEVEL, null, null, null, spans, l.baseline, null, msg));
        }
        for (Group g : groups(l.deviation)) {
            boolean[] mask = g.mask(grid.steps);
            double db = grid.levelDb(mask) - l.baseline;
            if (!(Math.abs(db) >= LEVEL_MIN_DB) || grid.measuredSeconds(mask) < MIN_SPAN_S) continue;
            List<Span> spans = spans(g);
            String msg = String.format(Locale.ROOT, "The mix is %s dB %s, %s.", Clock.db(Math.abs(db)), db > 0 ? "louder" : "quieter", where.describe(spans));
            out.add(change(ChangeKind.LEVEL, null, null, null, spans, db, null, msg));
        }
        return out;
    }

    /**
     * The integrated loudness beside the level change: in brackets when it moves the same way as
     * printed; otherwise (a tonal change outweighs the level, as a boosted low end does) in a
     * clause of its own that says so, never "quieter" beside a rising loudness.
     */
    private static String integrated(double levelDb, double oldLufs, double newLufs) {
        String older = Clock.db(oldLufs), newer = Clock.db(newLufs);
        double moved = Double.parseDouble(newer) - Double.parseDouble(older);
        if (Math.signum(moved) == Math.signum(levelDb)) return String.format(Locale.ROOT, " (integrated %s -> %s LUFS over the shared part).", older, newer);
        if (moved == 0) return String.format(Locale.ROOT, ", all frequencies alike; with the tonal changes its integrated loudness stays at %s LUFS over the shared part.", newer);
        return String.format(Locale.ROOT, ", all frequencies alike; with the tonal changes its integrated loudness %s from %s to %s LUFS over the shared part.",
                moved > 0 ? "rises" : "falls", older, newer);
    }

    // ------------------------------------------------------------------ tonal

    List<Change> tonal() {
        boolean[] all = grid.all();
        double[] song = grid.tonalDb(all), songSe = grid.tonalSe(all);
        int bands = grid.bands, n = parts.size();
        double[][] partValues = new double[n][], partSe = new double[n][];
        for (int i = 0; i < n; i++) {
            partValues[i] = grid.tonalDb(parts.get(i).mask);
            partSe[i] = grid.tonalSe(parts.get(i).mask);
        }
        double[] baseline = new double[bands];
        double[][] deviation = new double[n][bands];
        Localised[] perBand = new Localised[bands];
        for (int b = 0; b < bands; b++) {
            double[] v = new double[n], s = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = partValues[i][b];
                s[i] = partSe[i][b];
            }
            Localised l = Double.isFinite(song[b]) ? localise(song[b], v, s, TONAL_MIN_DB) : null;
            perBand[b] = l;
            baseline[b] = l == null ? Double.NaN : l.baseline;
            for (int i = 0; i < n; i++) deviation[i][b] = l == null ? Double.NaN : l.deviation[i];
        }
        List<Change> out = new ArrayList<>();
        for (BandRanges.Range r : BandRanges.find(grid.centre, grid.lo, grid.hi, baseline, TONAL_MIN_DB)) {
            int peakBand = nearestBand(r.peakHz());
            if (Double.isFinite(songSe[peakBand]) && Math.abs(r.peakDb()) < SE_FACTOR * songSe[peakBand]) continue;
            out.add(tonalChange(r, perBand[peakBand] == null ? List.of() : baselineSpans(perBand[peakBand])));
        }
        // Local ranges, part by part, then grouped across parts.
        List<Local> locals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (BandRanges.Range r : BandRanges.find(grid.centre, grid.lo, grid.hi, deviation[i], TONAL_MIN_DB)) locals.add(new Local(i, r.peakDb(), r));
        }
        for (Group g : groupLocals(locals)) {
            boolean[] mask = g.mask(grid.steps);
            if (grid.measuredSeconds(mask) < MIN_SPAN_S) continue;
            double[] d = grid.tonalDb(mask);
            for (int b = 0; b < bands; b++) d[b] = Double.isFinite(baseline[b]) ? d[b] - baseline[b] : Double.NaN;
            BandRanges.Range best = null;
            double bestOverlap = 0;
            for (BandRanges.Range r : BandRanges.find(grid.centre, grid.lo, grid.hi, d, TONAL_MIN_DB)) {
                if ((r.peakDb() > 0) != (g.sign > 0)) continue;
                double overlap = logOverlap(r.loHz(), r.hiHz(), g.loHz, g.hiHz);
                if (overlap > bestOverlap) {
                    bestOverlap = overlap;
                    best = r;
                }
            }
            if (best == null) continue;
            Change c = tonalChange(best, spans(g));
            // Two groups can come out as the same range once measured over their parts together.
            if (out.stream().noneMatch(x -> x.spans().equals(c.spans()) && x.freqLoHz().equals(c.freqLoHz()) && x.freqHiHz().equals(c.freqHiHz()))) out.add(c);
        }
        return out;
    }

    private Change tonalChange(BandRanges.Range r, List<Span> spans) {
        String range;
        Double lo = r.loHz(), hi = r.hiHz();
        if (r.openBelow() && r.openAbove()) range = "across the spectrum";
        else if (r.openBelow()) range = "below " + Hz.format(r.hiHz());
        else if (r.openAbove()) range = "above " + Hz.format(r.loHz());
        else range = "at " + Hz.range(r.loHz(), r.hiHz()) + " (most at " + Hz.format(r.peakHz()) + ")";
        String msg = Clock.signedDb(r.peakDb()) + " dB " + range + ", " + where.describe(spans) + ".";
        return change(ChangeKind.TONAL, lo, hi, r.peakHz(), spans, r.peakDb(), null, msg);
    }

    private int nearestBand(double hz) {
        int best = 0;
        for (int b = 1; b < grid.bands; b++) if (Math.abs(Math.log(grid.centre[b] / hz)) < Math.abs(Math.log(grid.centre[best] / hz))) best = b;
        return best;
    }

    static double logOverlap(double aLo, double aHi, double bLo, double bHi) {
        double lo = Math.max(aLo, bLo), hi = Math.min(aHi, bHi);
        if (hi <= lo) return 0;
        double narrower = Math.min(Math.log(aHi / aLo), Math.log(bHi / bLo));
        return narrower <= 0 ? 0 : Math.log(hi / lo) / narrower;
    }

    // ------------------------------------------------------------------ balance and width

    List<Change> balance() {
        double song = grid.balanceDb(grid.all());
        double[] v = new double[parts.size()], se = new double[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            v[i] = grid.balanceDb(parts.get(i).mask);
            se[i] = grid.balanceSe(parts.get(i).mask);
        }
        if (!Double.isFinite(song)) return List.of();
        Localised l = localise(song, v, se, BALANCE_MIN_DB);
        List<Change> out = new ArrayList<>();
        if (Math.abs(l.baseline) >= BALANCE_MIN_DB) out.add(balanceChange(l.baseline, baselineSpans(l)));
        for (Group g : groups(l.deviation)) {
            boolean[] mask = g.mask(grid.steps);
            double db = grid.balanceDb(mask) - l.baseline;
            if (Math.abs(db) >= BALANCE_MIN_DB && grid.measuredSeconds(mask) >= MIN_SPAN_S) out.add(balanceChange(db, spans(g)));
        }
        return out;
    }

    private Change balanceChange(double db, List<Span> spans) {
        String msg = String.format(Locale.ROOT, "The balance moves %s dB toward the %s, %s.", Clock.db(Math.abs(db)), db > 0 ? "left" : "right", where.describe(spans));
        return change(ChangeKind.BALANCE, null, null, null, spans, db, null, msg);
    }

    /**
     * Width: the median change over the stereo bands, localised like the level; over the whole song
     * the bands are also compared one by one, and when some moved differently from the rest (the low
     * end made mono, say) the change is given per run of bands that moved alike.
     */
    List<Change> width() {
        double song = grid.widthDb(grid.all());
        if (!Double.isFinite(song)) return List.of();
        double[] v = new double[parts.size()], se = new double[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            v[i] = grid.widthDb(parts.get(i).mask);
            se[i] = grid.widthSe(parts.get(i).mask);
        }
        Localised l = localise(song, v, se, WIDTH_MIN_DB);
        List<Change> out = new ArrayList<>();
        double[] perBand = grid.widthBandsDb(grid.all());
        double[] edges = grid.stereoEdges;
        List<double[]> bands = new ArrayList<>();   // {lo, hi, change}
        boolean agree = true;
        for (int b = 0; b < perBand.length; b++) {
            if (!Double.isFinite(perBand[b])) continue;
            bands.add(new double[]{Math.max(20, edges[b]), Math.min(20_000, edges[b + 1]), perBand[b]});
            if (Math.abs(perBand[b] - l.baseline) > Math.max(WIDTH_MIN_DB, Audibility.WIDTH_JND_DB)) agree = false;
        }
        if (agree || bands.isEmpty()) {
            if (Math.abs(l.baseline) >= WIDTH_MIN_DB) out.add(widthChange(null, null, l.baseline, baselineSpans(l)));
        } else {
            int i = 0;
            while (i < bands.size()) {
                double d = bands.get(i)[2];
                int j = i;
                while (j + 1 < bands.size() && similar(bands.get(j + 1)[2], d)) j++;
                double sum = 0;
                for (int k = i; k <= j; k++) sum += bands.get(k)[2];
                double mean = sum / (j - i + 1);
                boolean all = i == 0 && j == bands.size() - 1;
                if (Math.abs(mean) >= WIDTH_MIN_DB) out.add(widthChange(all ? null : bands.get(i)[0], all ? null : bands.get(j)[1], mean, List.of()));
                i = j + 1;
            }
        }
        for (Group g : groups(l.deviation)) {
            boolean[] mask = g.mask(grid.steps);
            double db = grid.widthDb(mask) - l.baseline;
            if (Math.abs(db) >= WIDTH_MIN_DB && grid.measuredSeconds(mask) >= MIN_SPAN_S) out.add(widthChange(null, null, db, spans(g)));
        }
        return out;
    }

    private Change widthChange(Double lo, Double hi, double db, List<Span> spans) {
        String subject = lo == null ? "The side signal"
                : (lo <= 20 ? "Below " + Hz.format(hi) : hi >= 20_000 ? "Above " + Hz.format(lo) : "At " + Hz.range(lo, hi)) + ", the side signal";
        String msg = String.format(Locale.ROOT, "%s is %s dB against the mid (%s), %s.", subject, Clock.signedDb(db), db > 0 ? "wider" : "narrower", where.describe(spans));
        return change(ChangeKind.WIDTH, lo, hi, null, spans, db, null, msg);
    }

    // ------------------------------------------------------------------ polarity

    /**
     * Polarity from the per-channel correlation of old and new (the whole shared part): both
     * channels below -{@value #POLARITY_CORRELATION}, the whole mix is inverted; one, that channel.
     * Channels that correlate across (old left with new right and vice versa) better than with
     * themselves are swapped, reported as a balance change.
     *
     * @param correlation     per channel, old against new
     * @param swapped         per channel, old against the new version's other channel
     * @param balanceDb       the new version's balance change (for the swapped message)
     */
    List<Change> polarity(double[] correlation, double[] swapped) {
        List<Change> out = new ArrayList<>();
        boolean leftInverted = correlation[0] < -POLARITY_CORRELATION, rightInverted = correlation[1] < -POLARITY_CORRELATION;
        boolean leftSame = correlation[0] > POLARITY_CORRELATION, rightSame = correlation[1] > POLARITY_CORRELATION;
        if (leftInverted && rightInverted) {
            out.add(new Change(ChangeKind.POLARITY, null, null, null, List.of(), null, null, "whole song",
                    "The whole mix is polarity-inverted. Nobody hears that on its own, but the versions no longer null and it sums the other way with anything played alongside.",
                    false));
        } else if ((leftInverted && rightSame) || (rightInverted && leftSame)) {
            String side = leftInverted ? "left" : "right";
            out.add(new Change(ChangeKind.POLARITY, null, null, null, List.of(), null, null, "whole song",
                    "The " + side + " channel's polarity is inverted: centred parts (kick, bass, vocal) now cancel in mono and sound hollow on headphones.",
                    true));
        }
        if (Math.abs(swapped[0]) > 0.5 && Math.abs(swapped[1]) > 0.5 && Math.abs(swapped[0]) > Math.abs(correlation[0]) + 0.2
                && Math.abs(swapped[1]) > Math.abs(correlation[1]) + 0.2) {
            out.add(new Change(ChangeKind.BALANCE, null, null, null, List.of(), null, null, "whole song",
                    "Left and right are swapped: what was on the left is now on the right.", true));
        }
        return out;
    }

    boolean oneChannelInverted(double[] correlation) {
        return (correlation[0] < -POLARITY_CORRELATION) != (correlation[1] < -POLARITY_CORRELATION);
    }

    // ------------------------------------------------------------------ noise

    /**
     * Noise from the {@link NoiseScan}, looked for in each version: the new version's part that no
     * linear change of the old one explains, and the old version's part that no linear change of the
     * new one explains. In a version, a window is noisy when that part is (1) within
     * {@value #NOISE_BELOW_LOUD_DB} dB of the version's loud level (the 95th percentile of its window
     * levels in the same range), (2) no more than {@value #NOISE_RELATIVE_DB} dB under everything the
     * version has in that window, and (3) flat (flatness at least {@value #NOISE_FLATNESS}). Runs of
     * windows noisy in either version, bridging single gaps, are passages. The margins were set on the
     * test songs: a +6 dB EQ move leaves an unexplained part at most about 35 dB under the music with
     * flatness up to 0.9 in a few windows around transients, white noise 20 dB under the music reads
     * -20 dB and 0.96 or more.
     *
     * <p>Noise that meets (1) in more than {@value #NOISE_THROUGHOUT_SHARE} of the music windows
     * with a median flatness of at least {@value #NOISE_THROUGHOUT_FLATNESS} and a level steady
     * within {@value #NOISE_THROUGHOUT_SPREAD_DB} dB (hiss is stationary; what a changed mix leaves
     * over moves with the music) runs through the whole song: it is reported once, naming the
     * passages where it stands out.
     *
     * <p>Which way it went ({@link #direction}): where the music hides the noise, both versions leave
     * about the noise's power unexplained, whichever holds it; where it stands out, only the version
     * that holds it does. So the version whose unexplained part is the larger, over the windows where
     * noise stands out in either, holds the noise (the other's is compared at the new version's
     * level, the median level change of the windows).
     *
     * @param offsetS added to shared-timeline times to give the new version's
     */
    static List<Change> noise(NoiseScan scan, double offsetS, double endS) {
        int n = scan.windows();
        if (n == 0) return List.of();
        NoiseSide newer = NoiseSide.of(scan.residualDb(), scan.newDb(), scan.flatness());
        NoiseSide older = NoiseSide.of(scan.oldResidualDb(), scan.oldDb(), scan.oldFlatness());
        if (newer == null && older == null) return List.of();
        double[] step = new double[n];
        for (int w = 0; w < n; w++) step[w] = scan.newDb()[w] - scan.oldDb()[w];
        double gainDb = DiffGrid.median(step);
        if (!Double.isFinite(gainDb)) gainDb = 0;
        double ws = scan.windowS();
        String range = "above " + Hz.format(scan.loHz());
        List<Change> out = new ArrayList<>();
        boolean[] all = new boolean[n];
        Arrays.fill(all, true);
        if ((newer != null && newer.throughout()) || (older != null && older.throughout())) {
            NoiseDirection d = direction(scan, newer, older, all, gainDb);
            if (d == null) return out;
            NoiseSide strong = d.inNew() ? newer : older;
            List<String> where = new ArrayList<>();
            // The last window may run past the song's end: a passage ends with the song.
            for (int[] r : runs(strong.noisy)) where.add(Clock.range(r[0] * ws + offsetS, Math.min((r[1] + 1) * ws + offsetS, endS)));
            String places = Prose.list(where.subList(0, Math.min(4, where.size()))) + (where.size() > 4 ? " and " + (where.size() - 4) + " more" : "");
            String passages = where.size() == 1 ? "in the quiet passage at " : "in the quiet passages at ";
            double level = powerMeanDb(strong.residualDb, strong.present);
            double musicDb = powerMeanDb(strong.levelDb, strong.present);
            String msg = switch (d.direction()) {
                case ADDED -> String.format(Locale.ROOT, "Noise at %s dBFS (%s) runs through the whole new version, %s dB under the music%s.",
                        Clock.db(level), range, Clock.db(musicDb - level), where.isEmpty() ? "; the music masks it" : " and stands out " + passages + places);
                case REMOVED -> String.format(Locale.ROOT, "The noise at %s dBFS (%s) that ran through the whole old version, %s dB under the music, is gone%s.",
                        Clock.db(level), range, Clock.db(musicDb - level), where.isEmpty() ? "" : "; it stood out " + passages + places);
                case LOUDER, QUIETER -> String.format(Locale.ROOT, "The noise (%s) that runs through the whole song is %s dB %s: %s dBFS against %s dBFS in the old version%s.",
                        range, Clock.db(Math.abs(d.newDbfs() - d.oldDbfs())), d.direction() == NoiseChange.Direction.LOUDER ? "louder" : "quieter",
                        Clock.db(d.newDbfs()), Clock.db(d.oldDbfs()), where.isEmpty() ? "" : ", heard " + passages + places);
            };
            NoiseChange nc = d.withLevel(level, closestToMusicDb(strong, strong.present));
            // Masked everywhere and far under the music (dither, a converter's floor): nothing a listener hears.
            boolean audible = !where.isEmpty() || musicDb - level < NOISE_MASKED_DB;
            out.add(new Change(ChangeKind.NOISE, scan.loHz(), scan.hiHz(), null, List.of(), nc.levelDbfs(), null, "whole song", msg, audible, nc));
            return out;
        }
        boolean[] noisy = new boolean[n];
        for (int w = 0; w < n; w++) noisy[w] = (newer != null && newer.noisy[w]) || (older != null && older.noisy[w]);
        for (int[] r : runs(noisy)) {
            double start = r[0] * ws, end = Math.min((r[1] + 1) * ws, endS - offsetS);
            boolean[] in = new boolean[n];
            for (int w = r[0]; w <= r[1]; w++) in[w] = noisy[w];
            NoiseDirection d = direction(scan, newer, older, in, gainDb);
            if (d == null) continue;
            NoiseSide strong = d.inNew() ? newer : older;
            boolean[] own = new boolean[n];
            for (int w = r[0]; w <= r[1]; w++) own[w] = strong.noisy[w];
            // The holder's own noisy windows may lie just outside the run (it was found noisy by the other version): read the whole run.
            boolean[] read = Double.isFinite(powerMeanDb(strong.residualDb, own)) ? own : in;
            double level = powerMeanDb(strong.residualDb, read);
            if (!Double.isFinite(level)) continue;
            List<Span> spans = List.of(new Span(start + offsetS, end + offsetS));
            String at = String.format(Locale.ROOT, "A %s s passage at %s", Clock.db(end - start), Clock.format(start + offsetS));
            String msg = switch (d.direction()) {
                case ADDED -> {
                    double old = powerMeanDb(scan.oldDb(), own);
                    String before = !Double.isFinite(old) || old < level - 20 ? "where the old version was silent" : "that the old version does not have";
                    yield String.format(Locale.ROOT, "%s now contains noise at %s dBFS (%s), %s.", at, Clock.db(level), range, before);
                }
                case REMOVED -> String.format(Locale.ROOT, "%s no longer contains the noise at %s dBFS (%s) that the old version has there.", at, Clock.db(level), range);
                case LOUDER, QUIETER -> String.format(Locale.ROOT, "%s holds noise %s dB %s than before: %s dBFS (%s) against %s dBFS in the old version.",
                        at, Clock.db(Math.abs(d.newDbfs() - d.oldDbfs())), d.direction() == NoiseChange.Direction.LOUDER ? "louder" : "quieter",
                        Clock.db(d.newDbfs()), range, Clock.db(d.oldDbfs()));
            };
            NoiseChange nc = d.withLevel(level, closestToMusicDb(strong, read));
            out.add(new Change(ChangeKind.NOISE, scan.loHz(), scan.hiHz(), null, spans, nc.levelDbfs(), null, Clock.range(start + offsetS, end + offsetS), msg, true, nc));
        }
        return out;
    }

    /** Noise stands out in the version that holds it where its unexplained part is within this of all it has there, dB. */
    static final double NOISE_DOMINATES_DB = -6;
    /** Noise in both versions whose levels differ by less than this is the same noise: no change, dB. */
    static final double NOISE_SAME_DB = Audibility.LEVEL_JND_DB;

    /**
     * One version's unexplained part, window by window, judged as noise.
     *
     * @param residualDb its unexplained part's level
     * @param levelDb    everything it has in the same range
     * @param flatness   the unexplained part's flatness
     * @param present    within {@value #NOISE_BELOW_LOUD_DB} dB of the version's loud level
     * @param noisy      present, flat and no more than {@value #NOISE_RELATIVE_DB} dB under the version there
     * @param music      how many windows the version has anything in
     */
    private record NoiseSide(double[] residualDb, double[] levelDb, double[] flatness, boolean[] present, boolean[] noisy, int music) {

        /** The side, or null when the version is silent throughout. */
        static NoiseSide of(double[] residualDb, double[] levelDb, double[] flatness) {
            int n = residualDb.length;
            double[] levels = Arrays.stream(levelDb).filter(Double::isFinite).sorted().toArray();
            if (levels.length == 0) return null;
            double loud = levels[(int) Math.floor(0.95 * (levels.length - 1))];
            double floor = Math.max(-100, loud - NOISE_BELOW_LOUD_DB);
            boolean[] present = new boolean[n], noisy = new boolean[n];
            for (int w = 0; w < n; w++) {
                double r = residualDb[w];
                present[w] = Double.isFinite(r) && r >= floor;
                noisy[w] = present[w] && flatness[w] >= NOISE_FLATNESS && r - levelDb[w] >= NOISE_RELATIVE_DB;
            }
            return new NoiseSide(residualDb, levelDb, flatness, present, noisy, levels.length);
        }

        boolean throughout() {
            int count = 0;
            for (boolean p : present) if (p) count++;
            return music > 0 && count > NOISE_THROUGHOUT_SHARE * music && steadyAndFlat(this);
        }

        /** Whether the noise is most of what the version has in window {@code w}. */
        boolean dominates(int w) {
            return present[w] && residualDb[w] - levelDb[w] >= NOISE_DOMINATES_DB;
        }
    }

    /**
     * Which version holds the noise and how much each has, or null when both hold the same.
     *
     * @param inNew   the new version holds it (or more of it)
     * @param oldDbfs the old version's level where both have it (LOUDER, QUIETER), else null
     * @param newDbfs the new version's
     */
    private record NoiseDirection(NoiseChange.Direction direction, boolean inNew, Double oldDbfs, Double newDbfs) {
        /** The change's data, {@code level} being the holding version's level when only one has it, {@code underMusicDb} how far under its music. */
        NoiseChange withLevel(double level, double underMusicDb) {
            Double under = Double.isFinite(underMusicDb) ? underMusicDb : null;
            return switch (direction) {
                case ADDED -> new NoiseChange(direction, null, level, null, under);
                case REMOVED -> new NoiseChange(direction, level, null, null, under);
                default -> new NoiseChange(direction, oldDbfs, newDbfs, null, under);
            };
        }
    }

    /**
     * Which way the noise in windows {@code in} went. The evidence is the windows in it where either version is
     * noisy (all of them present when none is): there the version whose unexplained part is the larger, the old
     * one's raised by {@code gainDb}, holds the noise. The other version has noise of its own when, in the windows
     * where the holding version's noise is most of what it has (a stop), the other's unexplained part is noise too
     * (leakage from the holder is then the other version's quiet music or nothing); then both levels are read there.
     */
    private static NoiseDirection direction(NoiseScan scan, NoiseSide newer, NoiseSide older, boolean[] in, double gainDb) {
        int n = in.length;
        boolean[] evidence = new boolean[n];
        boolean any = false;
        for (int w = 0; w < n; w++) {
            evidence[w] = in[w] && ((newer != null && newer.noisy[w]) || (older != null && older.noisy[w]));
            any |= evidence[w];
        }
        if (!any) for (int w = 0; w < n; w++) evidence[w] = in[w] && ((newer != null && newer.present[w]) || (older != null && older.present[w]));
        double ln = newer == null ? Double.NaN : powerMeanDb(newer.residualDb, and(evidence, newer.present));
        double lo = older == null ? Double.NaN : powerMeanDb(older.residualDb, and(evidence, older.present));
        if (!Double.isFinite(ln) && !Double.isFinite(lo)) return null;
        boolean inNew = !Double.isFinite(lo) || (Double.isFinite(ln) && ln - gainDb > lo);
        NoiseSide strong = inNew ? newer : older, weak = inNew ? older : newer;
        boolean[] both = new boolean[n];
        int dominated = 0, shared = 0;
        for (int w = 0; w < n; w++) {
            if (!in[w] || !strong.dominates(w)) continue;
            dominated++;
            if (weak != null && weak.noisy[w]) {
                both[w] = true;
                shared++;
            }
        }
        if (dominated == 0 || 2 * shared < dominated) {
            return new NoiseDirection(inNew ? NoiseChange.Direction.ADDED : NoiseChange.Direction.REMOVED, inNew, null, null);
        }
        double newDb = powerMeanDb(newer.residualDb, both), oldDb = powerMeanDb(older.residualDb, both);
        if (Math.abs(newDb - gainDb - oldDb) < NOISE_SAME_DB) return null;
        return new NoiseDirection(newDb - gainDb > oldDb ? NoiseChange.Direction.LOUDER : NoiseChange.Direction.QUIETER, inNew, oldDb, newDb);
    }

    /**
     * How far the unexplained part lies under the version's music where it comes closest to it, over the
     * windows {@code in}, dB; NaN when none has both.
     */
    private static double closestToMusicDb(NoiseSide side, boolean[] in) {
        double min = Double.NaN;
        for (int w = 0; w < in.length; w++) {
            double gap = side.levelDb[w] - side.residualDb[w];
            if (in[w] && Double.isFinite(gap) && !(gap >= min)) min = gap;
        }
        return min;
    }

    private static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i] && b[i];
        return out;
    }

    private static boolean steadyAndFlat(NoiseSide side) {
        int n = side.present.length;
        double[] f = new double[n], r = new double[n];
        for (int w = 0; w < n; w++) {
            f[w] = side.present[w] ? side.flatness[w] : Double.NaN;
            r[w] = side.present[w] ? side.residualDb[w] : Double.NaN;
        }
        double[] level = Arrays.stream(r).filter(Double::isFinite).toArray();
        double mean = Arrays.stream(level).average().orElse(Double.NaN), ss = 0;
        for (double x : level) ss += (x - mean) * (x - mean);
        double spread = level.length < 2 ? 0 : Math.sqrt(ss / (level.length - 1));
        return DiffGrid.median(f) >= NOISE_THROUGHOUT_FLATNESS && spread <= NOISE_THROUGHOUT_SPREAD_DB;
    }

    /**
     * Mains hum, from each version's stops as {@code check} reads them ({@link QuietPassageFinder}):
     * where both versions have a stop at the same place (overlapping by at least half the shorter),
     * hum in one and not the other was added or removed; in both, it changed by the difference of
     * their levels when that is at least {@value #NOISE_SAME_DB} dB. A stop is where hum is heard
     * and measured free of the music; under the music the bass hides it.
     *
     * @param older   the old version's stops on the shared timeline
     * @param newer   the new version's
     * @param offsetS added to shared-timeline times to give the new version's
     */
    static List<Change> hum(List<QuietPassage> older, List<QuietPassage> newer, double offsetS) {
        List<Change> out = new ArrayList<>();
        for (QuietPassage p : newer) {
            for (QuietPassage q : older) {
                double overlap = Math.min(p.endS(), q.endS()) - Math.max(p.startS(), q.startS());
                if (overlap < 0.5 * Math.min(p.endS() - p.startS(), q.endS() - q.startS())) continue;
                boolean inOld = Double.isFinite(q.humDbfs()), inNew = Double.isFinite(p.humDbfs());
                if (!inOld && !inNew) continue;
                NoiseChange.Direction direction;
                if (inOld && inNew) {
                    if (Math.abs(p.humDbfs() - q.humDbfs()) < NOISE_SAME_DB) continue;
                    direction = p.humDbfs() > q.humDbfs() ? NoiseChange.Direction.LOUDER : NoiseChange.Direction.QUIETER;
                } else {
                    direction = inNew ? NoiseChange.Direction.ADDED : NoiseChange.Direction.REMOVED;
                }
                double hz = inNew ? p.humHz() : q.humHz();
                double start = Math.min(p.startS(), q.startS()) + offsetS, end = Math.max(p.endS(), q.endS()) + offsetS;
                String stop = "the stop at " + Clock.range(start, end);
                NoiseChange nc = new NoiseChange(direction, inOld ? q.humDbfs() : null, inNew ? p.humDbfs() : null, hz, null);
                String mains = String.format(Locale.ROOT, "%.0f Hz mains hum", hz);
                String msg = switch (direction) {
                    case ADDED -> String.format(Locale.ROOT, "Mains hum at %.0f Hz, %s dBFS, can now be heard in %s, where the old version has none.",
                            hz, Clock.db(p.humDbfs()), stop);
                    case REMOVED -> String.format(Locale.ROOT, "The %s at %s dBFS that the old version has in %s is gone.", mains, Clock.db(q.humDbfs()), stop);
                    case LOUDER, QUIETER -> String.format(Locale.ROOT, "The %s in %s is %s dB %s: %s dBFS against %s dBFS in the old version.",
                            mains, stop, Clock.db(Math.abs(p.humDbfs() - q.humDbfs())), direction == NoiseChange.Direction.LOUDER ? "louder" : "quieter",
                            Clock.db(p.humDbfs()), Clock.db(q.humDbfs()));
                };
                List<Span> spans = List.of(new Span(start, end));
                out.add(new Change(ChangeKind.NOISE, hz, 4 * hz, null, spans, nc.levelDbfs(), null, Clock.range(start, end), msg, true, nc));
            }
        }
        return out;
    }

    /** Runs of true values, single false gaps bridged: {first, last} index pairs. */
    static List<int[]> runs(boolean[] x) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < x.length) {
            if (!x[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < x.length && (x[j + 1] || (j + 2 < x.length && x[j + 2]))) j++;
            while (!x[j]) j--;
            out.add(new int[]{i, j});
            i = j + 1;
        }
        return out;
    }

    private static double powerMeanDb(double[] db, boolean[] mask) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < db.length; i++) {
            if (!mask[i] || !Double.isFinite(db[i])) continue;
            sum += Math.pow(10, db[i] / 10);
            n++;
        }
        return n == 0 || sum == 0 ? Double.NaN : 10 * Math.log10(sum / n);
    }

    // ------------------------------------------------------------------ localising and grouping

    /** A quantity's whole-song baseline and each part's departure from it (0 where within tolerance). */
    private record Localised(double baseline, double[] deviation, boolean[] untouched) {
        boolean anyUntouched() {
            for (boolean u : untouched) if (u) return true;
            return false;
        }
    }

    private Localised localise(double song, double[] values, double[] se, double minDb) {
        int n = values.length;
        double[] tol = new double[n];
        boolean uniform = true, any = false;
        for (int i = 0; i < n; i++) {
            tol[i] = Math.max(minDb, Double.isFinite(se[i]) ? SE_FACTOR * se[i] : 0);
            if (!Double.isFinite(values[i])) continue;
            any = true;
            if (Math.abs(values[i] - song) > tol[i]) uniform = false;
        }
        double[] deviation = new double[n];
        boolean[] untouched = new boolean[n];
        if (uniform || !any) return new Localised(song, deviation, untouched);
        double baseline = weightedMedian(values);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i]) || Math.abs(values[i] - baseline) <= tol[i]) continue;
            // A part where nothing changed, in a song where most parts did (a part that moved, silent
            // in the intro): the change is not there, rather than the opposite change there.
            if (Math.abs(baseline) > tol[i] && Math.abs(values[i]) <= tol[i]) untouched[i] = true;
            else deviation[i] = values[i] - baseline;
        }
        return new Localised(baseline, deviation, untouched);
    }

    private double weightedMedian(double[] values) {
        List<double[]> v = new ArrayList<>();
        double total = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) continue;
            double d = parts.get(i).endS - parts.get(i).startS;
            v.add(new double[]{values[i], d});
            total += d;
        }
        v.sort(Comparator.comparingDouble(x -> x[0]));
        double acc = 0;
        for (double[] x : v) {
            acc += x[1];
            if (acc >= total / 2) return x[0];
        }
        return 0;
    }

    /** Parts that changed together: a sign, a size, a frequency range (for tonal changes) and the parts. */
    private final class Group {
        final int sign;
        double sumDb, loHz, hiHz;
        final List<Integer> members = new ArrayList<>();

        Group(int sign, double loHz, double hiHz) {
            this.sign = sign;
            this.loHz = loHz;
            this.hiHz = hiHz;
        }

        double meanDb() {
            return sumDb / members.size();
        }

        boolean[] mask(int steps) {
            List<boolean[]> masks = new ArrayList<>();
            for (int i : members) masks.add(parts.get(i).mask);
            return DiffGrid.union(masks, steps);
        }
    }

    private record Local(int part, double db, BandRanges.Range range) {}

    /** Whether a departure of {@code db} fits a group of mean {@code mean}: same sign, within 35 % or 1 dB. */
    private static boolean similar(double db, double mean) {
        return Math.signum(db) == Math.signum(mean) && Math.abs(db - mean) <= Math.max(1.0, 0.35 * Math.max(Math.abs(db), Math.abs(mean)));
    }

    /** Groups parts with a non-zero departure of similar size. */
    private List<Group> groups(double[] deviation) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < deviation.length; i++) if (deviation[i] != 0 && Double.isFinite(deviation[i])) order.add(i);
        order.sort(Comparator.comparingDouble(i -> -Math.abs(deviation[i])));
        List<Group> out = new ArrayList<>();
        for (int i : order) {
            Group g = out.stream().filter(x -> similar(deviation[i], x.meanDb())).findFirst().orElse(null);
            if (g == null) {
                g = new Group(deviation[i] > 0 ? 1 : -1, 0, 0);
                out.add(g);
            }
            g.members.add(i);
            g.sumDb += deviation[i];
        }
        return out;
    }

    /** Groups local tonal ranges across parts: same sign, similar size, frequency ranges overlapping by half the narrower. */
    private List<Group> groupLocals(List<Local> locals) {
        List<Local> order = new ArrayList<>(locals);
        order.sort(Comparator.comparingDouble(l -> -Math.abs(l.db)));
        List<Group> out = new ArrayList<>();
        for (Local l : order) {
            Group g = null;
            for (Group x : out) {
                if (similar(l.db, x.meanDb()) && logOverlap(l.range.loHz(), l.range.hiHz(), x.loHz, x.hiHz) >= 0.5 && !x.members.contains(l.part)) {
                    g = x;
                    break;
                }
            }
            if (g == null) {
                g = new Group(l.db > 0 ? 1 : -1, l.range.loHz(), l.range.hiHz());
                out.add(g);
            } else {
                int k = g.members.size();
                g.loHz = Math.exp((Math.log(g.loHz) * k + Math.log(l.range.loHz())) / (k + 1));
                g.hiHz = Math.exp((Math.log(g.hiHz) * k + Math.log(l.range.hiHz())) / (k + 1));
            }
            g.members.add(l.part);
            g.sumDb += l.db;
        }
        return out;
    }

    /** A group's parts as spans on the new version's timeline, neighbouring parts joined. */
    private List<Span> spans(Group g) {
        return spans(g.members);
    }

    /** Where a whole-song change happened: every part but the untouched ones (empty: the whole song). */
    private List<Span> baselineSpans(Localised l) {
        if (!l.anyUntouched()) return List.of();
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) if (!l.untouched[i]) members.add(i);
        return spans(members);
    }

    private List<Span> spans(List<Integer> members) {
        List<Integer> idx = new ArrayList<>(members);
        idx.sort(null);
        List<Span> out = new ArrayList<>();
        for (int i : idx) {
            Part p = parts.get(i);
            double a = p.shownStartS + offsetS, b = Math.min(p.shownEndS + offsetS, endS);
            if (!out.isEmpty() && Math.abs(out.get(out.size() - 1).endS() - a) < 1e-6) {
                out.set(out.size() - 1, new Span(out.get(out.size() - 1).startS(), b));
            } else {
                out.add(new Span(a, b));
            }
        }
        return out;
    }

    private Change change(ChangeKind kind, Double lo, Double hi, Double peak, List<Span> spans, double db, Double shift, String msg) {
        boolean audible = Audibility.index(kind, db, lo, hi, false) >= 1;
        return new Change(kind, lo, hi, peak, spans, db, shift, where.describe(spans), msg, audible);
    }
}
