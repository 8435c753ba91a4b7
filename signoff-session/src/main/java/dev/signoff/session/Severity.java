package dev.signoff.session;

/** How much a session finding matters, worst first (the same three grades as check's findings). */
public enum Severity {
    /** The session will not open as it was: fix before archiving (exit code 1). */
    PROBLEM,
    /** Likely to cost time at the revision. */
    WARNING,
    /** Worth knowing; often deliberate. */
    NOTE;

    public String id() { return name().toLowerCase(java.util.Locale.ROOT); }
}
