package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.technical.SampleHealth;

import dev.signoff.audio.DecodeDamage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * NON_FINITE_SAMPLES and SILENT: audio that could not be measured, always a problem, so that a
 * report never calls a file clean when its numbers rest on invalid samples or on no sound at all;
 * DECODE_ERRORS, a warning: damage the decoder concealed by skipping to the next good frame (the
 * numbers are right for what was decoded, but something is missing or garbled there); and
 * DECODE_MISMATCH, a problem: the stream holds more audio than its header declares, so the report
 * covers only the declared part, or (FLAC, whose frames are read to the last as ffmpeg reads
 * them) all of it while players may stop at the declared length (docs/findings.md).
 */
final class DecodeRules implements FindingRule {
    /** Less than this past the declared end is an encoder's padding (an MP3's last frame), not a mismatch. */
    static final double MISMATCH_S = 0.5;

    @Override
    public List<Finding> judge(Measurements m) {
        SampleHealth h = m.samples();
        List<Finding> out = new ArrayList<>();
        if (h.nonFiniteSamples() > 0) {
            double at = h.firstNonFiniteS();
            out.add(Finding.at(FindingCode.NON_FINITE_SAMPLES, Severity.PROBLEM, at, at,
                    String.format(Locale.ROOT, "%d sample%s not a number (NaN or infinite), the first at %s; loudness, peaks "
                                    + "and spectra are measured over the finite samples, the others taken as silence.",
                            h.nonFiniteSamples(), h.nonFiniteSamples() == 1 ? " is" : "s are", Clock.format(at)),
                    "Listen at " + Clock.format(at) + " for a click or a dropout: a plug-in wrote invalid values into the float bounce "
                            + "(often a filter or a restoration plug-in); bypass them one by one and re-bounce.",
                    Map.of("non_finite_samples", (double) h.nonFiniteSamples(), "first_s", at)));
        }
        if (h.silent()) {
            out.add(Finding.whole(FindingCode.SILENT, Severity.PROBLEM,
                    "The decoded audio is digital silence from start to end (" + Clock.format(m.durationS())
                            + ", every sample exactly zero): there is nothing to measure.",
                    "Check the bounce: a muted master or track, the wrong range or source, or a render that failed before writing audio.",
                    Map.of("duration_s", m.durationS())));
        }
        DecodeDamage d = h.damage();
        if (d.count() > 0) {
            double first = d.timesS().get(0), last = d.timesS().get(d.timesS().size() - 1);
            StringBuilder at = new StringBuilder();
            for (double t : d.timesS()) at.append(at.length() == 0 ? "" : ", ").append(Clock.format(t));
            if (d.count() > d.timesS().size()) at.append(" and ").append(d.count() - d.timesS().size()).append(" more");
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("damaged_places", (double) d.count());
            values.put("skipped_bytes", (double) d.bytes());
            values.put("first_s", first);
            out.add(Finding.at(FindingCode.DECODE_ERRORS, Severity.WARNING, first, last,
                    String.format(Locale.ROOT, "The decoder lost the stream in %d place%s and skipped %d bytes of damaged data to go on, at %s: "
                                    + "the audio there is missing or garbled, and the measurements cover what could be decoded.",
                            d.count(), d.count() == 1 ? "" : "s", d.bytes(), at),
                    "Listen at " + Clock.format(first) + " for a dropout or a burst of noise; export or copy the file again "
                            + "(a damaged download or disk copy), and check the bounce itself if it is there too.",
                    values));
        }
        double pastS = d.framesPastDeclaredEnd() / (double) m.info().sampleRate();
        if (pastS >= MISMATCH_S) {
            double declaredS = m.info().durationSeconds();
            out.add(Finding.whole(FindingCode.DECODE_MISMATCH, Severity.PROBLEM,
                    d.pastEndRead()
                            ? String.format(Locale.ROOT, "The file's header declares %s of audio but the stream goes on for %s more: "
                                            + "all of it was checked, as ffmpeg reads it (%s).",
                                    Clock.format(declaredS), Clock.format(pastS), Clock.format(declaredS + pastS))
                            : String.format(Locale.ROOT, "The file's header declares %s of audio but the stream goes on for %s more: "
                                            + "only the declared %s were checked.",
                                    Clock.format(declaredS), Clock.format(pastS), Clock.format(declaredS)),
                    "Export the mix again: the header was not updated when the file was written or edited, "
                            + "and players may stop at the declared length too.",
                    Map.of("declared_s", declaredS, "past_declared_end_s", pastS)));
        }
        return out;
    }
}
