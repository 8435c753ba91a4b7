package dev.signoff.analysis.spectrum;

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
     * @param levelDb     long-term band power, dBFS (sum of the channels' mean power, as a mono fold would not be)
     * @param overTimeDb  band power in consecutive windows of {@code stepS}, dBFS (NaN in digital silence)
     */
    public record Band(double centerHz, double loHz, double hiHz, double levelDb, float[] overTimeDb) {}
}
