package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measure;
import java.util.EnumSet;
import java.util.Set;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.analysis.stereo.StereoResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * BALANCE, WIDTH, MONO_COMPAT and LOW_END_STEREO: the stereo picture of the front pair. Mono
 * files have none of these. Thresholds and their reasons are in docs/findings.md.
 *
 * <p>Width, mono loss and stereo bass are one defect seen from three sides: side energy where
 * there should be less. Each such finding names as its {@link Cause} the band whose side signal it
 * is about (for whole-mix and passage figures, the band holding most of the side energy), so the
 * rules pipeline makes one finding of them: LOW_END_STEREO when the band is the low end (the fix is
 * to centre the bass), WIDTH otherwise (narrow the wide part), with the mono loss among its figures.
 */
final class StereoRules implements FindingRule {
    /** A level difference listeners place off-centre (about a tenth of the way to one side). */
    static final double BALANCE_DB = 1.5;
    /*
     * The width limits come from the real-music calibration set (bench/realmusic.py: 147 finished
     * tracks; docs/findings.md): finished orchestral, ambient and electronic mixes keep the side
     * a median 6.3 dB under the mid, and 95 % of them stay more than 1.95 dB under it overall and
     * under +0.1 dB in every band; 95 % keep a low-end correlation above 0.19 and a low-end side
     * more than 1.6 dB under the mid. Each limit sits just outside that, so about one finished
     * track in twenty is flagged for its stereo picture while a side pushed up 8 dB is caught on
     * nine in ten.
     */
    /** Side this close to mid over the whole song is overbearing on headphones. */
    static final double WIDTH_SIDE_TO_MID_DB = -1.5;
    /** In a band that matters, side this much louder than mid. */
    static final double BAND_SIDE_TO_MID_DB = 0.5;
    /**
     * A passage at least this long with the side at least this loud against the mid. Finished
     * records bring the side within 2 dB of the mid for 4 s in a third of the calibration set
     * (reverb swells, wide intros and outros); at or over the mid for 8 s in 3 % of it.
     */
    static final double WIDE_PASSAGE_DB = 0.0;
    static final double WIDE_PASSAGE_MIN_S = 8.0;
    /** Correlation below this overall means something is out of polarity. */
    static final double POLARITY_CORRELATION = -0.2;
    /** Mono fold-down losing more than this overall is a problem. */
    static final double MONO_LOSS_PROBLEM_DB = 6.0;
    static final double MONO_LOSS_WARNING_DB = 3.0;
    static final double BAND_MONO_LOSS_DB = 4.0;
    /** Bands holding less than this share of the energy are too quiet to matter. */
    static final double BAND_SHARE_DB = -20.0;
    /** Below 120 Hz: correlation under this, or side within this of mid, is stereo bass. */
    static final double LOW_END_CORRELATION = 0.15;
    static final double LOW_END_SIDE_TO_MID_DB = -1.5;
    static final double LOW_END_SHARE_DB = -30.0;

    @Override
    public Set<Measure> needs() {
        return EnumSet.of(Measure.STEREO);
    }

    @Override
    public List<Finding> judge(Measurements m) {
        StereoResult s = m.stereo();
        if (s == null || Double.isNaN(s.correlation())) return List.of();
        List<Finding> out = new ArrayList<>();
        balance(s, out);
        // A flipped polarity also reads as extreme width and stereo bass; one finding says it all.
        if (monoCompat(s, out)) return out;
        width(s, out);
        lowEnd(s, out);
        return out;
    }

    private static void balance(StereoResult s, List<Finding> out) {
        double b = s.balanceDb();
        if (!(Math.abs(b) > BALANCE_DB)) return;
        String side = b > 0 ? "left" : "right";
        out.add(Finding.whole(FindingCode.BALANCE, Severity.WARNING,
                String.format(Locale.ROOT, "The mix leans %s: the %s channel is %s dB louder (K-weighted).", side, side, Clock.db(Math.abs(b))),
                "Listen on headphones with your eyes closed: is the vocal, kick and snare centred? Check the master's pan and any one-sided send.",
                Map.of("balance_db", b)));
    }

