package dev.signoff.analysis;

import dev.signoff.analysis.devices.BassLineMeter;
import dev.signoff.analysis.devices.DeviceLowEnd;
import dev.signoff.analysis.devices.DeviceModel;
import dev.signoff.analysis.devices.KickMeter;
import dev.signoff.analysis.drums.DrumHitMeter;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.analysis.loudness.TruePeakMeter;
import dev.signoff.analysis.quiet.QuietPassageFinder;
import dev.signoff.analysis.sections.SectionFinder;
import dev.signoff.analysis.spectrum.SpectrumAnalyser;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.analysis.stereo.StereoAnalyser;
import dev.signoff.analysis.technical.ClippingDetector;
import dev.signoff.analysis.technical.DcOffsetMeter;
import dev.signoff.analysis.technical.EdgeInspector;
import dev.signoff.analysis.technical.SampleCheckingReader;
import dev.signoff.analysis.tonal.SibilanceMeter;
import dev.signoff.analysis.vocal.LeadVocalDetector;
import dev.signoff.analysis.waveform.WaveformPeaks;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One decoding pass wired from what the caller asks for. The plan takes the asked {@link Measure}s
 * with what they require, builds only the analysers (and the shared STFTs) those need, orders them
 * where one reads another's result, and spreads them over three lanes of about equal cost (the
 * reader with the short STFT's measures; the true peak, loudness and other sample-level measures;
 * the long STFT's measures) so both cores stay busy whichever lane a song makes the heaviest. Measures not asked come back null in {@link Measurements}, and
 * {@link Measurements#has(Measure)} tells "not asked" from "not applicable" (a mono file's stereo).
 *
 * <p>Every pass also checks the decoded samples ({@link SampleCheckingReader}): a report never
 * says "nothing is wrong" about audio that was not numbers.
 */
public final class MeasurementPlan {
    /** Frames per waveform point at least: about 85 ms at 48 kHz, some 2,800 points for a 4-minute song (more than a report's width). */
    public static final int WAVEFORM_FRAMES_PER_POINT = 4096;
    /** Longer files get coarser points, so a waveform never holds more than about this many (a day-long file stays at kilobytes). */
    static final int WAVEFORM_MAX_POINTS = 4000;

    /** Frames per waveform point for a stream: {@link #WAVEFORM_FRAMES_PER_POINT}, or a whole multiple of it for long files of known length. */
    static int waveformFramesPerPoint(StreamInfo info) {
        if (info.frames() <= 0) return WAVEFORM_FRAMES_PER_POINT;
        long multiple = (info.frames() + (long) WAVEFORM_FRAMES_PER_POINT * WAVEFORM_MAX_POINTS - 1) / ((long) WAVEFORM_FRAMES_PER_POINT * WAVEFORM_MAX_POINTS);
        return (int) Math.min(Integer.MAX_VALUE / WAVEFORM_FRAMES_PER_POINT, Math.max(1, multiple)) * WAVEFORM_FRAMES_PER_POINT;
    }
    private final Set<Measure> measures;
    private final List<DeviceModel> devices;

    private MeasurementPlan(Set<Measure> measures, List<DeviceModel> devices) {
        this.measures = measures;
        this.devices = List.copyOf(devices);
    }

    /** A pass measuring {@code asked} and what it requires; {@link Measure#DEVICE_LOW_END} needs {@link #withDevices}. */
    public static MeasurementPlan of(Set<Measure> asked) {
        Set<Measure> all = Measure.closure(asked);
        all.remove(Measure.DEVICE_LOW_END);
        return new MeasurementPlan(all, List.of());
    }

    /** The pass of {@code check}: every measure; with devices, also the kick and the bass through each of them. */
    public static MeasurementPlan forCheck(List<DeviceModel> devices) {
        return of(Measure.forCheck()).withDevices(devices);
    }

    /** The same plan, following the kick and the bass through {@code devices} as well (none: no device readings). */
    public MeasurementPlan withDevices(List<DeviceModel> devices) {
        EnumSet<Measure> all = EnumSet.copyOf(measures);
        if (devices.isEmpty()) all.remove(Measure.DEVICE_LOW_END);
        else all.add(Measure.DEVICE_LOW_END);
        return new MeasurementPlan(all, devices);
    }

    /** What this plan measures (the asked measures and their requirements). */
    public Set<Measure> measures() {
        return EnumSet.copyOf(measures);
    }

    /** Measures {@code file} in one decoding pass. */
    public Measurements measure(Path file, MixCheck.ProgressListener progress) throws IOException {
        return measure(file, info -> List.of(), progress);
    }

    /**
     * Measures {@code file} in one decoding pass that also feeds the caller's own analysers, made by
     * {@code alongside} for the stream (the review server's waveform levels and comparison sketch), on
     * a lane of their own; their results are theirs to read once this returns.
     */
    public Measurements measure(Path file, Function<StreamInfo, List<? extends Analyser>> alongside,
                                MixCheck.ProgressListener progress) throws IOException {
        try (SampleCheckingReader reader = new SampleCheckingReader(AudioDecoders.open(file))) {
            Pass pass = new Pass(reader.info());
            return pass.run(reader, alongside.apply(reader.info()), progress);
        }
    }

    /** The analysers of one pass over one stream. */
    private final class Pass {
        private final StreamInfo info;
        private final List<Analyser> readerLane = new ArrayList<>(), sampleLane = new ArrayList<>(), spectrumLane = new ArrayList<>(),
                deviceLane = new ArrayList<>();
        private LoudnessMeter loudness;
        private TruePeakMeter peaks;
        private ClippingDetector clipping;
        private DcOffsetMeter dc;
        private EdgeInspector edges;
        private SpectrumAnalyser spectrum;
        private StereoAnalyser stereo;
        private SibilanceMeter sibilance;
        private DrumHitMeter drums;
        private SectionFinder sections;
        private QuietPassageFinder quiet;
        private LeadVocalDetector vocal;
        private BassLineMeter bass;
        private KickMeter kick;
        private WaveformPeaks waveform;

        Pass(StreamInfo info) {
            this.info = info;
            // Lanes of about equal CPU on C1 (each thread's CPU time, docs/performance.md): the reader
            // (decoding, the sample check, the short STFT) keeps the cheap DC and waveform; the true
            // peak (on a loud master it interpolates much of the file), the clipping, the edges, the
            // loudness and the quiet passages share a lane; the long STFT's listeners have the third.
            if (has(Measure.TRUE_PEAK)) sampleLane.add(peaks = new TruePeakMeter(info));
            if (has(Measure.CLIPPING)) sampleLane.add(clipping = new ClippingDetector(info));
            if (has(Measure.DC_OFFSET)) readerLane.add(dc = new DcOffsetMeter(info));
            if (has(Measure.EDGES)) sampleLane.add(edges = new EdgeInspector(info));
            if (has(Measure.WAVEFORM)) readerLane.add(waveform = new WaveformPeaks(info, waveformFramesPerPoint(info)));
            // A short-frame mono STFT for what happens in tens of milliseconds.
            Stft shortStft = has(Measure.SIBILANCE) || has(Measure.DRUMS) || has(Measure.LEAD_VOCAL) ? SibilanceMeter.shortStft(info) : null;
            if (shortStft != null) readerLane.add(shortStft);
            if (has(Measure.SIBILANCE)) shortStft.addListener(sibilance = new SibilanceMeter(info, shortStft));
            if (has(Measure.DRUMS)) shortStft.addListener(drums = new DrumHitMeter(info, shortStft));
            if (has(Measure.LOUDNESS)) sampleLane.add(loudness = new LoudnessMeter(info));
            // One long STFT feeds the balance, the stereo picture, the sections, the voice and the bass line.
            boolean longStftNeeded = has(Measure.SPECTRUM) || has(Measure.STEREO) || has(Measure.SECTIONS)
                    || has(Measure.LEAD_VOCAL) || has(Measure.DEVICE_LOW_END);
            Stft stft = longStftNeeded ? new Stft(info) : null;
            if (stft != null) spectrumLane.add(stft);
            // The quiet-passage finder reads the loudness meter's blocks: after it, in its lane.
            if (has(Measure.QUIET_PASSAGES)) sampleLane.add(quiet = new QuietPassageFinder(info, loudness));
            if (has(Measure.SPECTRUM)) stft.addListener(spectrum = new SpectrumAnalyser(info, stft));
            if (has(Measure.STEREO) && info.channels() >= 2) stft.addListener(stereo = new StereoAnalyser(info, stft));
            if (has(Measure.SECTIONS)) stft.addListener(sections = new SectionFinder(info, stft));
            if (has(Measure.LEAD_VOCAL)) {
                vocal = new LeadVocalDetector(info, stft, shortStft);
                stft.addListener(vocal.longListener());
                shortStft.addListener(vocal.shortListener());
            }
            if (has(Measure.DEVICE_LOW_END)) {
                stft.addListener(bass = new BassLineMeter(info.sampleRate(), info.channels(), stft));
                deviceLane.add(kick = new KickMeter(info, devices));
            }
        }

        private boolean has(Measure m) {
            return measures.contains(m);
        }

        Measurements run(SampleCheckingReader reader, List<? extends Analyser> alongside, MixCheck.ProgressListener progress) throws IOException {
            long frames = new AnalysisPipeline(readerLane, sampleLane, spectrumLane, deviceLane, alongside)
                    .run(reader, MixCheck.BLOCK_FRAMES, done -> progress.progress(info, done));
            return new Measurements(info, frames / (double) info.sampleRate(),
                    loudness == null ? null : loudness.result(), peaks == null ? null : peaks.result(),
                    clipping == null ? null : clipping.result(), dc == null ? null : dc.result(),
                    edges == null ? null : edges.result(), stereo == null ? null : stereo.result(),
                    spectrum == null ? null : spectrum.result(), sibilance == null ? null : sibilance.result(),
                    drums == null ? null : drums.result(),
                    sections == null ? null : sections.result().withLoudness(loudness.result().shortTerm()),
                    quiet == null ? null : quiet.result(),
                    kick == null ? null : new DeviceLowEnd(kick.result(), bass.result()),
                    vocal == null ? null : vocal.result(), reader.result(), measures,
                    waveform == null ? null : waveform.result());
        }
    }
}
