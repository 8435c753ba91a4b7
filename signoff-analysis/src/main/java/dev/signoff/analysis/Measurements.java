package dev.signoff.analysis;

import dev.signoff.analysis.drums.DrumHits;
import dev.signoff.analysis.loudness.LoudnessResult;
import dev.signoff.analysis.loudness.PeakResult;
import dev.signoff.analysis.quiet.QuietPassage;
import dev.signoff.analysis.sections.SectionsResult;
import dev.signoff.analysis.spectrum.SpectrumResult;
import dev.signoff.analysis.stereo.StereoResult;
import dev.signoff.analysis.technical.ClippingResult;
import dev.signoff.analysis.technical.DcOffsetResult;
import dev.signoff.analysis.technical.EdgesResult;
import dev.signoff.analysis.tonal.SibilanceResult;
import dev.signoff.analysis.tonal.TonalBalance;
import dev.signoff.audio.StreamInfo;

import java.util.List;

/**
 * Everything one decoding pass measured in a file, before any judgement.
 *
 * @param stereo null for mono files
 */
public record Measurements(StreamInfo info, double durationS, LoudnessResult loudness, PeakResult peaks,
                           ClippingResult clipping, DcOffsetResult dcOffset, EdgesResult edges,
                           StereoResult stereo, SpectrumResult spectrum, SibilanceResult sibilance, DrumHits drums,
                           SectionsResult sections,
                           List<QuietPassage> quietPassages) {

    /** The tonal balance figures the tonal rules judge. */
    public TonalBalance tonalBalance() {
        return TonalBalance.of(spectrum, sibilance);
    }

    /** Peak-to-loudness ratio (true peak minus integrated loudness), dB; NaN for silence. */
    public double plrDb() {
        return peaks.truePeakDbtp() - loudness.integratedLufs();
    }
}