    /** @return whether the mix has a polarity problem (which explains any low-end and width oddities too) */
    private static boolean monoCompat(StereoResult s, List<Finding> out) {
        if (s.correlation() < POLARITY_CORRELATION || s.monoLossDb() > MONO_LOSS_PROBLEM_DB) {
            out.add(Finding.whole(FindingCode.MONO_COMPAT, Severity.PROBLEM,
                    String.format(Locale.ROOT, "Left and right cancel: correlation %s, and the mono fold-down is %s dB quieter.",
                            fmt(s.correlation()), Clock.db(s.monoLossDb())),
                    "Press mono: if the centre disappears, one channel (or the whole master) has its polarity flipped.",
                    Map.of("correlation", s.correlation(), "mono_loss_db", s.monoLossDb())).because(POLARITY));
            return true;
        }
        if (s.monoLossDb() > MONO_LOSS_WARNING_DB) {
            out.add(Finding.whole(FindingCode.MONO_COMPAT, Severity.WARNING,
                    String.format(Locale.ROOT, "The mix loses %s dB when folded to mono (correlation %s).", Clock.db(s.monoLossDb()), fmt(s.correlation())),
                    "Listen in mono (phone speaker, club, radio): wide elements will drop back or vanish.",
                    Map.of("correlation", s.correlation(), "mono_loss_db", s.monoLossDb())).because(sideExcess(s, widest(s))));
            return false;
        }
        for (StereoResult.Band b : s.bands()) {
            if (!(b.shareDb() > BAND_SHARE_DB)) continue;
            if (b.monoLossDb() > BAND_MONO_LOSS_DB || b.correlation() < POLARITY_CORRELATION) {
                out.add(Finding.whole(FindingCode.MONO_COMPAT, Severity.WARNING,
                        String.format(Locale.ROOT, "In mono, %s loses %s dB (correlation %s there).",
                                bandName(b), Clock.db(b.monoLossDb()), fmt(b.correlation())),
                        "Listen in mono for what drops out in that range: often a stereo widener, a chorus or a Haas delay on one part.",
                        Map.of("lo_hz", b.loHz(), "hi_hz", Double.isInfinite(b.hiHz()) ? -1.0 : b.hiHz(),
                                "correlation", b.correlation(), "mono_loss_db", b.monoLossDb())).because(sideExcess(s, b)));
                return false;
            }
        }
        return false;
    }

    private static void width(StereoResult s, List<Finding> out) {
        String hint = "Listen on headphones: wide parts can pull attention from the vocal and tire the ears; narrow them or lower the side signal.";
        if (s.sideToMidDb() > WIDTH_SIDE_TO_MID_DB) {
            out.add(Finding.whole(FindingCode.WIDTH, Severity.WARNING,
                    String.format(Locale.ROOT, "Very wide: the side signal is only %s dB below the mid over the whole mix.", Clock.db(-s.sideToMidDb())),
                    hint, Map.of("side_to_mid_db", s.sideToMidDb())).because(sideExcess(s, widest(s))));
            return;
        }
        for (StereoResult.Band b : s.bands()) {
            if (b.shareDb() > BAND_SHARE_DB && b.sideToMidDb() > BAND_SIDE_TO_MID_DB) {
                out.add(Finding.whole(FindingCode.WIDTH, Severity.WARNING,
                        String.format(Locale.ROOT, "In %s the side signal is %s dB louder than the mid.", bandName(b), Clock.db(b.sideToMidDb())),
                        hint, Map.of("side_to_mid_db", b.sideToMidDb(), "lo_hz", b.loHz())).because(sideExcess(s, b)));
                return;
            }
        }
        double[] passage = longestAbove(s.sideToMidOverTime(), WIDE_PASSAGE_DB);
        if (passage != null && passage[1] - passage[0] >= WIDE_PASSAGE_MIN_S) {
            out.add(Finding.at(FindingCode.WIDTH, Severity.WARNING, passage[0], passage[1],
                    String.format(Locale.ROOT, "At %s the side signal is as loud as the mid or louder for %.0f s.",
                            Clock.range(passage[0], passage[1]), passage[1] - passage[0]),
                    hint, Map.of("side_to_mid_db", passage[2])).because(sideExcess(s, widest(s))));
        }
    }

