package dev.signoff.server.store;

/**
 * A change or lookup the stores refuse, with the one-line message the person asking should read.
 * The stores know nothing of HTTP: http.ErrorAnswers turns each {@link Reason} into its status.
 */
public final class StoreRefusal extends RuntimeException {
    public enum Reason {
        /** What was named does not exist (or is not part of what it was asked through). */
        NOT_FOUND,
        /** The request is fine but the state forbids it now (approved, already sent...). */
        CONFLICT,
        /** A value given is out of its allowed range or set. */
        INVALID,
        /** Too many of something for one listener or page. */
        TOO_MANY
    }

    private final Reason reason;

    public StoreRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() { return reason; }

    public static StoreRefusal notFound(String message) { return new StoreRefusal(Reason.NOT_FOUND, message); }
    public static StoreRefusal conflict(String message) { return new StoreRefusal(Reason.CONFLICT, message); }
    public static StoreRefusal invalid(String message) { return new StoreRefusal(Reason.INVALID, message); }
    public static StoreRefusal tooMany(String message) { return new StoreRefusal(Reason.TOO_MANY, message); }
}
