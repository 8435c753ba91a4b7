package dev.signoff.analysis.vocal;

/** Who decides whether the mix has a lead voice: the detector, or the engineer ({@code check --instrumental}, {@code --vocal}). */
public enum VocalChoice {
    DETECT, INSTRUMENTAL, VOCAL;

    /** The detector's verdict, or the engineer's in its place. */
    public LeadVocal apply(LeadVocal detected) {
        return switch (this) {
            case DETECT -> detected;
            case INSTRUMENTAL -> LeadVocal.forced(false);
            case VOCAL -> LeadVocal.forced(true);
        };
    }
}
