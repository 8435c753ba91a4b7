package dev.signoff.analysis.revisions;

/**
 * One thing a client asked for in a round, as the review server keeps it: the words, and the time
 * in the song it was written at when there is one.
 *
 * @param text   the request as written ("vocal up 1 dB in the choruses", "sounds muddy here")
 * @param startS where in the song it points, seconds, or null
 * @param endS   where that stretch ends, or null for a moment
 */
public record RevisionItem(String text, Double startS, Double endS) {
    public RevisionItem {
        if (text == null) throw new IllegalArgumentException("text");
    }

    public static RevisionItem of(String text) {
        return new RevisionItem(text, null, null);
    }
}
