package dev.signoff.analysis.tonal;

/**
 * The range a mix's {@link dev.signoff.analysis.tonal.TonalBalance} figures are judged against.
 * Without references this is the {@linkplain #builtIn() built-in range}; with references (a later
 * feature) it becomes the spread of the references themselves.
 *
 * @param source        where the limits come from, for messages ("the built-in range")
 * @param lowEndMinDb   31.5-100 Hz against the body: below this, LOW_END_WEAK
 * @param lowEndMaxDb   above this, LOW_END_EXCESS
 * @param mudMaxDb      200-400 Hz above its neighbours' trend: above this, MUD
 * @param harshMaxDb    2-5 kHz above its neighbours' trend: above this, HARSH_BUILDUP
 * @param airMinDb      8-16 kHz against the body: below this, DULL
 * @param sibilanceMaxDb loudest 5-10 kHz bursts over the 1-4 kHz body: above this, SIBILANCE
 */
public record TonalRange(String source, double lowEndMinDb, double lowEndMaxDb, double mudMaxDb, double harshMaxDb,
                         double airMinDb, double sibilanceMaxDb) {

    /**
     * The built-in range, from data: the 5th and 95th percentiles of each figure over the
     * real-music calibration set (bench/realmusic.py: 147 finished tracks of eight Debian music
     * packages, orchestral, rock, electronic, ambient), rounded outwards to 0.5 dB, so that 95 % of
     * finished tracks stay inside each limit. The low end may sit from 13.5 dB below to 13.5 dB
     * above the 500 Hz-1.6 kHz body; the low mids and the presence region may rise 5 dB above the
     * trend of their neighbours; the 8-16 kHz region may fall to 37.5 dB below the body. Finished
     * records differ so much that a single tonal figure cannot tell a +6 dB EQ move from a mix
     * made that way (docs/findings.md gives the measured recall): references are the better judge.
     * The sibilance limit applies to mixes with a lead voice; instrumental mixes are not judged.
     */
    public static TonalRange builtIn() {
        return new TonalRange("the built-in range", LOW_END_MIN_DB, LOW_END_MAX_DB, MUD_MAX_DB, HARSH_MAX_DB, AIR_MIN_DB, SIBILANCE_MAX_DB);
    }

    static final double LOW_END_MIN_DB = -13.5;
    static final double LOW_END_MAX_DB = 13.5;
    static final double MUD_MAX_DB = 5.0;
    static final double HARSH_MAX_DB = 5.0;
    static final double AIR_MIN_DB = -37.5;
    /** Not from the set (it holds almost no voices): the loudest "s" bursts of a mix with a lead voice. */
    static final double SIBILANCE_MAX_DB = 2.5;
}
