package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.devices.DeviceTranslation.DeviceReading;
import dev.signoff.analysis.devices.LowEndTranslation.SectionLowEnd;
import dev.signoff.analysis.sections.Section;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What gets lost on the playback devices, one warning per device and code:
 * <ul>
 *   <li>CHORUS_LIFT_LOST: the chorus kicks in on full-range monitors but hardly on the device,
 *       because what makes it bigger (usually the low end: kick, bass, sub) is what the device
 *       cannot play, or its limiter squashes it. Placed at the first chorus.</li>
 *   <li>KICK_LOST: the kick stands out on monitors, but on the device nothing of it stands out
 *       where the device plays ({@link dev.signoff.analysis.devices.LowEndTranslation}). Placed at
 *       the first section where that happens; the message counts the others.</li>
 *   <li>BASS_LOST: the section has a bass line, but the device plays none of its partials on at
 *       least three notes in four. Placed likewise.</li>
 * </ul>
 * Thresholds and reasons are in docs/findings.md.
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
        List<Finding> out = new ArrayList<>(chorusLift());
        if (translation.hasLowEnd()) {
            for (DeviceReading d : translation.devices()) {
                if (d.id().equals(DeviceTranslation.MONITORS)) continue;
                Finding k = kickLost(d);
                if (k != null) out.add(k);
                Finding b = bassLost(d);
                if (b != null) out.add(b);
            }
        }
        return out;
    }

    private List<Finding> chorusLift() {
        double full = translation.monitors().chorusLiftLu();
        if (!(full >= MIN_LIFT_LU)) return List.of();
        Section chorus = translation.sections().stream().filter(Section::chorus).findFirst().orElse(null);
        if (chorus == null) return List.of();
        List<Finding> out = new ArrayList<>();
        for (DeviceReading d : translation.devices()) {
            if (d.id().equals(DeviceTranslation.MONITORS) || !liftLost(full, d.chorusLiftLu())) continue;
            out.add(Finding.at(FindingCode.CHORUS_LIFT_LOST, Severity.WARNING, chorus.startS(), chorus.endS(),
                    String.format(Locale.ROOT, "On the %s the chorus (from %s) rises %s LU over the rest of the song, against %s LU on full-range monitors.",
                            d.name().toLowerCase(Locale.ROOT), Clock.format(chorus.startS()), Clock.signedDb(d.chorusLiftLu()), Clock.db(full)),
                    "Listen to the chorus entry through `signoff translate` (" + d.id() + "): if the lift comes from kick and sub, give the chorus some lift above 300 Hz too (harmonics on the bass, a wider or brighter arrangement)"
                            + (limited(d) ? "; the device's limiter also holds the louder chorus down." : "."),
                    Map.of("chorus_lift_lu", d.chorusLiftLu(), "monitors_chorus_lift_lu", full)));
        }
        return out;
    }

    private Finding kickLost(DeviceReading d) {
        List<Integer> lost = new ArrayList<>();
        int withKick = 0;
        for (int i = 0; i < translation.sections().size(); i++) {
            if (!Double.isNaN(translation.monitors().lowEnd(i).kickDb())) withKick++;
            if (d.lowEnd(i).kickLost()) lost.add(i);
        }
        if (lost.isEmpty()) return null;
        int first = lost.get(0);
        Section s = translation.sections().get(first);
        SectionLowEnd mon = translation.monitors().lowEnd(first), dev = d.lowEnd(first);
        String kept = Double.isFinite(dev.kickKeptDb()) ? "that part of it comes through " + Clock.db(-dev.kickKeptDb()) + " dB down"
                : "none of that part comes through";
        String message = String.format(Locale.ROOT,
                "On the %s the kick is lost in %s%s: on monitors its hits stand out %s dB in the %s (%s); %s, and no other part of the kick stands out where the device plays.",
                d.name().toLowerCase(Locale.ROOT), sectionName(s), more(lost.size(), withKick, "kick"), Clock.db(mon.kickDb()),
                mon.kickRegion().id(), mon.kickRegion().range(), kept);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("monitors_kick_db", mon.kickDb());
        values.put("kept_db", Double.isFinite(dev.kickKeptDb()) ? dev.kickKeptDb() : Double.NaN);
        values.put("sections_lost", (double) lost.size());
        values.put("sections_with_kick", (double) withKick);
        return Finding.at(FindingCode.KICK_LOST, Severity.WARNING, s.startS(), s.endS(), message,
                "Listen to " + sectionName(s) + " through `signoff translate` (" + d.id() + "): give the kick something the "
                        + d.id() + " can play, a beater click around 2-5 kHz or harmonics from saturation, rather than more sub.",
                values);
    }

    private Finding bassLost(DeviceReading d) {
        List<Integer> lost = new ArrayList<>();
        int withBass = 0;
        for (int i = 0; i < translation.sections().size(); i++) {
            if (!Double.isNaN(translation.monitors().lowEnd(i).bassDb())) withBass++;
            if (d.lowEnd(i).bassLost()) lost.add(i);
        }
        if (lost.isEmpty()) return null;
        int first = lost.get(0);
        Section s = translation.sections().get(first);
        SectionLowEnd mon = translation.monitors().lowEnd(first), dev = d.lowEnd(first);
        String message = String.format(Locale.ROOT,
                "On the %s the bass is lost in %s%s: its partials that stand out of the mix reach only about %d Hz, where the device plays %s dB under its midrange.",
                d.name().toLowerCase(Locale.ROOT), sectionName(s), more(lost.size(), withBass, "bass"), Math.round(mon.bassTopHz()),
                Clock.db(-dev.bassTopResponseDb()));
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("monitors_bass_db", mon.bassDb());
        values.put("bass_top_hz", mon.bassTopHz());
        values.put("device_response_db", dev.bassTopResponseDb());
        values.put("sections_lost", (double) lost.size());
        values.put("sections_with_bass", (double) withBass);
        return Finding.at(FindingCode.BASS_LOST, Severity.WARNING, s.startS(), s.endS(), message,
                "Listen to the bass through `signoff translate` (" + d.id() + "): saturation or a layer an octave up gives it harmonics the "
                        + d.id() + " can play, and the ear fills in the missing fundamental.",
                values);
    }

    /** Whether the device plays at full volume through a protective limiter (its loudness then includes it). */
    private boolean limited(DeviceReading d) {
        return translation.hasLowEnd() && dev.signoff.analysis.devices.DeviceCatalog.builtIn().find(d.id()).map(dev.signoff.analysis.devices.DeviceModel::hasLimiter).orElse(false);
    }

    /** "the chorus (C, 0:24.0)" or "section B (0:08.0)". */
    private static String sectionName(Section s) {
        return s.chorus() ? "the chorus (" + s.label() + ", " + Clock.format(s.startS()) + ")"
                : "section " + s.label() + " (" + Clock.format(s.startS()) + ")";
    }

    /** "" when it is the only section concerned, else " and 3 more of the 5 sections with a kick". */
    private static String more(int lost, int with, String what) {
        if (lost <= 1) return "";
        return String.format(Locale.ROOT, " and %d more of the %d sections with a %s", lost - 1, with, what);
    }
}
