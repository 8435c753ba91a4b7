package dev.signoff.analysis.findings;

import dev.signoff.analysis.tonal.TonalRange;
import dev.signoff.analysis.Measure;
import java.util.EnumSet;
import java.util.Set;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.tonal.SibilanceResult;
import dev.signoff.analysis.tonal.TonalBalance;
import dev.signoff.analysis.vocal.LeadVocal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HARSH_BUILDUP, SIBILANCE, DULL, MUD, LOW_END_EXCESS, LOW_END_WEAK: the mix's tonal balance
 * ({@link TonalBalance}) outside a {@link TonalRange}. All are warnings: tone is taste, and
 * Signoff only points at where to listen.
 */
public final class TonalRules implements FindingRule {
    /** Bursts this close together are one sibilant passage when finding the worst moment. */
    private static final double BURST_MERGE_S = 0.1;

    /** Too much 31.5-100 Hz; a kick that jumps out of the mix against the references is the same excess. */
    static final Cause LOW_END_HEAVY = new Cause("too much low end (31.5-100 Hz)", FindingCode.LOW_END_EXCESS);
    static final Cause LOW_END_LIGHT = new Cause("too little low end (31.5-100 Hz)", FindingCode.LOW_END_WEAK);
    static final Cause LOW_MID_BUILDUP = new Cause("a low-mid build-up (200-400 Hz)", FindingCode.MUD);
    /** A 2-5 kHz build-up; a snare whose crack jumps out against the references is the same excess. */
    static final Cause PRESENCE_BUILDUP = new Cause("a presence build-up (2-5 kHz)", FindingCode.HARSH_BUILDUP);
    static final Cause TOP_MISSING = new Cause("a missing top end (8-16 kHz)", FindingCode.DULL);
    static final Cause HOT_S = new Cause("hot \"s\" sounds (5-10 kHz bursts)", FindingCode.SIBILANCE);

    private final TonalRange range;

    public TonalRules(TonalRange range) {
        this.range = range;
    }

    @Override
    public Set<Measure> needs() {
        return EnumSet.of(Measure.SPECTRUM, Measure.SIBILANCE, Measure.LOUDNESS);
    }

    @Override
    public List<Finding> judge(Measurements m) {
        if (Double.isNaN(m.loudness().integratedLufs())) return List.of();
        TonalBalance t = m.tonalBalance();
        TonalRange builtIn = TonalRange.builtIn();
        List<Finding> out = new ArrayList<>();
        if (t.lowEndDb() > range.lowEndMaxDb()) {
            out.add(whole(FindingCode.LOW_END_EXCESS, LOW_END_HEAVY, "The low end (31.5-100 Hz) sits %s dB over the midrange body, above the %s dB of %s.",
                    t.lowEndDb(), range.lowEndMaxDb(), builtIn.lowEndMaxDb(),
                    "Check the kick and bass on a system with real low end and on headphones: the mix may boom and eat the limiter's headroom.",
                    "low_end_db"));
        } else if (t.lowEndDb() < range.lowEndMinDb()) {
            out.add(whole(FindingCode.LOW_END_WEAK, LOW_END_LIGHT, "The low end (31.5-100 Hz) sits %s dB against the midrange body, below the %s dB of %s.",
                    t.lowEndDb(), range.lowEndMinDb(), builtIn.lowEndMinDb(),
                    "Listen on a full-range system: kick and bass may lack weight; check for a high-pass filter left on the bus.",
                    "low_end_db"));
        }
        if (t.mudDb() > range.mudMaxDb()) {
            out.add(whole(FindingCode.MUD, LOW_MID_BUILDUP, "The low mids (200-400 Hz) rise %s dB above their neighbours, over the %s dB of %s.",
                    t.mudDb(), range.mudMaxDb(), builtIn.mudMaxDb(),
                    "Listen for a boxy, cloudy low-mid build-up where guitars, keys, pads and vocal overlap; sweep 200-400 Hz on the busiest tracks.",
                    "mud_db"));
        }
        if (t.harshDb() > range.harshMaxDb()) {
            out.add(whole(FindingCode.HARSH_BUILDUP, PRESENCE_BUILDUP, "The presence region (2-5 kHz) rises %s dB above its neighbours, over the %s dB of %s.",
                    t.harshDb(), range.harshMaxDb(), builtIn.harshMaxDb(),
                    "Rest your ears, then listen at a moderate level: a 2-5 kHz build-up creeps in over a long session and tires listeners quickly.",
                    "harsh_db"));
        }
        if (t.airDb() < range.airMinDb()) {
            out.add(whole(FindingCode.DULL, TOP_MISSING, "The top end (8-16 kHz) sits %s dB below the midrange body, under the %s dB of %s.",
                    -t.airDb(), -range.airMinDb(), -builtIn.airMinDb(),
                    "Compare with a reference: the mix may sound dull or veiled; check for a low-pass or a dark-sounding bus processor.",
                    "air_db"));
        }
        // Without a lead voice the 5-10 kHz bursts are cymbals and synths, which nobody de-esses.
        if (LeadVocal.judgeSibilance(m.leadVocal()) && t.sibilanceDb() > range.sibilanceMaxDb()) out.add(sibilance(m.sibilance(), t.sibilanceDb()));
        return out;
    }

    /** Whether the range is the references' rather than the built-in one (the built-in limit is then a figure of its own). */
    private boolean fromReferences() {
        return !range.equals(TonalRange.builtIn());
    }

    private Finding whole(FindingCode code, Cause cause, String template, double value, double limit, double builtInLimit, String hint, String key) {
        String msg = String.format(Locale.ROOT, template, Clock.dbPast(value, limit), Clock.db(limit), range.source());
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(key, value);
        values.put("limit_db", limit);
        if (fromReferences()) values.put("builtin_limit_db", builtInLimit);
        return Finding.whole(code, Severity.WARNING, msg, hint, values).because(cause);
    }

    /** Points at the worst burst, since that is where the engineer will listen first. */
    private Finding sibilance(SibilanceResult s, double loudest) {
        float[] r = s.ratioDb();
        int worst = -1;
        int bursts = 0;
        double lastBurstEnd = -1;
        for (int i = 0; i < r.length; i++) {
            if (Float.isNaN(r[i]) || r[i] <= range.sibilanceMaxDb()) continue;
            double t = i * s.windowS();
            if (t - lastBurstEnd > BURST_MERGE_S) bursts++;
            lastBurstEnd = t + s.windowS();
            if (worst < 0 || r[i] > r[worst]) worst = i;
        }
        double at = worst * s.windowS();
        String msg = String.format(Locale.ROOT,
                "Sibilance: the loudest \"s\" bursts reach %s dB over the 1-4 kHz body (%s allows %s); %d bursts, the worst at %s.",
                Clock.signedDbPast(loudest, range.sibilanceMaxDb()), range.source(), Clock.signedDb(range.sibilanceMaxDb()), bursts, Clock.format(at));
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("sibilance_db", loudest);
        values.put("limit_db", range.sibilanceMaxDb());
        if (fromReferences()) values.put("builtin_limit_db", TonalRange.builtIn().sibilanceMaxDb());
        values.put("bursts", (double) bursts);
        return Finding.at(FindingCode.SIBILANCE, Severity.WARNING, at, at + s.windowS(), msg,
                "Listen to the vocal's s and t sounds around " + Clock.format(at) + " on earbuds; a de-esser or a clip-gain dip on the worst ones.",
                values).because(HOT_S);
    }
}
