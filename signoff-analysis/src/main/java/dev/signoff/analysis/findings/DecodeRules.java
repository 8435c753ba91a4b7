package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.technical.SampleHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NON_FINITE_SAMPLES and SILENT: audio that could not be measured, always a problem, so that a
 * report never calls a file clean when its numbers rest on invalid samples or on no sound at all
 * (docs/findings.md).
 */
public final class DecodeRules implements FindingRule {

    @Override
    public List<Finding> judge(Measurements m) {
        SampleHealth h = m.samples();
        List<Finding> out = new ArrayList<>();
        if (h.nonFiniteSamples() > 0) {
            double at = h.firstNonFiniteS();
            out.add(Finding.at(FindingCode.NON_FINITE_SAMPLES, Severity.PROBLEM, at, at,
                    String.format(Locale.ROOT, "%d sample%s not a number (NaN or infinite), the first at %s; loudness, peaks "
                                    + "and spectra are measured over the finite samples, the others taken as silence.",
                            h.nonFiniteSamples(), h.nonFiniteSamples() == 1 ? " is" : "s are", Clock.format(at)),
                    "Listen at " + Clock.format(at) + " for a click or a dropout: a plug-in wrote invalid values into the float bounce "
                            + "(often a filter or a restoration plug-in); bypass them one by one and re-bounce.",
                    Map.of("non_finite_samples", (double) h.nonFiniteSamples(), "first_s", at)));
        }
        if (h.silent()) {
            out.add(Finding.whole(FindingCode.SILENT, Severity.PROBLEM,
                    "The decoded audio is digital silence from start to end (" + Clock.format(m.durationS())
                            + ", every sample exactly zero): there is nothing to measure.",
                    "Check the bounce: a muted master or track, the wrong range or source, or a render that failed before writing audio.",
                    Map.of("duration_s", m.durationS())));
        }
        return out;
    }
}
