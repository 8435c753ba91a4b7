package dev.signoff.analysis.technical;

/**
 * Whether the decoded samples could be measured at all.
 *
 * @param nonFiniteSamples samples that were NaN or infinite (every channel counted), taken as silence by the analysers
 * @param firstNonFiniteS  where the first of them is, seconds; NaN when there is none
 * @param silent           every finite sample of the decoded audio is exactly zero
 */
public record SampleHealth(long nonFiniteSamples, double firstNonFiniteS, boolean silent) {

    public static final SampleHealth MEASURED = new SampleHealth(0, Double.NaN, false);
}
