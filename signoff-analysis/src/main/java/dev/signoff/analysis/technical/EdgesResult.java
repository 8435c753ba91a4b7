package dev.signoff.analysis.technical;

/**
 * What happens at the very start and end of the file.
 *
 * @param durationS         file length
 * @param headSilenceS      time before the first sample above the silence threshold
 * @param tailSilenceS      time after the last sample above the silence threshold
 * @param tailLevelDbfs     RMS level of the last 50 ms, dBFS (NaN for digital silence)
 * @param bodyLevelDbfs     RMS level of the loudest second of the file, dBFS, for comparison
 * @param tailCut           true when the file stops while still sounding (no fade, no decay)
 */
public record EdgesResult(double durationS, double headSilenceS, double tailSilenceS,
                          double tailLevelDbfs, double bodyLevelDbfs, boolean tailCut) {}
