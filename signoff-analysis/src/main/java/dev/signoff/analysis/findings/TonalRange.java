package dev.signoff.analysis.findings;

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
     * The built-in range: wide on purpose, so that only a balance far outside what finished
     * mixes show is flagged. The low end may sit from 6 dB below to 11 dB above the 500 Hz-1.6 kHz
     * body per band (from acoustic ballads to bass-heavy pop); the low-mid and presence regions may
     * not rise above the trend of their neighbours (a finished mix's spectrum falls smoothly; a
     * hump there is what a long session's ear fatigue leaves behind); the 8-16 kHz region may fall
     * to 26 dB below the body (a dark but finished mix sits around 12-18 dB below); the loudest
     * "s" bursts may reach 2.5 dB above the body at the moment they happen. The figures were set
     * between clean and defective renders of Signoff's own test songs (see docs/findings.md, which
     * gives the measured margins); references are the better judge of taste.
     */
    public static TonalRange builtIn() {
        return new TonalRange("the built-in range", -6.0, 11.0, 0.0, 0.0, -26.0, 2.5);
    }
}
