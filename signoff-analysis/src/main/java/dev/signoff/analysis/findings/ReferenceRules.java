package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.references.Spread;
import dev.signoff.analysis.vocal.LeadVocal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OVER_COMPRESSED, OVER_DEESSED, KICK_PROMINENT and SNARE_PROMINENT: what only the references can tell. A built-in range cannot
 * say how dynamic or how sibilant a genre should be; the engineer's references can. Both are
 * warnings. Thresholds and reasons are in docs/findings.md.
 */
final class ReferenceRules implements FindingRule {
    /** PLR this far under the most compressed reference: audibly flatter at matched loudness. */
    static final double COMPRESSED_MARGIN_DB = 2.0;
    /** "s" bursts this far under the least sibilant reference: a de-esser working too hard. */
    static final double DEESSED_MARGIN_DB = 3.0;

    /** Hits this far above the most prominent reference's: the drum sits on top of the mix. */
    static final double DRUM_MARGIN_DB = 2.0;

    private final ReferenceComparison comparison;

    public ReferenceRules(ReferenceComparison comparison) {
        this.comparison = comparison;
    }

    @Override
    public List<Finding> judge(Measurements m) {
        List<Finding> out = new ArrayList<>();
        String refs = comparison.tonalRange().source();
        Spread plr = comparison.dynamics("plr_db");
        if (!Double.isNaN(plr.min()) && plr.mix() < plr.min() - COMPRESSED_MARGIN_DB) {
            Spread lra = comparison.dynamics("lra_lu");
            out.add(Finding.whole(FindingCode.OVER_COMPRESSED, Severity.WARNING,
                    String.format(Locale.ROOT, "PLR is %s dB, %s dB under the most compressed of %s (%s dB); LRA %s LU against %s-%s LU.",
                            Clock.db(plr.mix()), Clock.db(plr.min() - plr.mix()), refs, Clock.db(plr.min()),
                            Clock.db(lra.mix()), Clock.db(lra.min()), Clock.db(lra.max())),
                    "Listen to the references and the mix at matched loudness: are the kick and snare attacks flatter? Back off the bus compressor or the limiter.",
                    Map.of("plr_db", plr.mix(), "references_min_plr_db", plr.min())));
        }
        Spread sib = comparison.tonal("sibilance_db");
        if (LeadVocal.judgeSibilance(m.leadVocal()) && !Double.isNaN(sib.min()) && !Double.isNaN(sib.mix())
                && sib.mix() < sib.min() - DEESSED_MARGIN_DB) {
            out.add(Finding.whole(FindingCode.OVER_DEESSED, Severity.WARNING,
                    String.format(Locale.ROOT, "The loudest \"s\" sounds reach %s dB over the 1-4 kHz body, %s dB under the least sibilant of %s (%s dB).",
                            Clock.signedDb(sib.mix()), Clock.db(sib.min() - sib.mix()), refs, Clock.signedDb(sib.min())),
                    "Listen to the vocal's s and t sounds: a de-esser working too hard makes the singer sound lispy and the top end dull.",
                    Map.of("sibilance_db", sib.mix(), "references_min_db", sib.min()))
                    // The "s" sounds are measured against the 1-4 kHz body: a presence build-up there lowers them too.
                    .because(TonalRules.PRESENCE_BUILDUP));
        }
        drum(FindingCode.KICK_PROMINENT, TonalRules.LOW_END_HEAVY, comparison.drums("kick_prominence_db"), "kick", refs,
                "Listen at matched loudness on small speakers and earbuds: does the kick jump out and push the vocal back? A dB or two on the kick's fader or its low-end EQ.", out);
        drum(FindingCode.SNARE_PROMINENT, TonalRules.PRESENCE_BUILDUP, comparison.drums("snare_prominence_db"), "snare", refs,
                "Listen at matched loudness: does the snare crack over the vocal? Its level or its 1-5 kHz attack, or the room mics.", out);
        return out;
    }

    /**
     * @param cause the tonal excess the same drum would also read as (a kick in the low end, a
     *              snare's crack in the presence region): when that is raised too, the two are one finding
     */
    private static void drum(FindingCode code, Cause cause, Spread s, String name, String refs, String hint, List<Finding> out) {
        if (Double.isNaN(s.max()) || Double.isNaN(s.mix()) || !(s.mix() > s.max() + DRUM_MARGIN_DB)) return;
        out.add(Finding.whole(code, Severity.WARNING,
                String.format(Locale.ROOT, "The %s hits reach %s dB against the rest of the mix, %s dB more than in any of %s (at most %s dB).",
                        name, Clock.db(s.mix()), Clock.db(s.mix() - s.max()), refs, Clock.db(s.max())),
                hint, Map.of(name + "_prominence_db", s.mix(), "references_max_db", s.max())).because(cause));
    }
}
