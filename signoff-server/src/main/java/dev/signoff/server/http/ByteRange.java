package dev.signoff.server.http;

/**
 * One byte range of a representation (RFC 9110 section 14): {@code first} to {@code last},
 * inclusive. Parsing follows the RFC's leniency: a header this server does not serve as a range
 * (several ranges, another unit, garbage) is ignored and the whole file is sent; a range that
 * starts past the end is unsatisfiable (416).
 */
public record ByteRange(long first, long last) {

    /** The outcome of reading a Range header against a file of some size. */
    public sealed interface Request permits Whole, Partial, Unsatisfiable {}
    public record Whole() implements Request {}
    public record Partial(ByteRange range, boolean openEnded) implements Request {}
    public record Unsatisfiable() implements Request {}

    public long length() { return last - first + 1; }

    public static Request parse(String header, long size) {
        if (header == null) return new Whole();
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) return new Whole();
        String spec = h.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) return new Whole();
        String a = spec.substring(0, dash).trim(), b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {   // suffix: the last N bytes
                if (b.isEmpty()) return new Whole();
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) return new Unsatisfiable();
                return new Partial(new ByteRange(Math.max(0, size - n), size - 1), false);
            }
            long first = Long.parseLong(a);
            if (first >= size) return new Unsatisfiable();
            if (b.isEmpty()) return new Partial(new ByteRange(first, size - 1), true);
            long last = Long.parseLong(b);
            if (last < first) return new Whole();
            return new Partial(new ByteRange(first, Math.min(last, size - 1)), false);
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
