package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;

import java.util.List;

/** Turns measurements into findings for one family of codes. Pure: same measures, same findings. */
public interface FindingRule {
    List<Finding> judge(Measurements m);
}
