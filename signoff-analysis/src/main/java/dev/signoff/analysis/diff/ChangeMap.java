package dev.signoff.analysis.diff;

/**
 * The change map: each 1/3-octave band's change, step by step on the new version's timeline, with
 * the whole song's level change taken out (so a local level change shows as a column, an EQ move
 * as a row). NaN where a band was not measured (silence, a band with next to nothing in it).
 *
 * @param startS    new-version time of the first step's start
 * @param stepS     step length
 * @param centerHz  band centres, low to high
 * @param db        [band][step] change in dB
 */
public record ChangeMap(double startS, double stepS, double[] centerHz, float[][] db) {
    public int steps() {
        return db.length == 0 ? 0 : db[0].length;
    }
}
