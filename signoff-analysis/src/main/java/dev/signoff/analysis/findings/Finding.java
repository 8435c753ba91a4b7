package dev.signoff.analysis.findings;

import java.util.List;
import java.util.Map;

/**
 * Something worth the engineer's attention, as data: renderers decide how it looks.
 *
 * @param code     stable identifier
 * @param severity how much it matters
 * @param startS   where it starts in seconds, or null when it concerns the whole mix
 * @param endS     where it ends in seconds, or null
 * @param message  one plain-language sentence with the measured numbers
 * @param hint     what to listen for
 * @param values   the measured numbers behind the message, by name (e.g. "balance_db")
 * @param cause    what in the mix the finding is about, or null when nothing else can share its
 *                 cause; findings of one cause at overlapping times become one ({@link OneFindingPerCause})
 * @param merged   the codes of the findings merged into this one (empty when none)
 */
public record Finding(FindingCode code, Severity severity, Double startS, Double endS,
                      String message, String hint, Map<String, Double> values, Cause cause, List<FindingCode> merged) {

    public Finding {
        values = values == null ? Map.of() : Map.copyOf(values);
        merged = merged == null ? List.of() : List.copyOf(merged);
    }

    /** A finding about the whole mix (no place in time). */
    public static Finding whole(FindingCode code, Severity severity, String message, String hint, Map<String, Double> values) {
        return new Finding(code, severity, null, null, message, hint, values, null, List.of());
    }

    public static Finding at(FindingCode code, Severity severity, double startS, double endS,
                             String message, String hint, Map<String, Double> values) {
        return new Finding(code, severity, startS, endS, message, hint, values, null, List.of());
    }

    /** This finding, naming what it is about. */
    public Finding because(Cause c) {
        return new Finding(code, severity, startS, endS, message, hint, values, c, merged);
    }

    /** Whether the two share some time; a whole-mix finding shares time with every other. */
    public boolean overlaps(Finding other) {
        if (startS == null || other.startS == null) return true;
        return startS < other.endS && other.startS < endS;
    }
}
