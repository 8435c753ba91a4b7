package dev.signoff.analysis;

/**
 * Values measured at a regular step from the start of the file, e.g. short-term loudness every
 * 100 ms. Value i describes the window ending at (i + 1) * stepS. NaN where nothing was measured
 * (e.g. loudness of digital silence is minus infinity and is stored as NaN).
 */
public record TimeSeries(double stepS, double[] values) {
    public int size() { return values.length; }

    public double timeOf(int i) { return (i + 1) * stepS; }
}
