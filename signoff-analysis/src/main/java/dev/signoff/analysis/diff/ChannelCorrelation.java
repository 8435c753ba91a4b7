package dev.signoff.analysis.diff;

/**
 * How each channel of the new version relates to the old one's, over the whole shared part: the
 * sums behind the per-channel correlation (polarity) and the null test.
 *
 * <p>Input: both versions' spectra of every frame of the long STFT ({@link SpectraPairs}). By
 * Parseval, sums of |X|^2, |Y|^2 and Re(X Y*) over the bins of a frame are the frame's energies and
 * zero-lag cross-correlation of the (windowed) signals, so one pass gives:
 * <ul>
 *   <li>the correlation of old and new of each channel, sum Re(X Y*) / sqrt(sum |X|^2 sum |Y|^2):
 *       near +1 for the same material, near -1 for the same material polarity-inverted;</li>
 *   <li>the same across channels (old left against new right and vice versa), which gives away
 *       swapped channels;</li>
 *   <li>the null-test residual for any gain g applied to the new version afterwards:
 *       sum |g Y - X|^2 = g^2 sum |Y|^2 - 2 g sum Re(X Y*) + sum |X|^2.</li>
 * </ul>
 * The DC bin is left out.
 */
final class ChannelCorrelation implements SpectraPairs.Listener {
    /** Per channel: old energy, new energy, their cross term, and the cross term with the other channel. */
    final double[] oldEnergy = new double[2], newEnergy = new double[2], cross = new double[2], swappedCross = new double[2];

    @Override
    public void frames(float[][] older, float[][] newer, long startFrame, int validFrames) {
        int bins = older[0].length / 2;
        for (int c = 0; c < 2; c++) {
            float[] x = older[c], y = newer[c], z = newer[1 - c];
            double xx = 0, yy = 0, xy = 0, xz = 0;
            for (int k = 1; k < bins; k++) {
                float xr = x[2 * k], xi = x[2 * k + 1], yr = y[2 * k], yi = y[2 * k + 1];
                xx += xr * xr + xi * xi;
                yy += yr * yr + yi * yi;
                xy += xr * yr + xi * yi;
                xz += xr * z[2 * k] + xi * z[2 * k + 1];
            }
            oldEnergy[c] += xx;
            newEnergy[c] += yy;
            cross[c] += xy;
            swappedCross[c] += xz;
        }
    }

    @Override
    public void finish() {
    }

    /** Correlation of old and new channel {@code c}; NaN when either is silent. */
    double correlation(int c) {
        double d = Math.sqrt(oldEnergy[c] * newEnergy[c]);
        return d > 0 ? cross[c] / d : Double.NaN;
    }

    /** Correlation of old channel {@code c} with the new version's other channel. */
    double swappedCorrelation(int c) {
        double d = Math.sqrt(oldEnergy[c] * newEnergy[1 - c]);
        return d > 0 ? swappedCross[c] / d : Double.NaN;
    }

    /**
     * The gain that makes the null deepest: the least-squares fit of the new version to the old one,
     * sum Re(X Y*) / sum |Y|^2 (negative when the new version is polarity-inverted); NaN when the new
     * version is silent.
     */
    double nullGain() {
        double xy = cross[0] + cross[1], yy = newEnergy[0] + newEnergy[1];
        return yy > 0 ? xy / yy : Double.NaN;
    }

    /**
     * The null test: energy of (gain * new - old) over the old version's energy, dB; -inf when the
     * versions cancel exactly, NaN when the old version is silent.
     */
    double residualDb(double gain) {
        double residual = 0, reference = 0;
        for (int c = 0; c < 2; c++) {
            residual += gain * gain * newEnergy[c] - 2 * gain * cross[c] + oldEnergy[c];
            reference += oldEnergy[c];
        }
        if (!(reference > 0)) return Double.NaN;
        residual = Math.max(0, residual);
        return residual == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(residual / reference);
    }
}
