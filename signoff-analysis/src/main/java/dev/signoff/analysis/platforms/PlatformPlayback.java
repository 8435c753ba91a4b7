package dev.signoff.analysis.platforms;

/**
 * What a listener gets from one streaming service.
 *
 * @param service              the service and its setting
 * @param gainDb               the gain it applies (negative: turned down)
 * @param playbackLufs         integrated loudness as played
 * @param playbackTruePeakDbtp true peak as played (after its limiter, if any)
 * @param limitingDb           the largest gain reduction of the service's limiter, dB (0 when it has none or it does not engage)
 */
public record PlatformPlayback(StreamingService service, double gainDb, double playbackLufs, double playbackTruePeakDbtp,
                               double limitingDb) {

    public double referenceLufs() {
        return service.referenceLufs();
    }

    /** How much of the master's loudness above the reference the service throws away (its gain when it turns down, else 0). */
    public double loudnessPenaltyDb() {
        return Math.max(0, -gainDb);
    }

    /** Whether the service raised the track less than to its reference because of the track's peaks. */
    public boolean raiseCappedByPeaks(double integratedLufs) {
        return service.raise() == StreamingService.Raise.TO_PEAK_HEADROOM && integratedLufs + gainDb < service.referenceLufs() - 0.05
                && gainDb >= 0;
    }
}
