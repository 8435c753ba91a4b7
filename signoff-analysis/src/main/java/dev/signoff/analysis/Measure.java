package dev.signoff.analysis;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a decoding pass can be asked to measure, in the spirit of libebur128's mode flags: the
 * caller names what it needs ({@link MeasurementPlan}) and pays only for that; a measure that
 * needs another's result brings it along ({@link #requires()}).
 */
public enum Measure {
    /** Integrated, momentary and short-term loudness and LRA (EBU R128, ITU-R BS.1770): {@code LoudnessMeter}. */
    LOUDNESS,
    /** Sample and true peak (BS.1770 annex 2, 4x oversampling or more): {@code TruePeakMeter}; the costliest measure. */
    TRUE_PEAK,
    /** Runs of samples at full scale: {@code ClippingDetector}. */
    CLIPPING,
    /** DC offset per channel: {@code DcOffsetMeter}. */
    DC_OFFSET,
    /** Silence at the head and how the tail ends: {@code EdgeInspector}. */
    EDGES,
    /** Long-term third-octave spectrum and its course over time: {@code SpectrumAnalyser} on the long STFT. */
    SPECTRUM,
    /** Width, balance, correlation and mono compatibility: {@code StereoAnalyser}; not applicable to mono files (null). */
    STEREO,
    /** Sibilant energy against the vocal band: {@code SibilanceMeter} on the short STFT. */
    SIBILANCE,
    /** Kick and snare hits and their prominence: {@code DrumHitMeter} on the short STFT. */
    DRUMS,
    /** The song's sections, with their loudness: {@code SectionFinder}. */
    SECTIONS,
    /** Stops, gaps and the noise and hum in them: {@code QuietPassageFinder}. */
    QUIET_PASSAGES,
    /** Whether the mix has a lead voice: {@code LeadVocalDetector} on both STFTs. */
    LEAD_VOCAL,
    /** The kick and the bass on each playback device asked for: {@code KickMeter}, {@code BassLineMeter}. */
    DEVICE_LOW_END,
    /** Min/max peaks per channel for drawing the waveform (the HTML report's): {@code WaveformPeaks}, one level of at most about 4,000 points. */
    WAVEFORM;

    /** Every measure a plain {@code check} takes (the device readings only when devices are asked for). */
    public static Set<Measure> forCheck() {
        return EnumSet.complementOf(EnumSet.of(DEVICE_LOW_END));
    }

    /** The measures whose results this one is built from. */
    public Set<Measure> requires() {
        return switch (this) {
            // sections carry their short-term loudness; quiet passages are found against the music's loudness
            case SECTIONS, QUIET_PASSAGES -> EnumSet.of(LOUDNESS);
            default -> EnumSet.noneOf(Measure.class);
        };
    }

    /** {@code asked} with everything it requires, transitively. */
    public static Set<Measure> closure(Set<Measure> asked) {
        EnumSet<Measure> all = asked.isEmpty() ? EnumSet.noneOf(Measure.class) : EnumSet.copyOf(asked);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Measure m : EnumSet.copyOf(all)) grew |= all.addAll(m.requires());
        }
        return all;
    }
}
