package dev.signoff.analysis.drums;

/**
 * Kick and snare hits and how far they stand out of the mix around them.
 *
 * @param kickProminenceDb  median kick-band energy of the kick hits over the 3 s short-term level, dB (NaN when too few hits)
 * @param kickHits          kick hits found
 * @param snareProminenceDb median snare-band energy of the snare hits over the short-term level, dB (NaN when too few)
 * @param snareHits         snare hits found
 */
public record DrumHits(double kickProminenceDb, int kickHits, double snareProminenceDb, int snareHits) {}
