package dev.signoff.server.http;

/**
 * A request the server refuses, with the HTTP status and the one-line message the client sees
 * (as {@code {"error": message}}). A full disk is a 507 with its own message; anything else that goes
 * wrong is a 500 with a generic message.
 */
public final class Problem extends RuntimeException {
    private final int status;

    public Problem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() { return status; }

    public static Problem badRequest(String message) { return new Problem(400, message); }
    public static Problem unauthorized(String message) { return new Problem(401, message); }
    public static Problem forbidden(String message) { return new Problem(403, message); }
    public static Problem notFound(String message) { return new Problem(404, message); }
    public static Problem conflict(String message) { return new Problem(409, message); }
    public static Problem tooLarge(String message) { return new Problem(413, message); }
    public static Problem unsupported(String message) { return new Problem(415, message); }
    public static Problem tooManyRequests(String message) { return new Problem(429, message); }
    /** 507: nothing can be stored (see {@link dev.signoff.server.store.DiskFull}). */
    public static Problem diskFull() { return new Problem(507, dev.signoff.server.store.DiskFull.MESSAGE); }
}
