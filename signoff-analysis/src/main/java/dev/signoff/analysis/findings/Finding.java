package dev.signoff.analysis.findings;

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
 */
public record Finding(FindingCode code, Severity severity, Double startS, Double endS,
                      String message, String hint, Map<String, Double> values) {

    public Finding {
        values = values == null ? Map.of() : Map.copyOf(values);
    }

    /** A finding about the whole mix (no place in time). */
    public static Finding whole(FindingCode code, Severity severity, String message, String hint, Map<String, Double> values) {
        return new Finding(code, severity, null, null, message, hint, values);
    }

    public static Finding at(FindingCode code, Severity severity, double startS, double endS,
                             String message, String hint, Map<String, Double> values) {
        return new Finding(code, severity, startS, endS, message, hint, values);
    }
}
