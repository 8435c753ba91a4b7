package dev.signoff.analysis.codecs;

import java.nio.file.Path;
import java.util.List;

/**
 * The mix after one encode and decode.
 *
 * @param codec          the encoding
 * @param truePeakDbtp   true peak of the decoded audio
 * @param overs          runs of the decoded audio over 0 dBTP
 * @param clippedSamples decoded samples at or beyond full scale (clipped by any fixed-point player)
 * @param residualDb     level of what the codec changed (mix minus decoded, time-aligned) against the mix, dB
 * @param bands          the same per frequency band, each against the mix in that band
 * @param delayFrames    the decoder's output against the mix, in frames, taken out before comparing
 * @param cleanGainDb    0 when the decode does not clip; else the gain on the mix (negative, in 0.1 dB) at which a
 *                       round trip was measured not to clip, or NaN when none was found within a few dB
 * @param decodedFile    the decoded audio written for listening, or null
 * @param residualFile   the residual written for listening, or null
 * @param decodedLufs    integrated loudness of the decode, for a level-matched comparison with the mix; NaN when
 *                       the decode was not written
 * @param residualLufs   integrated loudness of the residual (-infinity when below the absolute gate); NaN when the
 *                       residual was not written
 */
public record CodecResult(Codec codec, double truePeakDbtp, int overs, long clippedSamples, double residualDb,
                          List<BandResidual> bands, int delayFrames, double cleanGainDb,
                          Path decodedFile, Path residualFile, double decodedLufs, double residualLufs) {

    public CodecResult {
        bands = List.copyOf(bands);
    }

    /** The residual in one band: {@code residualDb} below the mix's own level in that band. */
    public record BandResidual(String name, double lowHz, double highHz, double residualDb) {}

    /** The same result with the gain found to keep the decode clean. */
    public CodecResult withCleanGain(double gainDb) {
        return new CodecResult(codec, truePeakDbtp, overs, clippedSamples, residualDb, bands, delayFrames, gainDb, decodedFile, residualFile, decodedLufs, residualLufs);
    }

    public boolean clips() {
        return truePeakDbtp > 0 || clippedSamples > 0;
    }
}
