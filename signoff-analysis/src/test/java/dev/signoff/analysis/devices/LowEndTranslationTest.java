package dev.signoff.analysis.devices;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.devices.DeviceTranslation.DeviceReading;
import dev.signoff.analysis.devices.LowEndTranslation.SectionLowEnd;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kick and bass audibility on the playback devices, on synthesized songs whose kick and bass are
 * known: a normal mix (a kick with a pitch-swept body and a beater click, a saturated bass with
 * harmonics), one whose kick is a pure 48 Hz thump, one whose bass is a pure sine under 60 Hz.
 */
class LowEndTranslationTest {
    /** Devices that cannot play a pure sub (their response at 40-60 Hz is 14-60 dB under their midrange). */
    static final Set<String> SMALL = Set.of("phone", "laptop", "macbook", "bt-speaker", "mixcube");
    /** Devices that play down to 40 Hz within a few dB, or boost it. */
    static final Set<String> FULL_RANGE = Set.of("airpods-pro", "car");

    /** The devices the code's warnings name ("On the phone speaker, laptop speakers and car the kick is lost ..."). */
    static Set<String> devicesWith(CheckResult r, FindingCode code) {
        Set<String> out = new TreeSet<>();
        for (Finding f : r.findings()) {
            if (f.code() != code) continue;
            Matcher named = Pattern.compile("^On the (.+?) the (kick is lost|kick no longer stands out|bass is lost|chorus \\(from)").matcher(f.message());
            assertThat(named.find()).as(f.message()).isTrue();
            List<String> names = List.of(named.group(1).split(", | and "));
            for (DeviceReading d : r.devices().devices()) if (names.contains(d.name().toLowerCase(java.util.Locale.ROOT))) out.add(d.id());
            assertThat(f.values().get("devices")).as("devices counted in %s", f.message()).isEqualTo((double) names.size());
        }
        return out;
    }

    @ParameterizedTest(name = "{0} Hz, {1} s, seed {2}")
    @CsvSource({"48000, 60, 1", "44100, 40, 2"})
    void aCleanMixKeepsItsKickAndBassOnEveryDevice(int rate, double seconds, long seed) {
        CheckResult r = LowEndSongs.check(rate, seconds, seed);
        DeviceTranslation t = r.devices();
        assertThat(t.hasLowEnd()).isTrue();
        int withKick = 0, withBass = 0;
        for (int i = 0; i < t.sections().size(); i++) {
            if (!Double.isNaN(t.monitors().lowEnd(i).kickDb())) withKick++;
            if (!Double.isNaN(t.monitors().lowEnd(i).bassDb())) withBass++;
        }
        assertThat(withKick).as("sections with a kick").isGreaterThanOrEqualTo(2);
        assertThat(withBass).as("sections with a bass").isGreaterThanOrEqualTo(2);
        for (DeviceReading d : t.devices()) {
            for (int i = 0; i < t.sections().size(); i++) {
                SectionLowEnd le = d.lowEnd(i), mon = t.monitors().lowEnd(i);
                assertThat(le.kickLost()).as("%s kick in section %d", d.id(), i).isFalse();
                assertThat(le.bassLost()).as("%s bass in section %d", d.id(), i).isFalse();
                if (!Double.isNaN(mon.kickDb())) {
                    // The kick still stands out, with a margin over the 3 dB threshold.
                    assertThat(le.kickDb()).as("%s kick in section %d", d.id(), i).isGreaterThan(LowEndTranslation.STEP_MIN_DB + 1.5);
                    // The phone and the laptop have only the kick's beater click to go by.
                    if (d.id().equals("phone") || d.id().equals("laptop")) assertThat(le.kickRegion()).isEqualTo(KickRegion.CLICK);
                }
            }
        }
        assertThat(devicesWith(r, FindingCode.KICK_LOST)).isEmpty();
        assertThat(devicesWith(r, FindingCode.BASS_LOST)).isEmpty();
    }

