package dev.signoff.analysis.findings;

import dev.signoff.analysis.tonal.TonalRange;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.codecs.CodecResult;
import dev.signoff.analysis.platforms.PlatformPlayback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The set of rules a check applies, one finding per cause ({@link OneFindingPerCause}), and the
 * ranking of what they find (worst first, then in time).
 */
public final class FindingRules implements FindingRule {
    private final List<FindingRule> rules;

    public FindingRules(List<FindingRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The rules of a check: tonal balance against the references when there are some (else the
     * built-in range), the reference-only rules, and the playback-device rules when devices were asked for.
     *
     * @param references null without references
     * @param devices    null without devices
     */
    public static FindingRules forCheck(ReferenceComparison references, DeviceTranslation devices) {
        return forCheck(references, devices, null, null);
    }

    /**
     * The rules of a check with the streaming previews: the platform rules when the services'
     * playback was worked out, the codec rules when the round trip ran.
     *
     * @param platforms null when not asked for
     * @param codecs    null when not asked for
     */
    public static FindingRules forCheck(ReferenceComparison references, DeviceTranslation devices,
                                        List<PlatformPlayback> platforms, List<CodecResult> codecs) {
        List<FindingRule> rules = new ArrayList<>(List.of(new DecodeRules(), new PeakRules(), new TechnicalRules(), new StereoRules(),
                new TonalRules(references == null ? TonalRange.builtIn() : references.tonalRange()), new QuietPassageRules()));
        if (references != null) rules.add(new ReferenceRules(references));
        if (devices != null) rules.add(new TranslationRules(devices));
        if (platforms != null) rules.add(new PlatformRules(platforms));
        if (codecs != null) rules.add(new CodecRules(codecs));
        return new FindingRules(rules);
    }

    @Override
    public List<Finding> judge(Measurements m) {
        List<Finding> all = new ArrayList<>();
        for (FindingRule r : rules) {
            if (r.needs().stream().allMatch(m::has)) all.addAll(r.judge(m));
        }
        List<Finding> merged = new ArrayList<>(OneFindingPerCause.merge(all));
        merged.sort(RANKING);
        return List.copyOf(merged);
    }

    public static final Comparator<Finding> RANKING = Comparator
            .comparing(Finding::severity)
            .thenComparing(f -> f.startS() == null ? -1.0 : f.startS());
}
