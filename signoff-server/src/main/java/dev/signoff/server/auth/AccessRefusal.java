package dev.signoff.server.auth;

/**
 * A request the guards turn away, with the one-line message the client sees. http.ErrorAnswers turns
 * each {@link Reason} into its status, so the guards know no HTTP status codes.
 */
public final class AccessRefusal extends RuntimeException {
    public enum Reason {
        /** No session (or the link's password is still to be given). */
        SIGN_IN,
        /** A session, but not allowed this request (CSRF, another site, share session not opened). */
        FORBIDDEN,
        /** The link does not exist or no longer works. */
        NOT_FOUND,
        /** Over a rate limit. */
        TOO_MANY
    }

    private final Reason reason;

    public AccessRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
