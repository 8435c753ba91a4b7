package dev.signoff.analysis;

import dev.signoff.analysis.findings.FindingRules;
import dev.signoff.analysis.devices.DeviceModel;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.vocal.VocalChoice;
import dev.signoff.analysis.codecs.CodecResult;
import dev.signoff.analysis.codecs.CodecRoundTrip;
import dev.signoff.analysis.platforms.NormalisationPreview;
import dev.signoff.analysis.platforms.PlatformPlayback;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The `check` job for one file: a single decoding pass with every measure ({@link MeasurementPlan}),
 * then the finding rules.
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
        return run(file, progress, references, devices, vocal, StreamingChecks.NONE);
    }

    /**
     * As {@link #run(Path, ProgressListener, List, List, VocalChoice)}, with the streaming previews
     * asked for: the codec round trips run on their own threads while the pass decodes, and the
     * services' playback is worked out from its loudness and peaks.
     */
    public static CheckResult run(Path file, ProgressListener progress, List<Reference> references, List<DeviceModel> devices,
                                  VocalChoice vocal, StreamingChecks streaming) throws IOException {
        long t0 = System.nanoTime();
        ExecutorService codecPool = streaming.codecs().isEmpty() ? null
                : Executors.newFixedThreadPool(Math.min(streaming.codecs().size(), Runtime.getRuntime().availableProcessors()));
        try {
            CodecRoundTrip.Started codecs = codecPool == null ? null
                    : CodecRoundTrip.start(file, streaming.codecs(), streaming.codecRenderDir(), codecPool);
            Measurements measured = measure(file, progress, devices);
            List<PlatformPlayback> platforms = !streaming.platforms() ? null
                    : NormalisationPreview.of(measured.loudness().integratedLufs(), measured.peaks().truePeakDbtp(),
                    measured.peaks().samplePeakDbfs(), () -> AudioDecoders.open(file));
            List<CodecResult> codecResults = codecs == null ? null : CodecRoundTrip.collect(codecs);
            return judge(file, measured, references, devices, vocal, platforms, codecResults, t0);
        } finally {
            if (codecPool != null) codecPool.shutdownNow();
        }
    }

    /**
     * Judges what a pass measured of {@code file} (every measure of a check, with the devices' when
     * {@code devices} are given), as {@link #run} does; {@code startNanos} is when its measuring began.
     */
    public static CheckResult judge(Path file, Measurements measured, List<Reference> references, List<DeviceModel> devices,
                                    VocalChoice vocal, long startNanos) {
        return judge(file, measured, references, devices, vocal, null, null, startNanos);
    }

    private static CheckResult judge(Path file, Measurements measured, List<Reference> references, List<DeviceModel> devices,
                                     VocalChoice vocal, List<PlatformPlayback> platforms, List<CodecResult> codecResults,
                                     long startNanos) {
        Measurements m = measured.withLeadVocal(vocal.apply(measured.leadVocal()));
        ReferenceComparison comparison = references.isEmpty() ? null : ReferenceComparison.of(m, references);
        DeviceTranslation translation = devices.isEmpty() || m.sections() == null ? null
                : DeviceTranslation.of(m, m.sections().sections(), devices);
        List<Finding> findings = FindingRules.forCheck(comparison, translation, platforms, codecResults).judge(m);
        return new CheckResult(file, m, findings, (System.nanoTime() - startNanos) / 1e9, comparison, translation, platforms, codecResults);
    }

    /** Measures a file in one decoding pass (a mix or a reference), without judging it. */
    public static Measurements measure(Path file, ProgressListener progress) throws IOException {
        return measure(file, progress, List.of());
    }

    /**
     * Measures a file in one decoding pass with every measure of a check; with devices, also follows
     * the kick and the bass through each of them ({@link Measurements#lowEnd()}).
     */
    public static Measurements measure(Path file, ProgressListener progress, List<DeviceModel> devices) throws IOException {
        return MeasurementPlan.forCheck(devices).measure(file, progress);
    }
}
