package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.references.ReferenceComparison;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The set of rules a check applies, and the ranking of what they find (worst first, then in time). */
public final class FindingRules implements FindingRule {
    private final List<FindingRule> rules;

    public FindingRules(List<FindingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The built-in rules, judging tonal balance against the built-in range. */
    public static FindingRules standard() {
        return new FindingRules(List.of(new PeakRules(), new TechnicalRules(), new StereoRules(),
                new TonalRules(TonalRange.builtIn()), new QuietPassageRules()));
    }

    /** The built-in rules with the tonal balance judged against the references, plus the reference-only rules. */
    public static FindingRules against(ReferenceComparison references) {
        return new FindingRules(List.of(new PeakRules(), new TechnicalRules(), new StereoRules(),
                new TonalRules(references.tonalRange()), new QuietPassageRules(), new ReferenceRules(references)));
    }

    @Override
    public List<Finding> judge(Measurements m) {
        List<Finding> all = new ArrayList<>();
        for (FindingRule r : rules) all.addAll(r.judge(m));
        all.sort(RANKING);
        return List.copyOf(all);
    }

    public static final Comparator<Finding> RANKING = Comparator
            .comparing(Finding::severity)
            .thenComparing(f -> f.startS() == null ? -1.0 : f.startS());
}
