package dev.signoff.analysis.vocal;

/**
 * Whether the mix has a lead voice ({@link LeadVocalDetector}), or what the engineer said it has.
 *
 * @param found   a lead voice is there: sibilance and de-essing are judged
 * @param share   the share of the music's windows where a voice was detected, 0-1 (NaN when forced)
 * @param windowS length of the detector's windows, s
 * @param voiced  per window: 1 voice, 0 none, NaN silence (empty when forced)
 * @param forced  the engineer decided ({@code check --instrumental} or {@code --vocal}), not the detector
 */
public record LeadVocal(boolean found, double share, double windowS, float[] voiced, boolean forced) {

    /** The detector's verdict: a voice in {@code voicedWindows} of the {@code musicWindows} that are not silent. */
    public static LeadVocal detected(int musicWindows, int voicedWindows, double windowS, float[] voiced) {
        double share = musicWindows == 0 ? 0 : voicedWindows / (double) musicWindows;
        return new LeadVocal(share >= LeadVocalDetector.MIN_SHARE, share, windowS, voiced, false);
    }

    /** What the engineer says, overriding the detector. */
    public static LeadVocal forced(boolean found) {
        return new LeadVocal(found, Double.NaN, Double.NaN, new float[0], true);
    }

    /** Whether sibilance is judged: with a lead voice, or when nobody looked for one ({@code v} null, e.g. hand-made measurements). */
    public static boolean judgeSibilance(LeadVocal v) {
        return v == null || v.found();
    }
}
