package dev.signoff.analysis.diff;

/**
 * A stretch of the new version's timeline, in seconds from the start of the new file.
 *
 * @param startS start
 * @param endS   end
 */
public record Span(double startS, double endS) {
    public double durationS() {
        return endS - startS;
    }

    /** Seconds this span shares with {@code other}. */
    public double overlapS(Span other) {
        return Math.max(0, Math.min(endS, other.endS) - Math.max(startS, other.startS));
    }
}
