package dev.signoff.analysis;

import dev.signoff.analysis.devices.DeviceLowEnd;
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
import dev.signoff.analysis.technical.SampleHealth;
import dev.signoff.analysis.tonal.SibilanceResult;
import dev.signoff.analysis.tonal.TonalBalance;
import dev.signoff.analysis.vocal.LeadVocal;
import dev.signoff.analysis.waveform.WaveformResult;
import dev.signoff.audio.StreamInfo;

import java.util.List;
import java.util.Set;

/**
 * Everything one decoding pass measured in a file, before any judgement. A measure the pass was not
 * asked for ({@link MeasurementPlan}) is null; {@link #has} tells that apart from a measure that
 * does not apply (the stereo picture of a mono file is null too, but measured).
 *
 * @param stereo  null for mono files
 * @param lowEnd  the kick and bass on the playback devices the pass was asked to follow, or null
 * @param leadVocal whether the mix has a lead voice, or null when not looked for (then sibilance is judged as if it had)
 * @param samples whether the decoded samples were numbers and not all zero
 * @param measured the measures the pass was asked for (with what they require)
 * @param waveform min/max peaks per channel for drawing, or null when not asked
 */
public record Measurements(StreamInfo info, double durationS, LoudnessResult loudness, PeakResult peaks,
                           ClippingResult clipping, DcOffsetResult dcOffset, EdgesResult edges,
                           StereoResult stereo, SpectrumResult spectrum, SibilanceResult sibilance, DrumHits drums,
                           SectionsResult sections,
                           List<QuietPassage> quietPassages, DeviceLowEnd lowEnd, LeadVocal leadVocal, SampleHealth samples,
                           Set<Measure> measured, WaveformResult waveform) {

    public Measurements {
        if (samples == null) samples = SampleHealth.MEASURED;
        measured = Set.copyOf(measured);
    }

    /** Measurements without device readings. */
    public Measurements(StreamInfo info, double durationS, LoudnessResult loudness, PeakResult peaks,
                        ClippingResult clipping, DcOffsetResult dcOffset, EdgesResult edges,
                        StereoResult stereo, SpectrumResult spectrum, SibilanceResult sibilance, DrumHits drums,
                        SectionsResult sections, List<QuietPassage> quietPassages) {
        this(info, durationS, loudness, peaks, clipping, dcOffset, edges, stereo, spectrum, sibilance, drums, sections, quietPassages,
                null, null, null, Measure.forCheck(), null);
    }

    /** Whether the pass was asked to measure {@code m} (its result may still be null where it does not apply). */
    public boolean has(Measure m) {
        return measured.contains(m);
    }

    /** The same measurements with the lead-vocal verdict replaced (the engineer's {@code --instrumental} or {@code --vocal}). */
    public Measurements withLeadVocal(LeadVocal v) {
        return new Measurements(info, durationS, loudness, peaks, clipping, dcOffset, edges, stereo, spectrum, sibilance, drums,
                sections, quietPassages, lowEnd, v, samples, measured, waveform);
    }

    /** The tonal balance figures the tonal rules judge. */
    public TonalBalance tonalBalance() {
        return TonalBalance.of(spectrum, sibilance);
    }

    /** Peak-to-loudness ratio (true peak minus integrated loudness), dB; NaN for silence. */
    public double plrDb() {
        return peaks.truePeakDbtp() - loudness.integratedLufs();
    }
}
