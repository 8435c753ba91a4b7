package dev.signoff.analysis.tonal;

/**
 * Sibilance against the body of the mix, moment by moment.
 *
 * @param windowS          length of each window, and the step between them (more than that beyond about 12 minutes: see SibilanceMeter)
 * @param ratioDb          5-10 kHz level minus 1-4 kHz level per window, dB (NaN where the music is absent)
 * @param loudestRatioDb   the 98th percentile of {@code ratioDb}: how far the loudest bursts stick out (NaN when not measurable)
 */
public record SibilanceResult(double windowS, float[] ratioDb, double loudestRatioDb) {}
