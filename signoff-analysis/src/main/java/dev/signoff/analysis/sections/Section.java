package dev.signoff.analysis.sections;

/**
 * One part of a song as {@link SectionFinder} sees it.
 *
 * @param startS       start, seconds from the start of the file
 * @param endS         end, seconds from the start of the file
 * @param label        "A", "B", "C"... in order of first appearance; sections of similar material
 *                     share a letter. {@value #QUIET_LABEL} for a quiet section (a stop or a break
 *                     with next to nothing playing), which is not material to compare
 * @param quiet        the section is a stop: its level stays more than
 *                     {@value SectionFinder#QUIET_BELOW_DB} dB below the loud parts of the song
 * @param levelDb      mean power of the section (unweighted, channels averaged) in dBFS; a full-scale
 *                     sine reads -3 dBFS. Good for comparing sections, not a loudness measurement
 * @param loudnessLufs the section's loudness in LUFS (energy mean of the short-term loudness inside
 *                     it), NaN until {@link SectionsResult#withLoudness} supplies the series
 * @param energyRank   1 for the most energetic section, by loudness when known, else by level
 * @param chorus       the section carries the repeated, high-energy label: the song's chorus
 */
public record Section(double startS, double endS, String label, boolean quiet, double levelDb,
                      double loudnessLufs, int energyRank, boolean chorus) {

    public static final String QUIET_LABEL = "-";

    public double durationS() { return endS - startS; }

    /** The level used for ranking: loudness when known, else the unweighted level. */
    public double energyDb() { return Double.isNaN(loudnessLufs) ? levelDb : loudnessLufs; }

    Section withLoudness(double lufs) {
        return new Section(startS, endS, label, quiet, levelDb, lufs, energyRank, chorus);
    }

    Section withRankAndChorus(int rank, boolean isChorus) {
        return new Section(startS, endS, label, quiet, levelDb, loudnessLufs, rank, isChorus);
    }
}
