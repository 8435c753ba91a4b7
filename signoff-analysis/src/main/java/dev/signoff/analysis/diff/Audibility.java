package dev.signoff.analysis.diff;

/**
 * How big a change has to be before listeners reliably hear it on typical systems: the
 * just-noticeable differences (JND) behind {@link Change#audible()} and the "let it go" meter.
 *
 * <p>Laboratory thresholds, with instant switching, matched levels and noise signals, are lower
 * than what a client notices in a revision played back on earbuds, a laptop or a car. The values
 * are set from the literature towards the upper end of the laboratory range, for music on ordinary
 * playback (docs/revisions.md gives the reasoning):
 * <ul>
 *   <li>broadband level {@value #LEVEL_JND_DB} dB: intensity JNDs for broadband noise are about
 *       0.4-0.5 dB above 40 dB SL (Miller 1947, "Sensitivity to changes in the intensity of white
 *       noise and its relation to masking and loudness", JASA 19), 0.5-1 dB for tones (Jesteadt, Wier
 *       and Green 1977, JASA 61); music that moves by itself needs the upper end;</li>
 *   <li>a frequency range {@value #TONAL_OCTAVE_JND_DB} dB when an octave or more wide, rising to
 *       {@value #TONAL_THIRD_OCTAVE_JND_DB} dB for a single third of an octave: broad, low-Q
 *       resonances are heard at smaller amplitudes than narrow ones (Toole and Olive 1988, "The
 *       modification of timbre by resonances: perception and measurement", JAES 36; Bücklein 1981,
 *       "The audibility of frequency response irregularities", JAES 29, found narrow peaks of a few
 *       dB inaudible in music and dips less audible still);</li>
 *   <li>left/right balance {@value #BALANCE_JND_DB} dB: the JND of interaural level difference
 *       is 0.5-1 dB (Mills 1960, JASA 32; Yost and Dye 1988, JASA 83);</li>
 *   <li>width (side against mid) {@value #WIDTH_JND_DB} dB: the JND of interaural correlation is
 *       about 0.04 at a correlation of 1 and grows as it falls (Gabriel and Colburn 1981, JASA 69;
 *       Culling, Colburn and Spurchise 2001, JASA 110); at the 0.6-0.9 correlation of typical mixes,
 *       0.08-0.15 of correlation is about 2 dB of side against mid.</li>
 * </ul>
 * A noise change (added, removed, or louder or quieter by at least the level JND), a single
 * channel's polarity flip and an edit are audible whenever they are reported (their detection
 * already asks that they stand out); a whole-mix polarity inversion and
 * silence added at the ends change nothing a listener hears.
 */
public final class Audibility {
    public static final double LEVEL_JND_DB = 1.0;
    public static final double TONAL_OCTAVE_JND_DB = 1.0;
    public static final double TONAL_THIRD_OCTAVE_JND_DB = 2.0;
    public static final double BALANCE_JND_DB = 1.0;
    public static final double WIDTH_JND_DB = 2.0;
    /** The {@link #index} given to an audible change that has no size in dB (noise, a one-channel flip, an edit). */
    public static final double AUDIBLE_WITHOUT_SIZE = 2.0;

    private Audibility() {}

    /** The JND in dB for a change of this kind over {@code loHz..hiHz} (null: all frequencies); NaN for kinds without a size. */
    public static double jndDb(ChangeKind kind, Double loHz, Double hiHz) {
        return switch (kind) {
            case LEVEL -> LEVEL_JND_DB;
            case BALANCE -> BALANCE_JND_DB;
            case WIDTH -> WIDTH_JND_DB;
            case TONAL -> tonalJndDb(loHz, hiHz);
            default -> Double.NaN;
        };
    }

    /** 1 dB for an octave or more, 2 dB for a third of an octave or less, in between linearly in octaves. */
    static double tonalJndDb(Double loHz, Double hiHz) {
        if (loHz == null || hiHz == null || loHz <= 0) return TONAL_OCTAVE_JND_DB;
        double octaves = Math.log(hiHz / loHz) / Math.log(2);
        if (octaves >= 1) return TONAL_OCTAVE_JND_DB;
        if (octaves <= 1 / 3.0) return TONAL_THIRD_OCTAVE_JND_DB;
        double t = (1 - octaves) / (1 - 1 / 3.0);
        return TONAL_OCTAVE_JND_DB + t * (TONAL_THIRD_OCTAVE_JND_DB - TONAL_OCTAVE_JND_DB);
    }

    /**
     * How many JNDs a change amounts to: |db| / JND for the kinds with a size; {@value #AUDIBLE_WITHOUT_SIZE}
     * for an audible change without one, 0 for one nobody hears.
     *
     * @param kind       the kind
     * @param db         its size (ignored for kinds without one)
     * @param loHz       its lowest frequency or null
     * @param hiHz       its highest frequency or null
     * @param audibleFlag for kinds without a size: whether it is heard (see the class comment)
     */
    public static double index(ChangeKind kind, Double db, Double loHz, Double hiHz, boolean audibleFlag) {
        double jnd = jndDb(kind, loHz, hiHz);
        if (Double.isNaN(jnd)) return audibleFlag ? AUDIBLE_WITHOUT_SIZE : 0;
        return db == null ? 0 : Math.abs(db) / jnd;
    }

    /** {@link #index} of a change already made. */
    public static double index(Change c) {
        return index(c.kind(), c.db(), c.freqLoHz(), c.freqHiHz(), c.audible());
    }
}
