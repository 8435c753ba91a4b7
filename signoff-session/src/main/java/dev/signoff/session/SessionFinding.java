package dev.signoff.session;

/** One thing in the session that will hurt at the revision: the same shape as check's findings. {@code track} is empty for the whole session. */
public record SessionFinding(SessionCode code, String track, String message, String hint) {

    public SessionFinding {
        track = track == null ? "" : track;
    }

    public Severity severity() {
        return code.severity();
    }
}
