package dev.signoff.analysis.stereo;

import dev.signoff.analysis.TimeSeries;

import java.util.List;

/**
 * The stereo picture of the front pair. Mid = (L+R)/2, side = (L-R)/2.
 *
 * @param balanceDb          K-weighted loudness of left minus right, dB (positive leans left)
 * @param correlation        Pearson correlation of L and R over the whole file (-1..1)
 * @param sideToMidDb        side energy relative to mid energy, dB (-inf for mono -> NaN)
 * @param monoLossDb         loudness lost when folded to mono ((L+R)/2) versus the stereo loudness, LU (positive = quieter in mono)
 * @param lowEndCorrelation  correlation below {@code lowEndHz}
 * @param lowEndSideToMidDb  side/mid below {@code lowEndHz}
 * @param lowEndHz           the low-end split frequency (about 120 Hz)
 * @param bands              per-band figures
 * @param correlationOverTime correlation in consecutive windows
 * @param balanceOverTime    balance in consecutive windows, dB
 * @param sideToMidOverTime  side/mid in consecutive windows, dB
 */
public record StereoResult(double balanceDb, double correlation, double sideToMidDb, double monoLossDb,
                           double lowEndCorrelation, double lowEndSideToMidDb, double lowEndHz,
                           List<Band> bands,
                           TimeSeries correlationOverTime, TimeSeries balanceOverTime, TimeSeries sideToMidOverTime) {

    /**
     * Figures for one frequency band.
     *
     * @param shareDb the band's share of the stereo energy, dB (0 = all of it): tells whether its figures matter
     */
    public record Band(double loHz, double hiHz, double correlation, double sideToMidDb, double monoLossDb, double shareDb) {}
}
