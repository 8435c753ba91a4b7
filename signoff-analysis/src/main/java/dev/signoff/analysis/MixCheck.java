package dev.signoff.analysis;

import dev.signoff.analysis.findings.FindingRules;
import dev.signoff.analysis.devices.BassLineMeter;
import dev.signoff.analysis.devices.DeviceLowEnd;
import dev.signoff.analysis.devices.DeviceModel;
import dev.signoff.analysis.devices.KickMeter;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.drums.DrumHitMeter;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.analysis.loudness.TruePeakMeter;
import dev.signoff.analysis.quiet.QuietPassageFinder;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.sections.SectionFinder;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.spectrum.SpectrumAnalyser;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.analysis.stereo.StereoAnalyser;
import dev.signoff.analysis.technical.ClippingDetector;
import dev.signoff.analysis.tonal.SibilanceMeter;
import dev.signoff.analysis.technical.DcOffsetMeter;
import dev.signoff.analysis.technical.EdgeInspector;
import dev.signoff.analysis.technical.SampleCheckingReader;
import dev.signoff.analysis.vocal.LeadVocalDetector;
import dev.signoff.analysis.vocal.VocalChoice;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The `check` job for one file: a single decoding pass fanned out to every analyser, then the
 * finding rules. Analysers run on {@link AnalysisPipeline} lanes so the expensive ones (true peak,
 * spectra) use both cores while the reader decodes.
 */
public final class MixCheck {
    /** Frames per block handed to the analysers: large enough to amortise hand-offs, small enough for cache. */
    public static final int BLOCK_FRAMES = 8192;

    private MixCheck() {}

    /** Checks {@code file} with the built-in rules: no references, no devices, no progress reports. */
    public static CheckResult run(Path file) throws IOException {
        return run(file, (info, frames) -> { }, List.of(), List.of());
    }

    /** Checks {@code file} letting the detector decide whether it has a lead voice. */
    public static CheckResult run(Path file, ProgressListener progress, List<Reference> references, List<DeviceModel> devices)
            throws IOException {
        return run(file, progress, references, devices, VocalChoice.DETECT);
    }

    /** Told after each block how far the decoding pass has come. */
    @FunctionalInterface
    public interface ProgressListener {
        /** @param framesDone frames decoded so far; {@code info.frames()} is the total when known (else -1) */
        void progress(StreamInfo info, long framesDone);
    }

    /**
     * Checks {@code file}. With references (already measured, see {@link #measure}) the tonal
     * balance is judged against their range and the reference-only rules apply; with playback
     * devices, how each section comes across on each of them ({@link DeviceTranslation}, worked
     * out from the same measurements) and the device rules. Either list may be empty. {@code vocal}
     * says who decides whether the mix has a lead voice (sibilance is judged only when it has).
     */
    public static CheckResult run(Path file, ProgressListener progress, List<Reference> references, List<DeviceModel> devices,
                                  VocalChoice vocal) throws IOException {
        long t0 = System.nanoTime();
        Measurements measured = measure(file, progress, devices);
        Measurements m = measured.withLeadVocal(vocal.apply(measured.leadVocal()));
        ReferenceComparison comparison = references.isEmpty() ? null : ReferenceComparison.of(m, references);
        DeviceTranslation translation = devices.isEmpty() || m.sections() == null ? null
                : DeviceTranslation.of(m, m.sections().sections(), devices);
        List<Finding> findings = FindingRules.forCheck(comparison, translation).judge(m);
        return new CheckResult(file, m, findings, (System.nanoTime() - t0) / 1e9, comparison, translation);
    }

    /** Measures a file in one decoding pass (a mix or a reference), without judging it. */
    public static Measurements measure(Path file, ProgressListener progress) throws IOException {
        return measure(file, progress, List.of());
    }

    /**
     * Measures a file in one decoding pass; with devices, also follows the kick and the bass through
     * each of them ({@link KickMeter}, {@link BassLineMeter}; {@link Measurements#lowEnd()}).
     */
    public static Measurements measure(Path file, ProgressListener progress, List<DeviceModel> devices) throws IOException {
        try (SampleCheckingReader reader = new SampleCheckingReader(AudioDecoders.open(file))) {
            StreamInfo info = reader.info();
            LoudnessMeter loudness = new LoudnessMeter(info);
            TruePeakMeter peaks = new TruePeakMeter(info);
            ClippingDetector clipping = new ClippingDetector(info);
            DcOffsetMeter dc = new DcOffsetMeter(info);
            EdgeInspector edges = new EdgeInspector(info);
            // A short-frame mono STFT for what happens in tens of milliseconds.
            Stft shortStft = SibilanceMeter.shortStft(info);
            SibilanceMeter sibilance = new SibilanceMeter(info, shortStft);
            shortStft.addListener(sibilance);
            DrumHitMeter drums = new DrumHitMeter(info, shortStft);
            shortStft.addListener(drums);
            QuietPassageFinder quiet = new QuietPassageFinder(info, loudness);   // after the meter in its lane
            // One STFT feeds the long-term spectrum and the stereo picture.
            Stft stft = new Stft(info);
            SpectrumAnalyser spectrum = new SpectrumAnalyser(info, stft);
            stft.addListener(spectrum);
            StereoAnalyser stereo = info.channels() >= 2 ? new StereoAnalyser(info, stft) : null;
            if (stereo != null) stft.addListener(stereo);
            SectionFinder sections = new SectionFinder(info, stft);
            stft.addListener(sections);
            // Sibilance is judged only where there is a voice: the detector reads both STFTs' frames.
            LeadVocalDetector vocal = new LeadVocalDetector(info, stft, shortStft);
            stft.addListener(vocal.longListener());
            shortStft.addListener(vocal.shortListener());
            // Kick and bass on the devices: the bass line from the long STFT, the kick from renders in a lane of their own.
            BassLineMeter bass = devices.isEmpty() ? null : new BassLineMeter(info.sampleRate(), info.channels(), stft);
            if (bass != null) stft.addListener(bass);
            KickMeter kick = devices.isEmpty() ? null : new KickMeter(info, devices);

            // Two lanes of roughly equal cost: true peak (oversampling) against the FFT-based ones.
            AnalysisPipeline pipeline = new AnalysisPipeline(
                    List.of(peaks, clipping, dc, edges, shortStft),
                    List.of(loudness, stft, quiet),
                    kick == null ? List.of() : List.of(kick));
            long frames = pipeline.run(reader, BLOCK_FRAMES, done -> progress.progress(info, done));
            DeviceLowEnd lowEnd = kick == null ? null : new DeviceLowEnd(kick.result(), bass.result());

            return new Measurements(info, frames / (double) info.sampleRate(),
                    loudness.result(), peaks.result(), clipping.result(), dc.result(), edges.result(),
                    stereo == null ? null : stereo.result(), spectrum.result(), sibilance.result(), drums.result(),
                    sections.result().withLoudness(loudness.result().shortTerm()), quiet.result(), lowEnd,
                    vocal.result(), reader.result());
        }
    }
}
