package dev.signoff.analysis.findings;

/** How much a finding matters, most serious first (the natural order sorts worst first). */
public enum Severity {
    /** Technically wrong; should be fixed before the mix leaves (exit code 1). */
    PROBLEM,
    /** Likely audible to the client; worth a listen. */
    WARNING,
    /** Worth knowing; often a deliberate choice. */
    NOTE;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
}
