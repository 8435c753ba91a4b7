package dev.signoff.analysis.diff;

/**
 * What the new version holds that the old one cannot explain, and the other way round, window by window (see
 * {@link NoiseScanner}).
 * Times are on the shared timeline (0 = the start of the part both versions have).
 *
 * @param windowS     length of each window
 * @param loHz        lowest frequency measured
 * @param hiHz        highest frequency measured
 * @param residualDb  power of the unexplained part of the new version, dBFS per channel (NaN: nothing)
 * @param newDb       power of the new version in the same range, dBFS
 * @param oldDb       power of the old version in the same range, dBFS
 * @param flatness    spectral flatness of the unexplained part (median over octaves of geometric over arithmetic
 *                    mean of its bins' powers): near 1 for noise, low for tones and harmonics; NaN when empty
 * @param oldResidualDb power of the unexplained part of the old version (what the new one cannot explain), dBFS per channel
 * @param oldFlatness  its spectral flatness
 * @param bandCenterHz the 1/3-octave bands of {@code bandShareDb} (NaN for bands below the regression's range)
 * @param bandShareDb [window][band] the unexplained part's share of its version's power in that band, dB, the larger of
 *                    the two versions'
 */
record NoiseScan(double windowS, double loHz, double hiHz, double[] residualDb, double[] newDb, double[] oldDb, double[] flatness,
                        double[] oldResidualDb, double[] oldFlatness, double[] bandCenterHz, double[][] bandShareDb) {
    public int windows() {
        return residualDb.length;
    }
}
