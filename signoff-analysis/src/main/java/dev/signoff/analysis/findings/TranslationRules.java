package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.devices.DeviceTranslation.DeviceReading;
import dev.signoff.analysis.devices.LowEndTranslation;
import dev.signoff.analysis.devices.LowEndTranslation.SectionLowEnd;
import dev.signoff.analysis.sections.Section;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * What gets lost on the playback devices, one warning per code for the devices that lose the same
 * thing in the same sections (each named, with its own figures):
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
            for (List<Lost> group : groups(lost(SectionLowEnd::kickLost))) out.add(kickLost(group));
            for (List<Lost> group : groups(lost(SectionLowEnd::bassLost))) out.add(bassLost(group));
        }
        return out;
    }

    /** A device that loses something: in which sections, the first of them placing the warning. */
    private record Lost(DeviceReading device, List<Integer> sections) {
        int first() { return sections.get(0); }
        SectionLowEnd atFirst() { return device.lowEnd(first()); }
    }

    private List<Lost> lost(Predicate<SectionLowEnd> isLost) {
        List<Lost> out = new ArrayList<>();
        for (DeviceReading d : translation.devices()) {
            if (d.id().equals(DeviceTranslation.MONITORS)) continue;
            List<Integer> sections = new ArrayList<>();
            for (int i = 0; i < translation.sections().size(); i++) if (isLost.test(d.lowEnd(i))) sections.add(i);
            if (!sections.isEmpty()) out.add(new Lost(d, sections));
        }
        return out;
    }

    /**
     * All the devices that lose the same part share one warning, placed at the first section any
     * of them loses it in: a sub-only kick is lost on most small devices at once, and it is one
     * cause (the kick has nothing small speakers play), however the devices differ on which
     * sections they lose it in. Seven near-identical warnings, or three at one section for devices
     * that differ by a section, would bury the rest.
     */
    private static List<List<Lost>> groups(List<Lost> lost) {
        if (lost.isEmpty()) return List.of();
        List<Lost> group = new ArrayList<>(lost);
        group.sort(Comparator.comparingInt(Lost::first));
        return List.of(group);
    }

    /** " The laptop speakers lose the kick from section C (0:24.0) on." for the devices that lose it only later. */
    private String later(List<Lost> group, List<Lost> here, String what) {
        StringBuilder out = new StringBuilder();
        Map<Integer, List<Lost>> byFirst = new LinkedHashMap<>();
        for (Lost l : group) if (!here.contains(l)) byFirst.computeIfAbsent(l.first(), k -> new ArrayList<>()).add(l);
        byFirst.forEach((first, lost) -> out.append(String.format(Locale.ROOT, " The %s lose%s the %s from %s on.",
                names(devices(lost)), lost.size() == 1 ? "s" : "", what, sectionName(translation.sections().get(first)))));
        return out.toString();
    }

    /** The sections any device of the group loses the part in. */
    private static int sectionsLost(List<Lost> group) {
        return (int) group.stream().flatMap(l -> l.sections().stream()).distinct().count();
    }

    /** Whether every device of the group loses the part in the same sections. */
    private static boolean sameSections(List<Lost> group) {
        return group.stream().map(Lost::sections).distinct().count() == 1;
    }

    private List<Finding> chorusLift() {
        double full = translation.monitors().chorusLiftLu();
        if (!(full >= MIN_LIFT_LU)) return List.of();
        Section chorus = translation.sections().stream().filter(Section::chorus).findFirst().orElse(null);
        if (chorus == null) return List.of();
        List<DeviceReading> lost = translation.devices().stream()
                .filter(d -> !d.id().equals(DeviceTranslation.MONITORS) && liftLost(full, d.chorusLiftLu())).toList();
        if (lost.isEmpty()) return List.of();
        List<String> limited = lost.stream().filter(this::limited).map(TranslationRules::name).toList();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("chorus_lift_lu", lost.stream().mapToDouble(DeviceReading::chorusLiftLu).max().orElseThrow());
        values.put("monitors_chorus_lift_lu", full);
        values.put("devices", (double) lost.size());
        String message = lost.size() == 1
                ? String.format(Locale.ROOT, "On the %s the chorus (from %s) rises %s LU over the rest of the song, against %s LU on full-range monitors.",
                        name(lost.get(0)), Clock.format(chorus.startS()), Clock.signedDb(lost.get(0).chorusLiftLu()), Clock.db(full))
                : String.format(Locale.ROOT, "On the %s the chorus (from %s) rises only %s LU over the rest of the song (in that order), against %s LU on full-range monitors.",
                        names(lost), Clock.format(chorus.startS()), Prose.list(lost.stream().map(d -> Clock.signedDb(d.chorusLiftLu())).toList()), Clock.db(full));
        return List.of(Finding.at(FindingCode.CHORUS_LIFT_LOST, Severity.WARNING, chorus.startS(), chorus.endS(), message,
                "Listen to the chorus entry through " + translate(lost) + ": if the lift comes from kick and sub, give the chorus some lift above 300 Hz too (harmonics on the bass, a wider or brighter arrangement)"
                        + (limited.isEmpty() ? "." : "; the limiter of the " + Prose.list(limited) + " also holds the louder chorus down."),
                values));
    }

    private Finding kickLost(List<Lost> group) {
        Lost lead = group.get(0);
        // The devices that lose it in the first section: the figures given for that section are theirs.
        List<Lost> here = group.stream().filter(l -> l.first() == lead.first()).toList();
        Section s = translation.sections().get(lead.first());
        SectionLowEnd mon = translation.monitors().lowEnd(lead.first());
        int withKick = 0;
        for (int i = 0; i < translation.sections().size(); i++) if (!Double.isNaN(translation.monitors().lowEnd(i).kickDb())) withKick++;
        List<Lost> through = here.stream().filter(l -> Double.isFinite(l.atFirst().kickKeptDb())).toList();
        String where = group.size() == 1 ? "the device plays" : "these devices play";
        String message;
        if (through.isEmpty()) {
            message = String.format(Locale.ROOT,
                    "On the %s the kick is lost in %s%s: on monitors its hits stand out %s dB in the %s (%s); none of that part comes through, and no other part of the kick stands out where %s.",
                    names(devices(here)), sectionName(s), more(group, withKick, "kick"), Clock.db(mon.kickDb()),
                    mon.kickRegion().id(), mon.kickRegion().range(), where);
        } else {
            // Something of the kick comes through: it is not gone, it no longer stands out of what it lands on.
            String kept = here.size() == 1 ? Clock.db(-lead.atFirst().kickKeptDb()) + " dB" : spread(through, l -> -l.atFirst().kickKeptDb())
                    + (through.size() < here.size() ? " (not at all on the " + Prose.list(here.stream().filter(l -> !through.contains(l)).map(l -> l.device().id()).toList()) + ")" : "");
            message = String.format(Locale.ROOT,
                    "On the %s the kick no longer stands out in %s%s: on monitors its hits stand out %s dB in the %s (%s); that part of it comes through %s down, and in no range %s do the hits stand out the %s dB they need to be heard.",
                    names(devices(here)), sectionName(s), more(group, withKick, "kick"), Clock.db(mon.kickDb()),
                    mon.kickRegion().id(), mon.kickRegion().range(), kept, where, Clock.db(LowEndTranslation.STEP_MIN_DB));
        }
        message += later(group, here, "kick");
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("monitors_kick_db", mon.kickDb());
        // The most any of these devices keeps: the message holds for all of them.
        values.put("kept_db", through.stream().mapToDouble(l -> l.atFirst().kickKeptDb()).max().orElse(Double.NaN));
        values.put("sections_lost", (double) sectionsLost(group));
        values.put("sections_with_kick", (double) withKick);
        values.put("devices", (double) group.size());
        String what = group.size() == 1 ? "the " + lead.device().id() : "these devices";
        return Finding.at(FindingCode.KICK_LOST, Severity.WARNING, s.startS(), s.endS(), message,
                "Listen to " + sectionName(s) + " through " + translate(devices(group)) + ": give the kick something " + what
                        + " can play, a beater click around 2-5 kHz or harmonics from saturation, rather than more sub.",
                values);
    }

    private Finding bassLost(List<Lost> group) {
        Lost lead = group.get(0);
        // The devices that lose it in the first section: the figures given for that section are theirs.
        List<Lost> here = group.stream().filter(l -> l.first() == lead.first()).toList();
        Section s = translation.sections().get(lead.first());
        SectionLowEnd mon = translation.monitors().lowEnd(lead.first());
        int withBass = 0;
        for (int i = 0; i < translation.sections().size(); i++) if (!Double.isNaN(translation.monitors().lowEnd(i).bassDb())) withBass++;
        // A device that plays the bass's top partial and still loses the bass hears the mono fold-down, where it cancels.
        List<Lost> folded = here.stream().filter(l -> mono(l.device()) && l.atFirst().bassTopResponseDb() >= LowEndTranslation.PLAYS_DB).toList();
        List<Lost> outOfRange = here.stream().filter(l -> !folded.contains(l)).toList();
        List<String> reasons = new ArrayList<>();
        if (!outOfRange.isEmpty()) reasons.add(String.format(Locale.ROOT, "its partials that stand out of the mix reach only about %d Hz, %s",
                Math.round(mon.bassTopHz()), outOfRange.size() == 1
                        ? "where the " + (group.size() == 1 ? "device" : outOfRange.get(0).device().id()) + " plays " + Clock.db(-outOfRange.get(0).atFirst().bassTopResponseDb()) + " dB under its midrange"
                        : "where " + (folded.isEmpty() ? "these devices" : "the " + Prose.list(outOfRange.stream().map(l -> l.device().id()).toList()))
                                + " play " + spread(outOfRange, l -> -l.atFirst().bassTopResponseDb()) + " under their midrange"));
        if (!folded.isEmpty()) reasons.add(String.format(Locale.ROOT, "%s play%s its partials up to about %d Hz, but they no longer stand out of %s mono fold-down (left and right cancel there)",
                group.size() == 1 ? "the device" : folded.size() == group.size() ? "these devices" : "the " + Prose.list(folded.stream().map(l -> l.device().id()).toList()),
                folded.size() == 1 ? "s" : "", Math.round(mon.bassTopHz()), folded.size() == 1 ? "its" : "their"));
        String message = String.format(Locale.ROOT, "On the %s the bass is lost in %s%s: %s.",
                names(devices(here)), sectionName(s), more(group, withBass, "bass"), String.join("; ", reasons))
                + later(group, here, "bass");
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("monitors_bass_db", mon.bassDb());
        values.put("bass_top_hz", mon.bassTopHz());
        // The best response of these devices there: the message holds for all of them.
        values.put("device_response_db", here.stream().mapToDouble(l -> l.atFirst().bassTopResponseDb()).max().orElseThrow());
        values.put("sections_lost", (double) sectionsLost(group));
        values.put("sections_with_bass", (double) withBass);
        values.put("devices", (double) group.size());
        String what = group.size() == 1 ? "the " + lead.device().id() : "these devices";
        return Finding.at(FindingCode.BASS_LOST, Severity.WARNING, s.startS(), s.endS(), message,
                "Listen to the bass through " + translate(devices(group)) + ": saturation or a layer an octave up gives it harmonics "
                        + what + " can play, and the ear fills in the missing fundamental.",
                values);
    }

    /** "13.5 dB (airpods) to 60.0 dB (phone)", or "60.0 dB" when the devices agree to 0.1 dB. */
    private static String spread(List<Lost> group, ToDoubleFunction<Lost> db) {
        Lost least = group.stream().min(Comparator.comparingDouble(db)).orElseThrow();
        Lost most = group.stream().max(Comparator.comparingDouble(db)).orElseThrow();
        if (Clock.db(db.applyAsDouble(least)).equals(Clock.db(db.applyAsDouble(most)))) return Clock.db(db.applyAsDouble(most)) + " dB";
        return Clock.db(db.applyAsDouble(least)) + " dB (" + least.device().id() + ") to " + Clock.db(db.applyAsDouble(most)) + " dB (" + most.device().id() + ")";
    }

    private static List<DeviceReading> devices(List<Lost> group) {
        return group.stream().map(Lost::device).toList();
    }

    private static String name(DeviceReading d) {
        return d.name().toLowerCase(Locale.ROOT);
    }

    /** "phone speaker" or "phone speaker, laptop speakers and car". */
    private static String names(List<DeviceReading> devices) {
        return Prose.list(devices.stream().map(TranslationRules::name).toList());
    }

    /** The command that renders these devices, to listen. */
    private static String translate(List<DeviceReading> devices) {
        return "`signoff translate MIX -d " + String.join(",", devices.stream().map(DeviceReading::id).toList()) + "`";
    }

    /** Whether the device plays one channel, the fold-down of left and right. */
    private static boolean mono(DeviceReading d) {
        return dev.signoff.analysis.devices.DeviceCatalog.builtIn().find(d.id()).map(dev.signoff.analysis.devices.DeviceModel::mono).orElse(false);
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

    /**
     * "" when it is the only section concerned, else " and 3 more of the 5 sections with a kick"
     * (" and, on some of them, 3 more ..." when the devices differ on which).
     */
    private static String more(List<Lost> group, int with, String what) {
        int lost = sectionsLost(group);
        if (lost <= 1) return "";
        return String.format(Locale.ROOT, " and%s %d more of the %d sections with a %s",
                sameSections(group) ? "" : ", on some of them,", lost - 1, with, what);
    }
}
