package dev.signoff.analysis.diff;

/**
 * How two versions line up in time: the same music sits {@code lagFrames} samples later in the new
 * file than in the old one ({@code new[n] = old[n - lagFrames]}, up to the changes).
 *
 * @param lagFrames       the lag in samples, refined to the sample
 * @param sampleRate      the rate both files share
 * @param coarseLagFrames the lag the onset envelopes gave, before refinement (one envelope frame of resolution)
 * @param peakRatio       the refinement's peak against the mean of the cross-correlation around it
 *                        (sharp, well above {@value BounceAligner#MIN_PEAK_RATIO}, when the versions share their
 *                        waveform; NaN when it could not be measured)
 * @param refined         whether the refinement found a clear peak; if not the coarse lag is used
 */
public record Alignment(long lagFrames, int sampleRate, long coarseLagFrames, double peakRatio, boolean refined) {

    /** The lag in seconds: positive when the music starts later in the new version. */
    public double offsetS() {
        return lagFrames / (double) sampleRate;
    }

    /** Samples of the new version before the shared part begins. */
    public long newSkipFrames() {
        return Math.max(0, lagFrames);
    }

    /** Samples of the old version before the shared part begins. */
    public long oldSkipFrames() {
        return Math.max(0, -lagFrames);
    }
}