    @Test
    void aPureSubKickIsLostOnSmallSpeakersAndKeptOnFullRangeDevices() {
        CheckResult r = LowEndSongs.check(48_000, 60, 1, Defect.SUB_KICK);
        DeviceTranslation t = r.devices();
        int withKick = 0, sub = 0;
        for (int i = 0; i < t.sections().size(); i++) {
            SectionLowEnd mon = t.monitors().lowEnd(i);
            if (Double.isNaN(mon.kickDb())) continue;
            withKick++;
            if (mon.kickRegion() == KickRegion.SUB) sub++;
        }
        assertThat(withKick).isGreaterThanOrEqualTo(3);
        // On monitors the kick is its sub. (In one section of this song 4 of the 7 hits found land
        // with the backbeat snare, whose crack then reads as the kick's click: a documented limit.)
        assertThat(sub).isGreaterThanOrEqualTo(withKick - 1);
        Set<String> lost = devicesWith(r, FindingCode.KICK_LOST);
        assertThat(lost).containsAll(SMALL).doesNotContainAnyElementsOf(FULL_RANGE);
        assertThat(devicesWith(r, FindingCode.BASS_LOST)).as("the bass is the normal one").isEmpty();

        // One warning for the devices that lose the kick in the same sections, at the first of them,
        // naming the devices and the section.
        Finding phone = r.findings().stream().filter(f -> f.code() == FindingCode.KICK_LOST && f.message().matches("On the [^:]*phone speaker.*")).findFirst().orElseThrow();
        int first = -1;
        DeviceReading phoneReading = t.devices().stream().filter(d -> d.id().equals("phone")).findFirst().orElseThrow();
        for (int i = 0; i < t.sections().size() && first < 0; i++) if (phoneReading.lowEnd(i).kickLost()) first = i;
        assertThat(phone.startS()).isEqualTo(t.sections().get(first).startS());
        assertThat(phone.endS()).isEqualTo(t.sections().get(first).endS());
        assertThat(phone.message()).contains("(" + dev.signoff.analysis.findings.Clock.format(t.sections().get(first).startS()) + ")")
                .contains("in the sub (40-100 Hz)");
        assertThat(phoneReading.lowEnd(first).kickKeptDb()).as("the phone plays the sub some 50 dB down").isLessThan(-40);
        assertThat(phone.values().get("kept_db")).as("the most any device of the warning keeps").isGreaterThanOrEqualTo(phoneReading.lowEnd(first).kickKeptDb());
        assertThat(phone.message()).containsPattern("the kick no longer stands out in .*: .*; that part of it comes through [0-9.]+ dB \\([a-z-]+\\) to [0-9.]+ dB \\([a-z-]+\\) down, "
                + "and in no range these devices play do the hits stand out the 3.0 dB they need to be heard")
                .as("what comes through is not called lost").doesNotContain("is lost");
        assertThat(r.findings().stream().filter(f -> f.code() == FindingCode.KICK_LOST)).as("the small devices lose the same sections: one warning").hasSize(1);
        assertThat(phone.values().get("sections_lost")).isEqualTo((double) sub);
    }

    @Test
    void aPureSineBassUnderSixtyHertzIsLostOnSmallSpeakersAndKeptOnFullRangeDevices() {
        CheckResult r = LowEndSongs.check(48_000, 60, 1, Defect.SUB_BASS);
        DeviceTranslation t = r.devices();
        List<Double> tops = new ArrayList<>();
        for (int i = 0; i < t.sections().size(); i++) {
            SectionLowEnd mon = t.monitors().lowEnd(i);
            if (!Double.isNaN(mon.bassDb())) tops.add(mon.bassTopHz());
        }
        assertThat(tops).as("sections with a bass").hasSizeGreaterThanOrEqualTo(2);
        // The harmonic sieve keeps the fundamental only: a pure sine has no partials above it.
        assertThat(tops).allSatisfy(hz -> assertThat(hz).isLessThan(60));
        Set<String> lost = devicesWith(r, FindingCode.BASS_LOST);
        assertThat(lost).containsAll(SMALL).doesNotContainAnyElementsOf(FULL_RANGE);
        assertThat(devicesWith(r, FindingCode.KICK_LOST)).as("the kick is the normal one").isEmpty();
        Finding bt = r.findings().stream().filter(f -> f.code() == FindingCode.BASS_LOST && f.message().matches("On the [^:]*small bluetooth speaker.*")).findFirst().orElseThrow();
        assertThat(bt.values().get("device_response_db")).as("the best response of the devices named").isLessThan(LowEndTranslation.PLAYS_DB);
        assertThat(bt.startS()).isNotNull();
    }

    @Test
    void theNormalBassKeepsHarmonicsThatSmallSpeakersPlay() {
        CheckResult r = LowEndSongs.check(48_000, 60, 1);
        DeviceTranslation t = r.devices();
        for (int i = 0; i < t.sections().size(); i++) {
            SectionLowEnd mon = t.monitors().lowEnd(i);
            if (Double.isNaN(mon.bassDb())) continue;
            assertThat(mon.bassTopHz()).as("section %d: the bass's partials reach the phone's band", i).isGreaterThan(250);
        }
    }

    @Test
    void kickHitsAreFoundOnTheDrumGrid() {
        SongSynth.Song song = LowEndSongs.song(48_000, 60, 1);
        CheckResult r = LowEndSongs.check(48_000, 60, 1);
        List<Double> truth = LowEndSongs.kickOnsets(song);
        List<KickMeter.Hit> hits = r.measurements().lowEnd().kick().loudHits();
        int found = 0;
        for (double t : truth) {
            for (KickMeter.Hit h : hits) {
                if (Math.abs(h.timeS() - t) <= 0.003) {
                    found++;
                    break;
                }
            }
        }
        assertThat(found).as("kicks found within 3 ms").isGreaterThanOrEqualTo((int) Math.ceil(0.9 * truth.size()));
        for (KickMeter.Hit h : hits) {
            double nearest = truth.stream().mapToDouble(t -> Math.abs(t - h.timeS())).min().orElse(1);
            assertThat(nearest).as("hit at %.3f s", h.timeS()).isLessThan(0.003);
        }
    }
}
