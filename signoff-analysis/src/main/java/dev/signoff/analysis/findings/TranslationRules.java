package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.sections.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CHORUS_LIFT_LOST: the chorus kicks in on full-range monitors but hardly on a playback device,
 * because what makes it bigger (usually the low end: kick, bass, sub) is what the device cannot
 * play. One warning per device, pointing at the first chorus. Thresholds and reasons are in
 * docs/findings.md.
 */
public final class TranslationRules implements FindingRule {
    /** A lift listeners notice: below this on monitors there is no lift to lose. */
    static final double MIN_LIFT_LU = 2.0;
    /** The device keeps less than this share of the monitors' lift (in LU). */
    static final double KEPT_SHARE = 0.5;

    private final DeviceTranslation translation;

    public TranslationRules(DeviceTranslation translation) {
        this.translation = translation;
    }

    /** Whether a device's chorus lift counts as lost against the monitors' lift (NaN never does). */
    public static boolean liftLost(double monitorsLiftLu, double deviceLiftLu) {
        return monitorsLiftLu >= MIN_LIFT_LU && deviceLiftLu < monitorsLiftLu * KEPT_SHARE;
    }

    @Override
    public List<Finding> judge(Measurements m) {
        double full = translation.monitors().chorusLiftLu();
        if (!(full >= MIN_LIFT_LU)) return List.of();
        Section chorus = translation.sections().stream().filter(Section::chorus).findFirst().orElse(null);
        if (chorus == null) return List.of();
        List<Finding> out = new ArrayList<>();
        for (DeviceTranslation.DeviceReading d : translation.devices()) {
            if (d.id().equals(DeviceTranslation.MONITORS) || !liftLost(full, d.chorusLiftLu())) continue;
            out.add(Finding.at(FindingCode.CHORUS_LIFT_LOST, Severity.WARNING, chorus.startS(), chorus.endS(),
                    String.format(Locale.ROOT, "On the %s the chorus (from %s) rises %s LU over the rest of the song, against %s LU on full-range monitors.",
                            d.name().toLowerCase(Locale.ROOT), Clock.format(chorus.startS()), Clock.signedDb(d.chorusLiftLu()), Clock.db(full)),
                    "Listen to the chorus entry through `signoff translate` (" + d.id() + "): if the lift comes from kick and sub, give the chorus some lift above 300 Hz too (harmonics on the bass, a wider or brighter arrangement).",
                    Map.of("chorus_lift_lu", d.chorusLiftLu(), "monitors_chorus_lift_lu", full)));
        }
        return out;
    }
}
