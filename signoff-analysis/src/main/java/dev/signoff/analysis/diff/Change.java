package dev.signoff.analysis.diff;

import java.util.List;

/**
 * One difference between two versions of a mix, as data: the renderers decide how it looks.
 *
 * @param kind      what sort of difference
 * @param freqLoHz  lowest frequency concerned (for a tonal change the lower half-gain point), or null when
 *                  the change concerns every frequency
 * @param freqHiHz  highest frequency concerned, or null
 * @param peakHz    where a tonal change is largest (interpolated between 1/3-octave bands), or null
 * @param spans     where it happens on the new version's timeline; empty when it concerns the whole song
 * @param db        the size of the change in dB, its meaning by kind: {@code level} the new version's gain;
 *                  {@code tonal} the range's gain at its peak, after level matching; {@code balance} the change of
 *                  left minus right; {@code width} the change of the side signal against the mid; {@code noise}
 *                  the noise's level in dBFS in the new version, or in the old one when it was removed; null for {@code polarity} and {@code timing}
 * @param shiftS    for {@code timing}: seconds added (positive) or taken away (negative) at that place; else null
 * @param where     the place in words: "whole song", "choruses only", "at 0:24.0-0:39.9"
 * @param message   one plain sentence with the numbers
 * @param audible   whether the change is at least the just-noticeable difference for its kind
 *                  ({@link Audibility}); changes below it are real but most listeners will not hear them
 * @param noise     for {@code noise}: which way it went and its level in each version; else null
 */
public record Change(ChangeKind kind, Double freqLoHz, Double freqHiHz, Double peakHz, List<Span> spans,
                     Double db, Double shiftS, String where, String message, boolean audible, NoiseChange noise) {

    public Change {
        spans = spans == null ? List.of() : List.copyOf(spans);
    }

    /** A change of any kind but {@code noise}. */
    public Change(ChangeKind kind, Double freqLoHz, Double freqHiHz, Double peakHz, List<Span> spans,
                  Double db, Double shiftS, String where, String message, boolean audible) {
        this(kind, freqLoHz, freqHiHz, peakHz, spans, db, shiftS, where, message, audible, null);
    }

    /** Start of the first span, or null for the whole song. */
    public Double startS() {
        return spans.isEmpty() ? null : spans.get(0).startS();
    }

    /** End of the last span, or null for the whole song. */
    public Double endS() {
        return spans.isEmpty() ? null : spans.get(spans.size() - 1).endS();
    }

    public boolean wholeSong() {
        return spans.isEmpty();
    }
}
