package dev.signoff.analysis.loudness;

import java.util.List;

/**
 * Sample and true peaks (ITU-R BS.1770-4 Annex 2), overall and per channel, and the places where
 * the reconstructed waveform goes over full scale.
 *
 * @param truePeakDbtp            highest true peak of any channel, dBTP
 * @param samplePeakDbfs          highest sample magnitude of any channel, dBFS
 * @param truePeakDbtpByChannel   per channel
 * @param samplePeakDbfsByChannel per channel
 * @param overs                   runs where the true peak exceeds 0 dBTP, in time order (capped; see overCount)
 * @param overCount               total number of such runs, including those beyond the cap
 * @param worstOver               the run with the highest peak among all of them (null when none)
 * @param lastOverEndS            end of the last run of all (NaN when none)
 */
public record PeakResult(double truePeakDbtp, double samplePeakDbfs,
                         double[] truePeakDbtpByChannel, double[] samplePeakDbfsByChannel,
                         List<Over> overs, int overCount, Over worstOver, double lastOverEndS) {

    /** A run of oversampled values above 0 dBTP on one channel. */
    public record Over(double startS, double endS, int channel, double peakDbtp) {}
}
