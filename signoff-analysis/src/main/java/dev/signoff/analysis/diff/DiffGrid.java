package dev.signoff.analysis.diff;

import dev.signoff.analysis.DoubleSeries;
import dev.signoff.analysis.spectrum.SpectrumResult;
import dev.signoff.analysis.stereo.StereoAnalyser;
import dev.signoff.analysis.stereo.StereoResult;

import java.util.Arrays;
import java.util.List;

/**
 * Both versions' band levels and stereo figures on the shared timeline, step by step, and the
 * changes between them over any set of steps: the data every change and every scope-check query is
 * read from.
 *
 * <p>Inputs: each version's {@link SpectrumResult} (1/3-octave band power in steps of about half a
 * second) and {@link StereoResult} (balance and correlation in the same steps), measured on the
 * same aligned stream, so step i of one is step i of the other.
 *
 * <p>The change of a band over a set of steps is 10 log10 of the new version's summed power over
 * the old one's, over the steps where both versions were measured (the spectrum analyser leaves out
 * frames of digital silence). A band is left out (NaN) when it is more than
 * {@value #BAND_BELOW_LOUDEST_DB} dB under the loudest band over the whole song, or more than
 * {@value #BAND_BELOW_LOUDEST_IN_PART_DB} dB under the loudest band within the steps asked about:
 * such a band carries next to nothing of what is heard and its ratio is a ratio of floors.
 *
 * <p>The level change over a set of steps is what the band changes agree on ({@link #level}): a gain
 * moves every band alike and shows in full, an EQ move or an element brought up moves some bands by
 * differing amounts and leaves the level where the untouched bands put it. That is the "loudness
 * match" of the comparison: each version's
 * tonal figures are taken after the level change is removed, so a +6 dB presence boost is reported
 * as +6 dB at 2-5 kHz and not as -1.5 dB everywhere else, which matching on integrated loudness
 * would give.
 *
 * <p>Band levels are those of the mid signal (L+R): what the centre of the stereo image and a mono
 * listener hear, so a change of the side alone is a width change and not a tonal one.
 *
 * <p>Width is the side signal against the mid with the channels' levels equalised, read from the
 * correlation r of left and right as (1 - r) / (1 + r): it equals side over mid power for a
 * balanced mix and does not move when only the balance does. It is read per stereo band (those of
 * {@link StereoAnalyser}) and the overall change is the median over the bands, so that an EQ move,
 * which changes how much each band weighs, does not read as a width change.
 */
final class DiffGrid {
    static final double BAND_BELOW_LOUDEST_DB = 60;
    static final double BAND_BELOW_LOUDEST_IN_PART_DB = 50;
    /** A stereo band's width is compared only when it carries at least this share of the energy, dB. */
    static final double STEREO_BAND_SHARE_DB = -30;
    /** Correlations are clamped to +-this, so exact mono reads -46 dB of side rather than minus infinity. */
    private static final double MAX_CORRELATION = 0.99995;

    final double stepS;
    final int steps, bands;
    final double[] centre, lo, hi;
    private final double[][] oldPower, newPower;
    private final boolean[] bandValid;
    private final double[] oldBalance, newBalance;
    /** Per stereo band: its edges, and per step both versions' {left, right, cross} sums. */
    final double[] stereoEdges;
    private final List<double[][]> oldStereoSums, newStereoSums;
    /** Steps left out of every comparison (a noise passage: the noise explains them). */
    private final boolean[] excluded;
    /** [step][stereo band] left out of the width comparison: noise is a large part of the band's side signal there. */
    private final boolean[][] widthExcluded;
    /** Each band's change step by step (NaN where left out), and each step's level change. */
    private final double[][] stepBandDb;
    private final double[] stepLevelDb;

