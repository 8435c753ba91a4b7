package dev.signoff.session;

/** The session findings, each with its severity; documented in docs/session.md. */
public enum SessionCode {
    MISSING_MEDIA(Severity.PROBLEM),
    OFFLINE_PLUGIN(Severity.PROBLEM),
    MEDIA_OUTSIDE_PROJECT(Severity.WARNING),
    BYPASSED_PLUGIN(Severity.WARNING),
    SAMPLE_RATE_MISMATCH(Severity.WARNING),
    BOUNCE_MISMATCH(Severity.WARNING),
    UNNAMED_TRACK(Severity.WARNING),
    UNUSED_MEDIA(Severity.NOTE),
    ALTERNATE_TAKES(Severity.NOTE),
    MUTED_CONTENT(Severity.NOTE),
    EMPTY_TRACK(Severity.NOTE),
    MASTER_BUS_PROCESSING(Severity.NOTE),
    NO_MARKERS(Severity.NOTE);

    private final Severity severity;

    SessionCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() { return severity; }
}
