package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;

import java.util.List;

/** PLACEHOLDER: to be written. */
public final class TonalRules implements FindingRule {
    public TonalRules(TonalRange range) { }
    @Override public List<Finding> judge(Measurements m) { return List.of(); }
}