    /**
     * @param older         the old version's mid (L+R) spectrum
     * @param newer         the new version's
     * @param olderStereo   the old version's stereo figures
     * @param newerStereo   the new version's
     * @param olderBandSums the old version's per-step stereo band sums ({@link dev.signoff.analysis.stereo.StereoAnalyser#bandSumsOverTime})
     * @param newerBandSums the new version's
     * @param stereoEdges   the stereo bands' edges
     */
    DiffGrid(SpectrumResult older, SpectrumResult newer, StereoResult olderStereo, StereoResult newerStereo,
             List<double[][]> olderBandSums, List<double[][]> newerBandSums, double[] stereoEdges) {
        stepS = older.stepS();
        bands = older.bands().size();
        steps = Math.min(older.steps(), newer.steps());
        centre = new double[bands];
        lo = new double[bands];
        hi = new double[bands];
        oldPower = new double[bands][steps];
        newPower = new double[bands][steps];
        double[] longTerm = new double[bands];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < bands; b++) {
            SpectrumResult.Band ob = older.bands().get(b), nb = newer.bands().get(b);
            centre[b] = ob.centerHz();
            lo[b] = ob.loHz();
            hi[b] = ob.hiHz();
            for (int t = 0; t < steps; t++) {
                float o = ob.overTimeDb()[t], n = nb.overTimeDb()[t];
                if (Float.isNaN(o) || Float.isNaN(n)) {
                    oldPower[b][t] = Double.NaN;
                    newPower[b][t] = Double.NaN;
                } else {
                    oldPower[b][t] = Math.pow(10, o / 10.0);
                    newPower[b][t] = Math.pow(10, n / 10.0);
                }
            }
            longTerm[b] = Math.max(finiteOr(ob.levelDb()), finiteOr(nb.levelDb()));
            loudest = Math.max(loudest, longTerm[b]);
        }
        bandValid = new boolean[bands];
        for (int b = 0; b < bands; b++) bandValid[b] = longTerm[b] >= loudest - BAND_BELOW_LOUDEST_DB && longTerm[b] > -150;
        oldBalance = perStep(olderStereo.balanceOverTime().values());
        newBalance = perStep(newerStereo.balanceOverTime().values());
        this.stereoEdges = stereoEdges.clone();
        oldStereoSums = olderBandSums;
        newStereoSums = newerBandSums;
        excluded = new boolean[steps];
        widthExcluded = new boolean[steps][stereoEdges.length - 1];
        stepBandDb = new double[bands][steps];
        stepLevelDb = new double[steps];
        recomputeSteps();
    }

    /** A copy that later exclusions in either leave alone. */
    DiffGrid copy() {
        return new DiffGrid(this);
    }

    private DiffGrid(DiffGrid o) {
        stepS = o.stepS;
        steps = o.steps;
        bands = o.bands;
        centre = o.centre;
        lo = o.lo;
        hi = o.hi;
        oldPower = deepCopy(o.oldPower);
        newPower = deepCopy(o.newPower);
        bandValid = o.bandValid;
        oldBalance = o.oldBalance;
        newBalance = o.newBalance;
        stereoEdges = o.stereoEdges;
        oldStereoSums = o.oldStereoSums;
        newStereoSums = o.newStereoSums;
        excluded = o.excluded.clone();
        widthExcluded = new boolean[o.widthExcluded.length][];
        for (int t = 0; t < widthExcluded.length; t++) widthExcluded[t] = o.widthExcluded[t].clone();
        stepBandDb = deepCopy(o.stepBandDb);
        stepLevelDb = o.stepLevelDb.clone();
    }

    private static double[][] deepCopy(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) out[i] = x[i].clone();
        return out;
    }

    /** The step-by-step band changes and levels, again after cells were left out. */
    private void recomputeSteps() {
        for (int t = 0; t < steps; t++) {
            boolean[] one = new boolean[steps];
            one[t] = true;
            double[] d = bandsDb(one);
            for (int b = 0; b < bands; b++) stepBandDb[b][t] = d[b];
            stepLevelDb[t] = level(d);
        }
    }

    private static double finiteOr(double v) {
        return Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY;
    }

    private double[] perStep(double[] values) {
        return Arrays.copyOf(values, steps);
    }


    /** Side over mid power for a balanced pair of correlation {@code r}, dB. */
    static double sideOverMidDb(double r) {
        if (!Double.isFinite(r)) return Double.NaN;
        double c = Math.max(-MAX_CORRELATION, Math.min(MAX_CORRELATION, r));
        return 10 * Math.log10((1 - c) / (1 + c));
    }

    /**
     * Leaves out of every comparison each band in each step where the part of the new version that
     * the old one does not explain ({@link NoiseScan#bandShareDb}) is at least {@code shareDb} of the
     * band's power: its change there is the noise's (hiss filling the empty top of a quiet intro), not
     * a tonal or level change.
     */
    void excludeNoise(NoiseScan scan, double shareDb) {
        int[] scanBand = new int[bands];
        for (int b = 0; b < bands; b++) {
            scanBand[b] = -1;
            for (int k = 0; k < scan.bandCenterHz().length; k++) if (scan.bandCenterHz()[k] == centre[b]) scanBand[b] = k;
        }
        excludeNoiseFromWidth(scan, scanBand, shareDb);
        boolean any = false;
        for (int t = 0; t < steps; t++) {
            int w = (int) Math.floor((t + 0.5) * stepS / scan.windowS());
            if (w >= scan.windows()) continue;
            for (int b = 0; b < bands; b++) {
                if (scanBand[b] < 0 || !(scan.bandShareDb()[w][scanBand[b]] >= shareDb)) continue;
                oldPower[b][t] = Double.NaN;
                newPower[b][t] = Double.NaN;
                any = true;
            }
        }
        if (any) recomputeSteps();
    }

    /**
     * Leaves out of the width comparison each stereo band in each step where the unexplained part is at
     * least {@code shareDb} of the band's side signal in either version. Noise such as hiss is as loud
     * in the side as in the mid (its channels do not correlate) while a mix's side is far under its mid,
     * so hiss a tenth of a band's power can be most of its side: taking it away would otherwise read as
     * the band narrowing. The unexplained share of a stereo band is that of its 1/3-octave bands,
     * weighted by their power.
     */
    private void excludeNoiseFromWidth(NoiseScan scan, int[] scanBand, double shareDb) {
        int n = stereoEdges.length - 1;
        double limit = Math.pow(10, shareDb / 10);
        for (int t = 0; t < steps && t < oldStereoSums.size() && t < newStereoSums.size(); t++) {
            int w = (int) Math.floor((t + 0.5) * stepS / scan.windowS());
            if (w >= scan.windows()) continue;
            for (int s = 0; s < n; s++) {
                double unexplained = 0, power = 0;
                for (int b = 0; b < bands; b++) {
                    if (scanBand[b] < 0 || centre[b] < stereoEdges[s] || centre[b] >= stereoEdges[s + 1]) continue;
                    double p = oldPower[b][t] + newPower[b][t], share = scan.bandShareDb()[w][scanBand[b]];
                    if (!Double.isFinite(p) || !Double.isFinite(share)) continue;
                    unexplained += p * Math.pow(10, share / 10);
                    power += p;
                }
                if (power <= 0) continue;
                double share = unexplained / power;
                for (double[][] sums : List.of(oldStereoSums.get(t), newStereoSums.get(t))) {
                    double[] c = sums[s];
                    double total = c[0] + c[1], side = total - 2 * c[2];
                    if (side > 0 && share * total >= limit * side) widthExcluded[t][s] = true;
                }
            }
        }
    }

    /**
     * Leaves out of every comparison the bands that mains hum at {@code humHz} lifts, in each step where
     * the hum is at least {@code shareDb} of the band's power in the version that has it. A band up to
     * one above the hum's fourth harmonic is lifted when its floor (its quietest step: in a stop the hum
     * is all it holds) is at least {@code -shareDb} dB over its floor in the other version; the window
     * of the analysis spreads a line a band or two either side. Where the bass plays over the hum the
     * band is compared as usual.
     *
     * @param inNew whether the new version has the hum (or more of it), else the old one
     */
    void excludeHum(double humHz, boolean inNew, double shareDb) {
        double[][] hum = inNew ? newPower : oldPower, other = inNew ? oldPower : newPower;
        double factor = Math.pow(10, -shareDb / 10);
        boolean any = false;
        for (int b = 0; b < bands && lo[b] <= 4 * humHz * 1.26; b++) {
            double floor = floor(hum[b]), otherFloor = floor(other[b]);
            if (!(floor > 0) || otherFloor * factor > floor) continue;
            for (int t = 0; t < steps; t++) {
                if (!(hum[b][t] <= floor * factor)) continue;
                oldPower[b][t] = Double.NaN;
                newPower[b][t] = Double.NaN;
                any = true;
            }
        }
        if (any) recomputeSteps();
    }

    /** The lowest finite value, 0 when there is none. */
    private static double floor(double[] power) {
        return Arrays.stream(power).filter(Double::isFinite).min().orElse(0);
    }

    /** Leaves the steps overlapping [fromS, toS) of the shared timeline out of every comparison from now on. */
    void exclude(double fromS, double toS) {
        for (int t = 0; t < steps; t++) if (t * stepS < toS && (t + 1) * stepS > fromS) excluded[t] = true;
    }

    /** Every step (but the excluded ones). */
    boolean[] all() {
        boolean[] m = new boolean[steps];
        for (int t = 0; t < steps; t++) m[t] = !excluded[t];
        return m;
    }

    /** The steps whose middle lies in [fromS, toS) of the shared timeline (but the excluded ones). */
    boolean[] mask(double fromS, double toS) {
        boolean[] m = new boolean[steps];
        for (int t = 0; t < steps; t++) {
            double mid = (t + 0.5) * stepS;
            m[t] = mid >= fromS && mid < toS && !excluded[t];
        }
        return m;
    }

    static boolean[] union(List<boolean[]> masks, int steps) {
        boolean[] m = new boolean[steps];
        for (boolean[] x : masks) for (int t = 0; t < steps; t++) m[t] |= x[t];
        return m;
    }

    /** Seconds covered by the steps of {@code mask} where both versions were measured. */
    double measuredSeconds(boolean[] mask) {
        int n = 0;
        for (int t = 0; t < steps; t++) if (mask[t] && measuredStep(t)) n++;
        return n * stepS;
    }

    private boolean measuredStep(int t) {
        for (int b = 0; b < bands; b++) if (!Double.isNaN(oldPower[b][t])) return true;
        return false;
    }

    /** Each band's change over {@code mask}, dB, NaN for bands left out (see the class comment). */
    double[] bandsDb(boolean[] mask) {
        double[] o = new double[bands], n = new double[bands];
        double loudest = 0;
        for (int b = 0; b < bands; b++) {
            // The rows and sums in locals: ChangeFinder asks for many masks, on C1 under the launcher.
            double[] oldRow = oldPower[b], newRow = newPower[b];
            double os = 0, ns = 0;
            for (int t = 0; t < steps; t++) {
                if (!mask[t] || Double.isNaN(oldRow[t])) continue;
                os += oldRow[t];
                ns += newRow[t];
            }
            o[b] = os;
            n[b] = ns;
            if (bandValid[b]) loudest = Math.max(loudest, Math.max(o[b], n[b]));
        }
        double floor = loudest * Math.pow(10, -BAND_BELOW_LOUDEST_IN_PART_DB / 10);
        double[] out = new double[bands];
        for (int b = 0; b < bands; b++) {
            boolean ok = bandValid[b] && loudest > 0 && Math.max(o[b], n[b]) >= floor && o[b] > 0 && n[b] > 0;
            out[b] = ok ? 10 * Math.log10(n[b] / o[b]) : Double.NaN;
        }
        return out;
    }

    /**
     * The level change over {@code mask}: what the band changes agree on ({@link #level}), dB (NaN
     * when nothing was measured); 0 when the cells say nothing but a part moved ({@link #untouchedCellsDb}).
     */
    double levelDb(boolean[] mask) {
        double level = level(bandsDb(mask));
        if (!(Math.abs(level) > UNTOUCHED_DB)) return level;
        double untouched = untouchedCellsDb(mask);
        return Double.isNaN(untouched) ? level : untouched;
    }

    /**
     * A part that fills the whole spectrum (drums, a wall of guitars) moves every band over the
     * song, so no band stays put; but in the moments and bands where the other parts dominate, the
     * cells (one band in one step) do. When at least {@value #UNTOUCHED_SHARE} of the energetic cells
     * (within {@value #CELL_BELOW_LOUDEST_DB} dB of their step's loudest band) did not move and all the
     * others but {@value #ONE_WAY_OUTLIERS} moved one way, a level change would have moved those
     * too: returns their mean change (about 0); NaN otherwise.
     */
    double untouchedCellsDb(boolean[] mask) {
        CellCount c = countCells(mask);
        boolean oneWay = Math.min(c.up, c.down) <= ONE_WAY_OUTLIERS * (c.up + c.down);
        return c.cells() > 0 && c.zero >= 10 && c.zero >= UNTOUCHED_SHARE * c.cells() && oneWay ? c.zeroSum / c.zero : Double.NaN;
    }

    /** Energetic cells over a mask: how many did not move (and their summed change), how many went up, down. */
    private record CellCount(int zero, double zeroSum, int up, int down) {
        int cells() {
            return zero + up + down;
        }
    }

    /** The power under which a band's cell in step t is too far under the step's loudest band to be read. */
    private double cellFloor(int t) {
        double loudest = 0;
        for (int b = 0; b < bands; b++) {
            if (bandValid[b] && !Double.isNaN(oldPower[b][t])) loudest = Math.max(loudest, Math.max(oldPower[b][t], newPower[b][t]));
        }
        return loudest * Math.pow(10, -CELL_BELOW_LOUDEST_DB / 10);
    }

    private CellCount countCells(boolean[] mask) {
        int zero = 0, up = 0, down = 0;
        double zeroSum = 0;
        for (int t = 0; t < steps; t++) {
            if (!mask[t]) continue;
            double floor = cellFloor(t);
            for (int b = 0; b < bands; b++) {
                if (!bandValid[b] || Double.isNaN(oldPower[b][t])) continue;
                double o = oldPower[b][t], n = newPower[b][t];
                if (!(o > 0 && n > 0 && Math.max(o, n) >= floor)) continue;
                double d = 10 * Math.log10(n / o);
                if (Math.abs(d) <= UNTOUCHED_DB) {
                    zero++;
                    zeroSum += d;
                } else if (d > 0) up++;
                else down++;
            }
        }
        return new CellCount(zero, zeroSum, up, down);
    }

    /** Each band's change over {@code mask} with the level change taken out. */
    double[] tonalDb(boolean[] mask) {
        double[] d = bandsDb(mask);
        double level = level(d);
        for (int b = 0; b < bands; b++) d[b] -= level;
        return d;
    }

    /**
     * Standard error of each band's tonal change over {@code mask}: the spread of the step-by-step
     * changes (level taken out step by step) over the square root of their number; NaN with fewer
     * than three steps.
     */
    double[] tonalSe(boolean[] mask) {
        double[] se = new double[bands];
        for (int b = 0; b < bands; b++) {
            DoubleSeries x = new DoubleSeries();
            for (int t = 0; t < steps; t++) if (mask[t]) x.add(stepBandDb[b][t] - stepLevelDb[t]);
            se[b] = standardError(x.toArray());
        }
        return se;
    }

    /** Standard error of the level change over {@code mask} from its step-by-step values. */
    double levelSe(boolean[] mask) {
        DoubleSeries x = new DoubleSeries();
        for (int t = 0; t < steps; t++) if (mask[t]) x.add(stepLevelDb[t]);
        return standardError(x.toArray());
    }

    /** The change of a frequency region (bands centred in [loHz, hiHz]) against the level change, dB. */
    double regionDb(double loHz, double hiHz, boolean[] mask) {
        return absoluteRegionDb(loHz, hiHz, mask) - levelDb(mask);
    }

    /** The change of a frequency region (bands centred in [loHz, hiHz]) as it is, the level left in, dB. */
    double absoluteRegionDb(double loHz, double hiHz, boolean[] mask) {
        double[] d = bandsDb(mask);
        double o = 0, n = 0;
        for (int b = 0; b < bands; b++) {
            if (centre[b] < loHz || centre[b] > hiHz || Double.isNaN(d[b])) continue;
            for (int t = 0; t < steps; t++) {
                if (!mask[t] || Double.isNaN(oldPower[b][t])) continue;
                o += oldPower[b][t];
                n += newPower[b][t];
            }
        }
        return o > 0 && n > 0 ? 10 * Math.log10(n / o) : Double.NaN;
    }

    /** A cell (one band in one step) counts for a part's move when within this of the step's loudest band, dB. */
    static final double CELL_BELOW_LOUDEST_DB = 30;
    /** A part's move is read at this share of its cells, counted from the side it moved to. */
    static final double PART_CELL_SHARE = 0.1;
    /**
     * A part carried the level only when against it the part reads this far the other way, dB: a
     * whole-mix gain leaves the reading at 0 give or take a few hundredths, either way.
     */
    static final double CARRIED_MIN_DB = 0.5;
    /** ...or when this many bands at the bottom or the top of the spectrum did not move at all, which a whole-mix gain would have moved. */
    static final int CARRIED_EDGE_BANDS = 2;

    /**
     * How far a part living in [loHz, hiHz] moved where it plays, dB against the level change: one
     * part brought up by g moves each band in each step by between 0 (where it is silent or drowned)
     * and g (where it dominates), so the cells that moved most say how far it moved. Read at the
     * {@value #PART_CELL_SHARE} of the region's energetic cells furthest out on either side; the
     * larger of the two. NaN with fewer than ten such cells.
     *
     * <p>A part that carries most of the mix (drums in a dance track) moves the level with it, and
     * against that level its own cells read as moved the other way, as if it had been turned down
     * while the whole mix went up. When the level and the reading against it go opposite ways (by at
     * least {@value #CARRIED_MIN_DB} dB), or the bands at one end of the spectrum the part does not
     * reach did not move at all (a whole-mix gain would have moved them; an EQ's skirts crossing 0 in
     * the middle do not count), the part carried the level: the reading is taken on the cells' own
     * changes instead.
     */
    double partDb(double loHz, double hiHz, boolean[] mask) {
        double level = levelDb(mask);
        DoubleSeries cells = new DoubleSeries();
        for (int t = 0; t < steps; t++) {
            if (!mask[t]) continue;
            double floor = cellFloor(t);
            for (int b = 0; b < bands; b++) {
                if (!bandValid[b] || centre[b] < loHz || centre[b] > hiHz || Double.isNaN(oldPower[b][t])) continue;
                double o = oldPower[b][t], n = newPower[b][t];
                if (o > 0 && n > 0 && Math.max(o, n) >= floor) cells.add(10 * Math.log10(n / o));
            }
        }
        double[] v = cells.toArray();
        if (v.length < 10 || !Double.isFinite(level)) return Double.NaN;
        Arrays.sort(v);
        int k = (int) Math.floor(PART_CELL_SHARE * (v.length - 1));
        double relative = furthest(v[k] - level, v[v.length - 1 - k] - level);
        if (Math.abs(level) > UNTOUCHED_DB) {
            if (untouchedEdge(mask) || (Math.abs(relative) >= CARRIED_MIN_DB && Math.signum(relative) == -Math.signum(level))) {
                return furthest(v[k], v[v.length - 1 - k]);
            }
        }
        return relative;
    }

    /** Whether the lowest or the highest {@value #CARRIED_EDGE_BANDS} measured bands over {@code mask} did not move. */
    private boolean untouchedEdge(boolean[] mask) {
        double[] d = Arrays.stream(bandsDb(mask)).filter(Double::isFinite).toArray();
        if (d.length < 2 * CARRIED_EDGE_BANDS) return false;
        boolean low = true, high = true;
        for (int i = 0; i < CARRIED_EDGE_BANDS; i++) {
            low &= Math.abs(d[i]) <= UNTOUCHED_DB;
            high &= Math.abs(d[d.length - 1 - i]) <= UNTOUCHED_DB;
        }
        return low || high;
    }

    private static double furthest(double down, double up) {
        return Math.abs(up) >= Math.abs(down) ? up : down;
    }

    /**
     * How unevenly the bands centred in [loHz, hiHz] moved from moment to moment over {@code mask}:
     * the spread (90th minus 10th percentile) of their step-by-step change, the level left in, over
     * the steps where they are within {@value #CELL_BELOW_LOUDEST_DB} dB of the step's loudest band
     * (counting quieter steps, a treble shelf read as uneven in StemReachTest), dB; NaN with fewer than
     * {@value #SPREAD_MIN_STEPS} such steps (noise passages leave theirs out).
     * An EQ moves every moment of its range alike; a part moves each by its share there, from 0
     * where it is silent or drowned to its gain where it dominates.
     */
    double regionStepSpreadDb(double loHz, double hiHz, boolean[] mask) {
        DoubleSeries x = new DoubleSeries();
        for (int t = 0; t < steps; t++) {
            if (!mask[t]) continue;
            double floor = cellFloor(t), o = 0, n = 0, loudest = 0;
            for (int b = 0; b < bands; b++) {
                if (!bandValid[b] || centre[b] < loHz || centre[b] > hiHz || Double.isNaN(oldPower[b][t])) continue;
                o += oldPower[b][t];
                n += newPower[b][t];
                loudest = Math.max(loudest, Math.max(oldPower[b][t], newPower[b][t]));
            }
            if (o > 0 && n > 0 && loudest >= floor) x.add(10 * Math.log10(n / o));
        }
        double[] v = x.toArray();
        if (v.length < SPREAD_MIN_STEPS) return Double.NaN;
        Arrays.sort(v);
        int k = (int) Math.floor(0.1 * (v.length - 1));
        return v[v.length - 1 - k] - v[k];
    }

    static final int SPREAD_MIN_STEPS = 6;

    /** Standard error of {@link #regionDb} from its step-by-step values. */
    double regionSe(double loHz, double hiHz, boolean[] mask) {
        DoubleSeries x = new DoubleSeries();
        for (int t = 0; t < steps; t++) {
            if (!mask[t]) continue;
            double o = 0, n = 0;
            for (int b = 0; b < bands; b++) {
                if (centre[b] < loHz || centre[b] > hiHz || Double.isNaN(stepBandDb[b][t])) continue;
                o += oldPower[b][t];
                n += newPower[b][t];
            }
            if (o > 0 && n > 0) x.add(10 * Math.log10(n / o) - stepLevelDb[t]);
        }
        return standardError(x.toArray());
    }

    double balanceDb(boolean[] mask) {
        return meanDifference(oldBalance, newBalance, mask);
    }

    double balanceSe(boolean[] mask) {
        return differenceSe(oldBalance, newBalance, mask);
    }

    /**
     * Each stereo band's width change over {@code mask}: side over mid of the new version minus the
     * old one's, both from the band's correlation over the steps (see the class comment); NaN for a
     * band with less than {@value #STEREO_BAND_SHARE_DB} dB of the energy in either version.
     */
    double[] widthBandsDb(boolean[] mask) {
        int n = stereoEdges.length - 1;
        double[][] o = new double[n][3], w = new double[n][3];
        double oTotal = 0, wTotal = 0;
        for (int t = 0; t < steps; t++) {
            if (!mask[t] || t >= oldStereoSums.size() || t >= newStereoSums.size()) continue;
            for (int b = 0; b < n; b++) {
                if (widthExcluded[t][b]) continue;
                for (int i = 0; i < 3; i++) {
                    o[b][i] += oldStereoSums.get(t)[b][i];
                    w[b][i] += newStereoSums.get(t)[b][i];
                }
                oTotal += oldStereoSums.get(t)[b][0] + oldStereoSums.get(t)[b][1];
                wTotal += newStereoSums.get(t)[b][0] + newStereoSums.get(t)[b][1];
            }
        }
        double share = Math.pow(10, STEREO_BAND_SHARE_DB / 10);
        double[] out = new double[n];
        for (int b = 0; b < n; b++) {
            boolean ok = o[b][0] + o[b][1] >= share * oTotal && w[b][0] + w[b][1] >= share * wTotal && oTotal > 0 && wTotal > 0;
            out[b] = ok ? sideOverMidDb(StereoAnalyser.correlation(w[b])) - sideOverMidDb(StereoAnalyser.correlation(o[b])) : Double.NaN;
        }
        return out;
    }

    /** The width change over {@code mask}: the median of the stereo bands' changes, so an EQ move does not read as one. */
    double widthDb(boolean[] mask) {
        return median(widthBandsDb(mask));
    }

    double widthSe(boolean[] mask) {
        DoubleSeries x = new DoubleSeries();
        for (int t = 0; t < steps; t++) {
            if (!mask[t]) continue;
            boolean[] one = new boolean[steps];
            one[t] = true;
            x.add(widthDb(one));
        }
        return standardError(x.toArray());
    }

    /** The change map: each band's change step by step less the whole song's level change; NaN where not measured. */
    float[][] map(double songLevelDb) {
        float[][] out = new float[bands][steps];
        for (int b = 0; b < bands; b++) for (int t = 0; t < steps; t++) out[b][t] = (float) (stepBandDb[b][t] - songLevelDb);
        return out;
    }

    private double meanDifference(double[] o, double[] n, boolean[] mask) {
        double sum = 0;
        int count = 0;
        for (int t = 0; t < steps; t++) {
            if (!mask[t] || !Double.isFinite(o[t]) || !Double.isFinite(n[t])) continue;
            sum += n[t] - o[t];
            count++;
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private double differenceSe(double[] o, double[] n, boolean[] mask) {
        DoubleSeries x = new DoubleSeries();
        for (int t = 0; t < steps; t++) if (mask[t] && Double.isFinite(o[t]) && Double.isFinite(n[t])) x.add(n[t] - o[t]);
        return standardError(x.toArray());
    }

    /** Band changes within this of each other agree on a level, dB. */
    static final double LEVEL_AGREEMENT_DB = 0.5;

    /**
     * The level change a set of band changes agree on: the median of the largest group of bands within
     * +-{@value #LEVEL_AGREEMENT_DB} dB of one another (a mode; ties go to the group nearest the
     * median), or the median when no three bands agree. A gain moves every band alike; an EQ move or
     * an element brought up moves some bands by different amounts, which then do not agree with one
     * another and leave the level where the untouched bands put it, even in a sparse intro where the
     * touched bands are half of those playing (where the median would follow them). When at least
     * {@value #UNTOUCHED_SHARE} of the bands did not move at all and the rest all moved one way, the
     * level did not change: a part did.
     */
    static double level(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        double median = median(v);
        int bestCount = 0;
        double best = median, bestDistance = Double.POSITIVE_INFINITY;
        int j = 0;
        for (int i = 0; i < v.length; i++) {
            while (v[j] < v[i] - 2 * LEVEL_AGREEMENT_DB) j++;
            int count = i - j + 1;
            // The group's median: bands a change only grazed sit at one edge and should not pull it.
            double mean = count % 2 == 1 ? v[j + count / 2] : 0.5 * (v[j + count / 2 - 1] + v[j + count / 2]);
            double distance = Math.abs(mean - median);
            if (count > bestCount || (count == bestCount && distance < bestDistance)) {
                bestCount = count;
                best = mean;
                bestDistance = distance;
            }
        }
        if (bestCount < 3) return median;
        // Untouched bands: one part moved in a dense mix moves most bands by nearly as much, and
        // those agree with one another; the bands it does not reach stay where they were. A level
        // change moves them too, so bands at 0 with every other band moved one way say the level
        // did not change and a part did.
        int zero = 0, up = 0, down = 0;
        double zeroSum = 0;
        for (double x : v) {
            if (Math.abs(x) <= UNTOUCHED_DB) {
                zero++;
                zeroSum += x;
            } else if (x > 0) up++;
            else down++;
        }
        boolean oneWay = Math.min(up, down) <= ONE_WAY_OUTLIERS * (up + down);
        if (Math.abs(best) > UNTOUCHED_DB && zero >= 3 && zero >= UNTOUCHED_SHARE * v.length && oneWay) return zeroSum / zero;
        return best;
    }

    /** A band within this of no change at all is untouched, dB. */
    static final double UNTOUCHED_DB = 0.15;
    /** Untouched bands say the level did not change when at least this share of the bands... */
    static final double UNTOUCHED_SHARE = 0.1;
    /** ...and all the others but this share moved the same way. */
    static final double ONE_WAY_OUTLIERS = 0.1;

    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : 0.5 * (v[v.length / 2 - 1] + v[v.length / 2]);
    }

    static double standardError(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length < 3) return Double.NaN;
        double mean = Arrays.stream(v).average().orElse(0), ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }
}
