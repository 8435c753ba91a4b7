package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;

import java.util.List;

/** PLACEHOLDER: to be written. */
public final class TechnicalRules implements FindingRule {
    @Override public List<Finding> judge(Measurements m) { return List.of(); }
}
