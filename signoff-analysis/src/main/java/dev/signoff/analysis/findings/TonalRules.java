package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.tonal.SibilanceResult;
import dev.signoff.analysis.tonal.TonalBalance;
import dev.signoff.analysis.vocal.LeadVocal;

import java.util.ArrayList;
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

    private final TonalRange range;

    public TonalRules(TonalRange range) {
        this.range = range;
    }

    @Override
    public List<Finding> judge(Measurements m) {
        if (Double.isNaN(m.loudness().integratedLufs())) return List.of();
        TonalBalance t = m.tonalBalance();
        List<Finding> out = new ArrayList<>();
        if (t.lowEndDb() > range.lowEndMaxDb()) {
            out.add(whole(FindingCode.LOW_END_EXCESS, "The low end (31.5-100 Hz) sits %s dB over the midrange body, above the %s dB of %s.",
                    t.lowEndDb(), range.lowEndMaxDb(),
                    "Check the kick and bass on a system with real low end and on headphones: the mix may boom and eat the limiter's headroom.",
                    "low_end_db"));
        } else if (t.lowEndDb() < range.lowEndMinDb()) {
            out.add(whole(FindingCode.LOW_END_WEAK, "The low end (31.5-100 Hz) sits %s dB against the midrange body, below the %s dB of %s.",
                    t.lowEndDb(), range.lowEndMinDb(),
                    "Listen on a full-range system: kick and bass may lack weight; check for a high-pass filter left on the bus.",
                    "low_end_db"));
        }
        if (t.mudDb() > range.mudMaxDb()) {
            out.add(whole(FindingCode.MUD, "The low mids (200-400 Hz) rise %s dB above their neighbours, over the %s dB of %s.",
                    t.mudDb(), range.mudMaxDb(),
                    "Listen for a boxy, cloudy low-mid build-up where guitars, keys, pads and vocal overlap; sweep 200-400 Hz on the busiest tracks.",
                    "mud_db"));
        }
        if (t.harshDb() > range.harshMaxDb()) {
            out.add(whole(FindingCode.HARSH_BUILDUP, "The presence region (2-5 kHz) rises %s dB above its neighbours, over the %s dB of %s.",
                    t.harshDb(), range.harshMaxDb(),
                    "Rest your ears, then listen at a moderate level: a 2-5 kHz build-up creeps in over a long session and tires listeners quickly.",
                    "harsh_db"));
        }
        if (t.airDb() < range.airMinDb()) {
            out.add(whole(FindingCode.DULL, "The top end (8-16 kHz) sits %s dB below the midrange body, under the %s dB of %s.",
                    -t.airDb(), -range.airMinDb(),
                    "Compare with a reference: the mix may sound dull or veiled; check for a low-pass or a dark-sounding bus processor.",
                    "air_db"));
        }
        // Without a lead voice the 5-10 kHz bursts are cymbals and synths, which nobody de-esses.
        if (LeadVocal.judgeSibilance(m.leadVocal()) && t.sibilanceDb() > range.sibilanceMaxDb()) out.add(sibilance(m.sibilance(), t.sibilanceDb()));
        return out;
    }

    private Finding whole(FindingCode code, String template, double value, double limit, String hint, String key) {
        String msg = String.format(Locale.ROOT, template, Clock.db(value), Clock.db(limit), range.source());
        return Finding.whole(code, Severity.WARNING, msg, hint, Map.of(key, value, "limit_db", limit));
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
                Clock.signedDb(loudest), range.source(), Clock.signedDb(range.sibilanceMaxDb()), bursts, Clock.format(at));
        return Finding.at(FindingCode.SIBILANCE, Severity.WARNING, at, at + s.windowS(), msg,
                "Listen to the vocal's s and t sounds around " + Clock.format(at) + " on earbuds; a de-esser or a clip-gain dip on the worst ones.",
                Map.of("sibilance_db", loudest, "limit_db", range.sibilanceMaxDb(), "bursts", (double) bursts));
    }
}
