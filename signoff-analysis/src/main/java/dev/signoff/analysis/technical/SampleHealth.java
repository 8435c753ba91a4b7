package dev.signoff.analysis.technical;

import dev.signoff.audio.DecodeDamage;

/**
 * Whether the decoded samples could be measured at all, and what the decoder passed over.
 *
 * @param nonFiniteSamples samples that were NaN or infinite (every channel counted), taken as silence by the analysers
 * @param firstNonFiniteS  where the first of them is, seconds; NaN when there is none
 * @param silent           every finite sample of the decoded audio is exactly zero
 * @param damage           what the decoder skipped to keep going, or found past the header's declared end
 */
public record SampleHealth(long nonFiniteSamples, double firstNonFiniteS, boolean silent, DecodeDamage damage) {

    public static final SampleHealth MEASURED = new SampleHealth(0, Double.NaN, false, DecodeDamage.NONE);

    public SampleHealth {
        if (damage == null) damage = DecodeDamage.NONE;
    }
}