    private static void lowEnd(StereoResult s, List<Finding> out) {
        StereoResult.Band low = s.bands().get(0);
        if (!(low.shareDb() > LOW_END_SHARE_DB)) return;
        if (s.lowEndCorrelation() < LOW_END_CORRELATION || s.lowEndSideToMidDb() > LOW_END_SIDE_TO_MID_DB) {
            out.add(Finding.whole(FindingCode.LOW_END_STEREO, Severity.WARNING,
                    String.format(Locale.ROOT, "The low end is not mono: below %.0f Hz correlation is %s and the side is %s.",
                            s.lowEndHz(), fmt(s.lowEndCorrelation()), sideAgainstMid(s.lowEndSideToMidDb())),
                    "Solo the bass and kick in mono and stereo: stereo bass smears on club systems and loses weight on mono speakers; keep below 120 Hz centred.",
                    Map.of("low_end_correlation", s.lowEndCorrelation(), "low_end_side_to_mid_db", s.lowEndSideToMidDb()))
                    .because(sideExcess(s, low)));
        }
    }

    /** "4.2 dB under the mid", "as loud as the mid", "1.3 dB over the mid": never a negative figure "under". */
    private static String sideAgainstMid(double sideToMidDb) {
        String db = Clock.db(Math.abs(sideToMidDb));
        if (db.equals("0.0")) return "as loud as the mid";
        return db + (sideToMidDb < 0 ? " dB under the mid" : " dB over the mid");
    }

    /** Channels cancelling: the one stereo defect that explains all the others, reported alone. */
    private static final Cause POLARITY = new Cause("channels out of polarity", FindingCode.MONO_COMPAT);

    /** Too much side signal in band {@code b}: stereo bass below 120 Hz, a wide part above. */
    private static Cause sideExcess(StereoResult s, StereoResult.Band b) {
        return new Cause("side excess in " + bandName(b), b == s.bands().get(0) ? FindingCode.LOW_END_STEREO : FindingCode.WIDTH);
    }

    /**
     * The band holding most of the side energy, where the whole mix's width and mono loss come
     * from: its share of the energy plus its side's share of the band's (side/(mid+side)), in dB.
     */
    private static StereoResult.Band widest(StereoResult s) {
        StereoResult.Band best = s.bands().get(0);
        double bestDb = Double.NEGATIVE_INFINITY;
        for (StereoResult.Band b : s.bands()) {
            double sideDb = b.shareDb() + b.sideToMidDb() - 10 * Math.log10(1 + Math.pow(10, b.sideToMidDb() / 10));
            if (sideDb > bestDb) {
                best = b;
                bestDb = sideDb;
            }
        }
        return best;
    }

    /** The longest run of values above {@code limit}: {start, end, mean}, or null. */
    private static double[] longestAbove(TimeSeries t, double limit) {
        double[] best = null;
        int start = -1;
        double sum = 0;
        double[] v = t.values();
        for (int i = 0; i <= v.length; i++) {
            boolean in = i < v.length && v[i] > limit;
            if (in) {
                if (start < 0) { start = i; sum = 0; }
                sum += v[i];
            } else if (start >= 0) {
                double s0 = start * t.stepS(), s1 = i * t.stepS();
                if (best == null || s1 - s0 > best[1] - best[0]) best = new double[]{s0, s1, sum / (i - start)};
                start = -1;
            }
        }
        return best;
    }

    private static String bandName(StereoResult.Band b) {
        if (b.loHz() <= 0) return String.format(Locale.ROOT, "the band below %.0f Hz", b.hiHz());
        if (Double.isInfinite(b.hiHz())) return String.format(Locale.ROOT, "the band above %s", hz(b.loHz()));
        return "the " + hz(b.loHz()) + "-" + hz(b.hiHz()) + " band";
    }

    private static String hz(double f) {
        return f >= 1000 ? String.format(Locale.ROOT, "%.0f kHz", f / 1000) : String.format(Locale.ROOT, "%.0f Hz", f);
    }

    private static String fmt(double c) {
        return String.format(Locale.ROOT, "%.2f", c);
    }
}
