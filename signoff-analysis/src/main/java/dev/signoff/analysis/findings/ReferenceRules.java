package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.references.Spread;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OVER_COMPRESSED and OVER_DEESSED: what only the references can tell. A built-in range cannot
 * say how dynamic or how sibilant a genre should be; the engineer's references can. Both are
 * warnings. Thresholds and reasons are in docs/findings.md.
 */
public final class ReferenceRules implements FindingRule {
    /** PLR this far under the most compressed reference: audibly flatter at matched loudness. */
    static final double COMPRESSED_MARGIN_DB = 2.0;
    /** "s" bursts this far under the least sibilant reference: a de-esser working too hard. */
    static final double DEESSED_MARGIN_DB = 3.0;

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
        if (!Double.isNaN(sib.min()) && !Double.isNaN(sib.mix()) && sib.mix() < sib.min() - DEESSED_MARGIN_DB) {
            out.add(Finding.whole(FindingCode.OVER_DEESSED, Severity.WARNING,
                    String.format(Locale.ROOT, "The loudest \"s\" sounds reach %s dB over the 1-4 kHz body, %s dB under the least sibilant of %s (%s dB).",
                            Clock.signedDb(sib.mix()), Clock.db(sib.min() - sib.mix()), refs, Clock.signedDb(sib.min())),
                    "Listen to the vocal's s and t sounds: a de-esser working too hard makes the singer sound lispy and the top end dull.",
                    Map.of("sibilance_db", sib.mix(), "references_min_db", sib.min())));
        }
        return out;
    }
}
