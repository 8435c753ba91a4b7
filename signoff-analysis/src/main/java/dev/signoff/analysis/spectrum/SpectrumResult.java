package dev.signoff.analysis.spectrum;

import dev.signoff.analysis.Decibels;
import java.util.List;

/**
 * Long-term average spectrum (Welch's method, Hann window) summed into 1/3-octave bands
 * (IEC 61260 base-10 centres), plus each band's level over time.
 *
 * @param bands        the bands, low to high, with their long-term level
 * @param stepS        time step of {@link Band#overTimeDb}
 */
public record SpectrumResult(List<Band> bands, double stepS) {

    /**
     * @param centerHz    nominal centre frequency
     * @param loHz        lower band edge
     * @param hiHz        upper band edge
     * @param levelDb     long-term band power, dBFS (mean of the channels' power)
     * @param overTimeDb  band power in consecutive windows of {@code stepS}, dBFS (NaN in digital silence)
     */
    public record Band(double centerHz, double loHz, double hiHz, double levelDb, float[] overTimeDb) {}

    /** Band levels relative to a loudness (e.g. the integrated LUFS): the loudness-normalised spectrum. */
    public double[] relativeTo(double lufs) {
        double[] out = new double[bands.size()];
        for (int b = 0; b < out.length; b++) out[b] = bands.get(b).levelDb() - lufs;
        return out;
    }

    /** Total long-term power of the bands between {@code loHz} and {@code hiHz} (by centre), dBFS. */
    public double regionDb(double loHz, double hiHz) {
        double p = 0;
        for (Band b : bands) {
            if (b.centerHz() >= loHz && b.centerHz() <= hiHz && !Double.isNaN(b.levelDb())) p += Math.pow(10, b.levelDb() / 10);
        }
        return Decibels.power(p);
    }

    /** Power of a region in window {@code t} of the over-time series, dBFS (NaN when silent). */
    public double regionDbAt(int t, double loHz, double hiHz) {
        double p = 0;
        for (Band b : bands) {
            if (b.centerHz() >= loHz && b.centerHz() <= hiHz) {
                float v = b.overTimeDb()[t];
                if (!Float.isNaN(v)) p += Math.pow(10, v / 10.0);
            }
        }
        return Decibels.power(p);
    }

    public int steps() {
        return bands.isEmpty() ? 0 : bands.get(0).overTimeDb().length;
    }
}
