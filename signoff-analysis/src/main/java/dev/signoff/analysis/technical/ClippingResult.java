package dev.signoff.analysis.technical;

import java.util.List;

/**
 * Runs of consecutive samples at the file's full scale (a run of 3 or more is the classic
 * "clipped" signature of a flat-topped waveform).
 *
 * @param runs          runs in time order (capped, see runCount)
 * @param runCount      total runs found
 * @param clippedFrames total samples inside runs, all channels
 */
public record ClippingResult(List<Run> runs, int runCount, long clippedFrames) {

    /** @param length consecutive samples at full scale */
    public record Run(double startS, double endS, int channel, int length) {}
}
