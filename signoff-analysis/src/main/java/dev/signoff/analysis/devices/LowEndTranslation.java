package dev.signoff.analysis.devices;

import dev.signoff.analysis.devices.BassLineMeter.BassFrames;
import dev.signoff.analysis.devices.KickMeter.Hit;
import dev.signoff.analysis.devices.KickMeter.KickData;
import dev.signoff.analysis.sections.Section;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Kick and bass audibility per section on each device, from what {@link KickMeter} and
 * {@link BassLineMeter} recorded in the decoding pass. One rule underlies both: <b>a part of the
 * sound is audible on a device when it stands out of what else plays at the same frequencies, in
 * a frequency region that the device still plays</b>.
 *
 * <ul>
 *   <li><b>Stands out</b>: the part carries at least as much energy as everything else in its band
 *       at that moment (signal-to-masker ratio 0 dB or more; for the kick, its hit raises the
 *       region's level by at least {@value #STEP_MIN_DB} dB). A sound is just detectable in a
 *       masker of the same band at a signal-to-masker ratio of about -4 to -6 dB (the critical
 *       ratio of a tone in noise, Fletcher 1940, Moore 2012 ch. 3; an intensity increment of
 *       about 1 dB for broadband sound, Miller 1947); 0 dB leaves a margin of 4-6 dB, so that the
 *       part is heard clearly, not just detected. Because a device's filter scales a part and the
 *       rest of its band alike, this is nearly the same on every device; what a device changes is
 *       which regions it plays, and its limiter, which pushes a hit down as it hits.</li>
 *   <li><b>Plays</b>: the device's response at those frequencies is no more than {@value #PLAYS_DB}
 *       dB under its midrange ({@link DeviceModel#response()}). -10 dB is where loudspeaker makers
 *       and reviewers put a speaker's low-frequency extension; a part 10 dB down sounds at most half
 *       as loud (10 phon per doubling of loudness), and below 100 Hz even less, because the
 *       equal-loudness contours crowd together there (ISO 226:2003). For the kick, a region counts
 *       when the bins the device plays hold at least half of what the kick adds to the region on
 *       monitors (the device plays where the kick is, not just the region's edge), and it stands
 *       out when the hits raise those bins by {@value #STEP_MIN_DB} dB in the device's render,
 *       limiter included.</li>
 * </ul>
 *
 * <p><b>Kick</b> (per section, at least {@value #MIN_HITS} hits). For each region
 * ({@link KickRegion}: sub, body, click) and each stream (monitors, each device render), the
 * energy the hits add, bin by bin, is the level that at least 60 % of the section's hits reach
 * ({@value #SHARED_QUANTILE} quantile over the hits of after - before; see {@link KickMeter} for
 * the windows), summed over the region's bins; the masker is what the hits land on, the median
 * over the hits of the region's energy just before them. Taking the added energy per bin across
 * the hits keeps what every hit shares - the kick - and drops what lands on only some of them: a
 * bass note or chord that changes on the beat, a backbeat snare on half of them (the attempts
 * that measured whole bands hit by hit were thrown by exactly these). The kick's figure on a
 * device is the level step (dB) in the best region that the device plays and where the kick
 * stands out; it is <b>lost</b> when the kick stands out on monitors in some region but on the
 * device in none that it plays.
 *
 * <p><b>Bass</b> (per section). A frame holds a bass when its fundamental or second partial stands
 * out (SMR 0 dB or more) and carries at least 1 % (-20 dB) of the frame's power; the section has
 * a bass when at least half its frames do. The bass's partials are those whose median SMR over
 * those frames is 0 dB or more, taken up the harmonic series from the fundamental and stopping
 * at the first two missing in a row (a harmonic sieve, Duifhuis, Willems &amp; Sluyter 1982): a
 * chord tone that happens to sit on a high harmonic of a pure-sine bass is not taken for the
 * bass. On a device, the bass's level in a frame is the power of its partials that the device
 * plays (response at the partial's frequency within {@value #PLAYS_DB} dB of its midrange), times
 * that response; the section's figure is the mean over the bass frames, in dB relative to the
 * section's power on the device. The bass is <b>lost</b> when the section has a bass and the
 * device plays none of its partials in at least three frames out of four
 * ({@value #BASS_KEPT_SHARE}): then the bass line as a whole is gone, not just some of its low
 * notes (a bass that reaches the device on one note in two is thin, and its figure says how thin).
 *
 * <p>Limits: a hi-hat or snare on more than half of the kick hits, or a bass re-struck with every
 * kick, counts as part of the kick; a chordal part that doubles the bass line an octave or two up
 * counts as the bass's harmonics. Both make a kick or bass look more audible than it is: a lost
 * kick or bass can be missed. The other way round, something that masks the kick's click on
 * every hit (a hot "s" on each beat) makes a phone lose the kick, as it does to the ear; and mono
 * devices judge the mono fold-down, in which a bass that differs between the channels partly
 * cancels (LOW_END_STEREO).
 */
public final class LowEndTranslation {
    /** A part stands out when it raises its band by this much (its energy equals the masker's: 0 dB SMR). */
    public static final double STEP_MIN_DB = 3.0;
    /** Bass partials: signal-to-masker ratio in their ERB. */
    public static final double SMR_MIN_DB = 0.0;
    /** A device plays a region when it is at most this far under the device's midrange. */
    public static final double PLAYS_DB = -10.0;
    /**
     * The kick's added energy per bin is the value that this share of the hits stays under (so at
     * least 60 % of the hits reach it): a snare or note that lands on half of the hits (a backbeat
     * over a four-on-the-floor kick) is left out, the kick, on every hit, is kept.
     */
    public static final double SHARED_QUANTILE = 0.4;
    /** A device plays a kick region when the bins it plays hold at least this share of the kick's energy there (on monitors). */
    static final double PLAYED_SHARE = 0.5;
    /** Fewer kick hits than this in a section: no kick figure for it. */
    public static final int MIN_HITS = 6;
    /** The bass is lost when the device plays one of its partials in fewer than this share of the bass frames. */
    public static final double BASS_KEPT_SHARE = 0.25;
    /** Share of a section's frames that must hold a bass. */
    static final double BASS_SHARE = 0.5;
    /** A bass's anchor partial carries at least this share of the frame's power (-20 dB). */
    static final double ANCHOR_SHARE = 0.01;

    /**
     * How the kick and the bass come across in one section on one device.
     *
     * @param kickDb     how far the kick's hits stand out (level step, dB) in the best region the device plays; NaN when the section has no kick or it is lost
     * @param kickRegion that region, or null
     * @param kickLost   the kick stands out on monitors but in no region this device plays
     * @param kickKeptDb for a device: how much of the kick's best region on monitors the device keeps (dB, 0 = all; NaN without a kick)
     * @param bassDb     the level of the bass partials the device plays, dB relative to the section's level on the device; NaN when the section has no bass or it is lost
     * @param bassLost   the section has a bass but the device plays none of its partials in at least three quarters of its frames
     * @param bassTopHz  the typical frequency of the bass's highest partial that stands out (NaN without a bass)
     * @param bassTopResponseDb the device's response at {@code bassTopHz}, dB relative to its midrange (0 on monitors)
     */
    public record SectionLowEnd(double kickDb, KickRegion kickRegion, boolean kickLost, double kickKeptDb,
                                double bassDb, boolean bassLost, double bassTopHz, double bassTopResponseDb) {
        static final SectionLowEnd NONE = new SectionLowEnd(Double.NaN, null, false, Double.NaN, Double.NaN, false, Double.NaN, Double.NaN);
    }

    private LowEndTranslation() {}

    /**
     * @param kick          the kick meter's data, streams in the order of {@code models} after monitors
     * @param bass          the bass line's frames
     * @param sections      the song's sections
     * @param models        the devices, in the kick meter's order
     * @param sectionPower  [stream][section]: mean power of the section on monitors (0) and each device (unweighted, per channel)
     * @return [stream][section]
     */
    static SectionLowEnd[][] of(KickData kick, BassFrames bass, List<Section> sections, List<DeviceModel> models, double[][] sectionPower) {
        int streams = models.size() + 1;
        SectionLowEnd[][] out = new SectionLowEnd[streams][sections.size()];
        List<Hit> hits = kick.loudHits();
        for (int s = 0; s < sections.size(); s++) {
            Section sec = sections.get(s);
            KickFigures k = kickFigures(kick, hits, sec, models);
            BassFigures b = bassFigures(bass, sec, models, sectionPower, s);
            for (int st = 0; st < streams; st++) {
                double response = Double.isNaN(b.topHz) ? Double.NaN : st == 0 ? 0 : models.get(st - 1).response().at(b.topHz);
                out[st][s] = new SectionLowEnd(k.db[st], k.region[st], k.lost[st], k.kept[st], b.db[st], b.lost[st], b.topHz, response);
            }
        }
        return out;
    }

    // ---- kick ----

    private record KickFigures(double[] db, KickRegion[] region, boolean[] lost, double[] kept) {}

    private static KickFigures kickFigures(KickData kick, List<Hit> all, Section sec, List<DeviceModel> models) {
        int streams = models.size() + 1;
        double[] db = new double[streams], kept = new double[streams];
        KickRegion[] region = new KickRegion[streams];
        boolean[] lost = new boolean[streams];
        Arrays.fill(db, Double.NaN);
        Arrays.fill(kept, Double.NaN);
        List<Hit> hits = new ArrayList<>();
        for (Hit h : all) if (h.timeS() >= sec.startS() && h.timeS() < sec.endS()) hits.add(h);
        if (sec.quiet() || hits.size() < MIN_HITS) return new KickFigures(db, region, lost, kept);
        KickRegion[] regions = KickRegion.values();
        // Per stream, region and bin: the device's power response (1 on monitors) and the energy the hits share.
        double[][][] response = new double[streams][regions.length][], added = new double[streams][regions.length][];
        for (int st = 0; st < streams; st++) {
            ResponseCurve curve = st == 0 ? null : models.get(st - 1).response();
            for (KickRegion r : regions) {
                double[] hz = kick.binHz()[r.ordinal()];
                response[st][r.ordinal()] = new double[hz.length];
                for (int b = 0; b < hz.length; b++) response[st][r.ordinal()][b] = curve == null ? 1 : Math.pow(10, curve.at(hz[b]) / 10);
                added[st][r.ordinal()] = sharedAdded(hits, st, r.ordinal(), response[st][r.ordinal()]);
            }
        }
        // Monitors: the best region where the kick stands out.
        KickRegion best = null;
        double bestStep = Double.NEGATIVE_INFINITY;
        for (KickRegion r : regions) {
            double step = step(added[0][r.ordinal()], masker(hits, 0, r.ordinal(), response[0][r.ordinal()], null), null);
            if (step >= STEP_MIN_DB && step > bestStep) {
                bestStep = step;
                best = r;
            }
        }
        if (best == null) return new KickFigures(db, region, lost, kept);   // no kick stands out, even on monitors
        db[0] = bestStep;
        region[0] = best;
        kept[0] = 0;
        for (int st = 1; st < streams; st++) {
            double gain = kick.limiterDb(st, sec.startS(), sec.endS());
            double top = Double.NEGATIVE_INFINITY;
            KickRegion topRegion = null;
            for (KickRegion r : regions) {
                int i = r.ordinal();
                double[] a = added[st][i], a0 = added[0][i], h = response[st][i];
                if (r == best) kept[st] = keptDb(a, a0, gain);
                // The bins the device plays: its response there within PLAYS_DB of its midrange. The
                // region counts when they hold at least half of what the kick adds there on monitors.
                boolean[] plays = new boolean[a.length];
                double inPlayed = 0, inRegion = 0;
                for (int b = 0; b < a.length; b++) {
                    plays[b] = h[b] >= Math.pow(10, PLAYS_DB / 10);
                    double k = Math.max(0, a0[b]);
                    inRegion += k;
                    if (plays[b]) inPlayed += k;
                }
                if (!(inRegion > 0) || inPlayed < PLAYED_SHARE * inRegion) continue;
                double step = step(a, masker(hits, st, i, h, plays), plays);
                if (step >= STEP_MIN_DB && step > top) {
                    top = step;
                    topRegion = r;
                }
            }
            if (topRegion == null) {
                lost[st] = true;
            } else {
                db[st] = top;
                region[st] = topRegion;
            }
        }
        return new KickFigures(db, region, lost, kept);
    }

    /**
     * How much of the kick's added energy in a region the device keeps against the full-range mix
     * (dB), the limiter's average gain over the section taken out: the transmission behind the
     * finding's message.
     */
    private static double keptDb(double[] device, double[] monitors, double gainDb) {
        double d = 0, m = 0;
        for (int b = 0; b < monitors.length; b++) {
            if (!(monitors[b] > 0)) continue;
            m += monitors[b];
            if (device[b] > 0) d += device[b];
        }
        if (!(m > 0)) return Double.NaN;
        return d > 0 ? 10 * Math.log10(d / m) - gainDb : Double.NEGATIVE_INFINITY;
    }

    /**
     * Per bin of a region, on one stream: the energy the hits share, the {@link #SHARED_QUANTILE}
     * quantile over the hits of after - before, each through the device's power response and its
     * limiter's gain at that moment.
     */
    private static double[] sharedAdded(List<Hit> hits, int stream, int region, double[] response) {
        int bins = response.length;
        double[] v = new double[hits.size()], out = new double[bins];
        for (int k = 0; k < bins; k++) {
            for (int h = 0; h < hits.size(); h++) {
                Hit hit = hits.get(h);
                v[h] = hit.after()[region][k] * hit.gain2(stream, region, 0) - hit.before()[region][k] * hit.gain2(stream, region, 1);
            }
            out[k] = response[k] * quantile(v, SHARED_QUANTILE);
        }
        return out;
    }

    /** What the hits land on: the median over the hits of the energy just before them in the bins used (all when null), through the device. */
    private static double masker(List<Hit> hits, int stream, int region, double[] response, boolean[] use) {
        double[] v = new double[hits.size()];
        for (int h = 0; h < hits.size(); h++) {
            float[] before = hits.get(h).before()[region];
            double sum = 0;
            for (int k = 0; k < before.length; k++) if (use == null || use[k]) sum += before[k] * response[k];
            v[h] = sum * hits.get(h).gain2(stream, region, 1);
        }
        return median(v);
    }

    /** Level step (dB) of the added energy (positive bins, those selected; all when null) over the masker; 0 when nothing is added. */
    static double step(double[] added, double masker, boolean[] use) {
        double a = 0;
        for (int b = 0; b < added.length; b++) if ((use == null || use[b]) && added[b] > 0) a += added[b];
        return step(a, masker);
    }

    /** Level step (dB) from adding {@code added} to {@code masker}; 0 when nothing is added. */
    static double step(double added, double masker) {
        if (!(added > 0)) return 0;
        if (!(masker > 0)) return Double.POSITIVE_INFINITY;
        return 10 * Math.log10(1 + added / masker);
    }

    // ---- bass ----

    private record BassFigures(double[] db, boolean[] lost, double topHz) {}

    private static BassFigures bassFigures(BassFrames bass, Section sec, List<DeviceModel> models, double[][] sectionPower, int s) {
        int streams = models.size() + 1;
        double[] db = new double[streams];
        boolean[] lost = new boolean[streams];
        Arrays.fill(db, Double.NaN);
        BassLineMeter.View full = bass.stereo();
        List<Integer> frames = new ArrayList<>(), present = new ArrayList<>();
        for (int i = 0; i < bass.frames(); i++) {
            if (bass.timeS()[i] < sec.startS() || bass.timeS()[i] >= sec.endS()) continue;
            frames.add(i);
            if (hasBass(full, i)) present.add(i);
        }
        if (sec.quiet() || present.size() < 3 || present.size() < BASS_SHARE * frames.size()) return new BassFigures(db, lost, Double.NaN);
        boolean[] stereoSet = sieve(full, present), monoSet = sieve(bass.mono(), present);
        int top = 0;
        for (int h = 1; h <= BassLineMeter.PARTIALS; h++) if (stereoSet[h - 1]) top = h;
        if (top == 0) return new BassFigures(db, lost, Double.NaN);
        double[] f0 = new double[present.size()];
        for (int j = 0; j < present.size(); j++) f0[j] = bass.f0Hz()[present.get(j)];
        double topHz = top * median(f0);
        for (int st = 0; st < streams; st++) {
            boolean monoDevice = st > 0 && models.get(st - 1).mono();
            BassLineMeter.View view = bass.view(monoDevice);
            boolean[] member = monoDevice ? monoSet : stereoSet;
            ResponseCurve curve = st == 0 ? null : models.get(st - 1).response();
            double sum = 0;
            int audible = 0;
            for (int i : present) {
                double e = 0;
                for (int h = 1; h <= BassLineMeter.PARTIALS; h++) {
                    if (!member[h - 1]) continue;
                    double g = curve == null ? 0 : curve.at(view.partialHz()[i][h - 1]);
                    if (g >= PLAYS_DB) e += view.partialPower()[i][h - 1] * Math.pow(10, g / 10);
                }
                sum += e;
                if (e > 0) audible++;
            }
            double power = sectionPower[st][s];
            double mean = sum / present.size();
            if (st == 0 && !(mean > 0 && power > 0)) return new BassFigures(db, lost, Double.NaN);   // no bass to lose
            if (mean > 0 && power > 0) db[st] = 10 * Math.log10(mean / power);
            lost[st] = st > 0 && audible < BASS_KEPT_SHARE * present.size();
            if (lost[st]) db[st] = Double.NaN;
        }
        return new BassFigures(db, lost, topHz);
    }

    /** The bass's partials: those whose median SMR over the bass frames is at least SMR_MIN_DB, up the series from the fundamental, stopping at two missing in a row. */
    private static boolean[] sieve(BassLineMeter.View view, List<Integer> present) {
        boolean[] member = new boolean[BassLineMeter.PARTIALS];
        double[] smr = new double[present.size()];
        int misses = 0;
        for (int h = 1; h <= BassLineMeter.PARTIALS; h++) {
            for (int j = 0; j < present.size(); j++) smr[j] = view.partialSmrDb()[present.get(j)][h - 1];
            if (median(smr) >= SMR_MIN_DB) {
                member[h - 1] = true;
                misses = 0;
            } else if (++misses >= 2 && h >= 2) {
                break;
            }
        }
        return member;
    }

    private static boolean hasBass(BassLineMeter.View view, int i) {
        for (int h = 1; h <= 2; h++) {
            if (view.partialSmrDb()[i][h - 1] >= SMR_MIN_DB && view.partialPower()[i][h - 1] >= ANCHOR_SHARE * view.totalPower()[i]) return true;
        }
        return false;
    }

    /** Median (the mean of the middle two for an even count); sorts a copy. */
    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    /** Quantile q by linear interpolation between order statistics (q = 0.5: the median); sorts a copy. */
    static double quantile(double[] v, double q) {
        int n = v.length;
        if (n == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (n - 1);
        int i = (int) Math.floor(pos);
        return i + 1 < n ? s[i] + (pos - i) * (s[i + 1] - s[i]) : s[n - 1];
    }
}
