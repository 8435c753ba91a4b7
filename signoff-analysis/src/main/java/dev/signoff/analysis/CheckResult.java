package dev.signoff.analysis;

import dev.signoff.analysis.codecs.CodecResult;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.platforms.PlatformPlayback;
import dev.signoff.analysis.references.ReferenceComparison;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of checking one mix: what was measured and what Signoff makes of it.
 *
 * @param file            the file as given
 * @param measurements    the raw measures
 * @param findings        ranked worst first
 * @param analysisSeconds wall-clock time spent decoding and analysing
 * @param references      the mix against the engineer's references, or null when none were given
 * @param devices         each section on each playback device, or null when devices were not asked for
 * @param platforms       what each streaming service plays, or null when not asked for
 * @param codecs          the mix after each lossy encode and decode, or null when not asked for
 */
public record CheckResult(Path file, Measurements measurements, List<Finding> findings, double analysisSeconds,
                          ReferenceComparison references, DeviceTranslation devices,
                          List<PlatformPlayback> platforms, List<CodecResult> codecs) {

    /** A check without the streaming previews. */
    public CheckResult(Path file, Measurements measurements, List<Finding> findings, double analysisSeconds,
                       ReferenceComparison references, DeviceTranslation devices) {
        this(file, measurements, findings, analysisSeconds, references, devices, null, null);
    }

    /** A check without references or devices. */
    public CheckResult(Path file, Measurements measurements, List<Finding> findings, double analysisSeconds) {
        this(file, measurements, findings, analysisSeconds, null, null);
    }

    public boolean hasProblem() {
        return findings.stream().anyMatch(f -> f.severity() == dev.signoff.analysis.findings.Severity.PROBLEM);
    }
}
