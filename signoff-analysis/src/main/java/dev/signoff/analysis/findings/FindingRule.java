package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measure;
import dev.signoff.analysis.Measurements;

import java.util.List;
import java.util.Set;

/** Turns measurements into findings for one family of codes. Pure: same measures, same findings. */
interface FindingRule {
    List<Finding> judge(Measurements m);

    /** The measures this rule reads; a pass that was not asked for one of them is not judged by it. */
    default Set<Measure> needs() {
        return Set.of();
    }
}
