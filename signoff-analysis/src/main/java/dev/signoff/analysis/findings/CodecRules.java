package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measure;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.codecs.CodecResult;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CODEC_CLIPPING (warning): a lossy encode of the mix, decoded, goes over 0 dBTP or has samples at
 * full scale, so players that decode to fixed point clip it. The message names the ceiling that
 * keeps every decode under 0 dBTP, as measured by encoding the mix lowered
 * ({@link CodecResult#cleanGainDb()}): an encode's overshoot does not simply follow the level.
 */
final class CodecRules implements FindingRule {
    private final List<CodecResult> codecs;

    public CodecRules(List<CodecResult> codecs) {
        this.codecs = List.copyOf(codecs);
    }

    @Override
    public Set<Measure> needs() {
        return EnumSet.of(Measure.TRUE_PEAK);
    }

    @Override
    public List<Finding> judge(Measurements m) {
        List<CodecResult> clipping = codecs.stream().filter(CodecResult::clips).toList();
        if (clipping.isEmpty()) return List.of();
        double masterTp = m.peaks().truePeakDbtp();
        double lower = clipping.stream().mapToDouble(CodecResult::cleanGainDb).min().orElse(0);
        boolean found = !Double.isNaN(lower);
        double ceiling = masterTp + lower;
        Map<String, Double> values = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>();
        for (CodecResult c : clipping) {
            values.put(c.codec().id().replace('-', '_') + "_true_peak_dbtp", c.truePeakDbtp());
            parts.add(String.format(Locale.ROOT, "%s reaches %+.1f dBTP (%d clipped sample%s)", c.codec().displayName(),
                    c.truePeakDbtp(), c.clippedSamples(), c.clippedSamples() == 1 ? "" : "s"));
        }
        values.put("master_true_peak_dbtp", masterTp);
        if (found) {
            values.put("lower_by_db", -lower);
            values.put("ceiling_dbtp", ceiling);
        }
        return List.of(Finding.whole(FindingCode.CODEC_CLIPPING, Severity.WARNING,
                "Decoded, " + Prose.list(parts) + String.format(Locale.ROOT, " from a master peaking at %+.1f dBTP.", masterTp),
                (found ? String.format(Locale.ROOT, "Encoded %.1f dB lower (a ceiling of %.1f dBTP), every decode stays under 0 dBTP; ",
                        -lower, ceiling) : "Even a few dB lower some decode still clips: give the master more headroom; ")
                        + "listen to the decodes (--render-dir) for crackle on the loudest hits.",
                values));
    }
}
