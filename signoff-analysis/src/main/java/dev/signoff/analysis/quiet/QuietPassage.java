package dev.signoff.analysis.quiet;

/**
 * A quiet stretch inside the song (a stop or breakdown) and what is left in it.
 *
 * @param startS          start in seconds
 * @param endS            end in seconds
 * @param loudnessLufs    short-term loudness inside (NaN when digitally silent)
 * @param surroundingLufs loudness of the music around it
 * @param content         what the passage contains
 * @param levelDbfs       RMS level inside, dBFS (NaN when digitally silent)
 * @param hissDbfs        estimated broadband noise floor, dBFS (NaN when none)
 * @param humHz           fundamental of detected mains hum (50 or 60), or NaN
 * @param humDbfs         level of the hum fundamental plus harmonics, dBFS, or NaN
 */
public record QuietPassage(double startS, double endS, double loudnessLufs, double surroundingLufs,
                           Content content, double levelDbfs, double hissDbfs, double humHz, double humDbfs) {

    public enum Content {
        /** Nothing at all: exact zeros (or below -120 dBFS). Never a finding. */
        DIGITAL_SILENCE,
        /** A broadband noise floor (amp hiss, preamp noise) with no music. */
        HISS,
        /** Mains hum at 50/60 Hz and harmonics. */
        HUM,
        /** Hiss and hum together. */
        HISS_AND_HUM,
        /** Quiet but musical (a soft breakdown, a reverb tail): not noise. */
        QUIET_MUSIC
    }
}
