package dev.signoff.analysis.loudness;

import dev.signoff.analysis.TimeSeries;

/**
 * Programme loudness per ITU-R BS.1770-4 / EBU R128 and loudness range per EBU Tech 3342.
 * Levels in LUFS, NaN when the programme never passes the absolute gate (silence).
 *
 * @param integratedLufs   gated integrated loudness (absolute -70 LUFS and relative -10 LU gates)
 * @param lraLu            loudness range (10th to 95th percentile of gated short-term loudness)
 * @param lraLowLufs       the 10th percentile
 * @param lraHighLufs      the 95th percentile
 * @param maxMomentaryLufs highest 400 ms loudness
 * @param maxShortTermLufs highest 3 s loudness
 * @param momentary        momentary loudness every 100 ms (LUFS)
 * @param shortTerm        short-term loudness every 100 ms (LUFS)
 */
public record LoudnessResult(double integratedLufs, double lraLu, double lraLowLufs, double lraHighLufs,
                             double maxMomentaryLufs, double maxShortTermLufs,
                             TimeSeries momentary, TimeSeries shortTerm) {
}
