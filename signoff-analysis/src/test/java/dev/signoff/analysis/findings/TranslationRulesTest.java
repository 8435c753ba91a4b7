package dev.signoff.analysis.findings;

import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.devices.DeviceCatalog;
import dev.signoff.analysis.devices.DeviceTranslation;
import dev.signoff.analysis.sections.Section;
import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TranslationRulesTest {
    static final int FS = 48_000;
    /** intro, verse, chorus, verse, chorus, outro. */
    static final double[][] PARTS = {{0, 8}, {8, 24}, {24, 40}, {40, 56}, {56, 72}, {72, 80}};
    static final List<Section> SECTIONS = List.of(
            section(0, "A", false), section(1, "B", false), section(2, "C", true),
            section(3, "B", false), section(4, "C", true), section(5, "A", false));

    static Section section(int i, String label, boolean chorus) {
        return new Section(PARTS[i][0], PARTS[i][1], label, false, Double.NaN, Double.NaN, 0, chorus);
    }

    /**
     * Midrange noise throughout; in the choruses either a loud 55 Hz bass (a lift only the low end
     * carries) or the same midrange 5 dB louder (a lift every device carries).
     */
    static Measurements song(Path dir, boolean liftFromBass) throws Exception {
        int n = 80 * FS;
        float[][] x = new float[2][n];
        SplittableRandom r = new SplittableRandom(3);
        Biquad bl = Biquad.bandPass(FS, 1200, 0.5), br = Biquad.bandPass(FS, 1200, 0.5);
        for (int i = 0; i < n; i++) {
            double t = i / (double) FS;
            boolean chorus = (t >= 24 && t < 40) || (t >= 56 && t < 72);
            double mid = chorus && !liftFromBass ? 0.18 : 0.1;
            double bass = chorus && liftFromBass ? 0.45 * Math.sin(2 * Math.PI * 55 * t) : 0;
            x[0][i] = (float) (mid * bl.process(r.nextDouble() * 2 - 1) + bass);
            x[1][i] = (float) (mid * br.process(r.nextDouble() * 2 - 1) + bass);
        }
        Path file = dir.resolve(liftFromBass ? "bass-lift.wav" : "mid-lift.wav");
        try (WavWriter w = WavWriter.open(file, FS, 2, 24)) {
            w.write(x, n);
        }
        return MixCheck.measure(file, (i, f) -> { });
    }

    static List<Finding> judge(Measurements m) {
        return new TranslationRules(DeviceTranslation.of(m, SECTIONS, DeviceCatalog.builtIn().models())).judge(m);
    }

    @Test
    void aChorusLiftedOnlyByTheBassIsLostOnSmallSpeakers(@TempDir Path dir) throws Exception {
        Measurements m = song(dir, true);
        DeviceTranslation t = DeviceTranslation.of(m, SECTIONS, DeviceCatalog.builtIn().models());
        assertThat(t.monitors().chorusLiftLu()).isGreaterThan(3);
        List<Finding> f = judge(m);
        // One warning for every device that loses the lift, at the first chorus.
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(FindingCode.CHORUS_LIFT_LOST);
            assertThat(x.startS()).isEqualTo(24.0);
        });
        Finding lost = f.get(0);
        String named = lost.message().substring(0, lost.message().indexOf(" the chorus (from 0:24.0)"));
        assertThat(named).startsWith("On the ").contains("phone speaker").contains("laptop speakers")
                // The car plays the bass louder still: the lift survives there.
                .doesNotContain("car");
        List<DeviceTranslation.DeviceReading> losing = t.devices().stream()
                .filter(d -> !d.id().equals(DeviceTranslation.MONITORS) && TranslationRules.liftLost(t.monitors().chorusLiftLu(), d.chorusLiftLu())).toList();
        assertThat(lost.values().get("devices")).isEqualTo((double) losing.size());
        // Each device's own lift, in the order the devices are named.
        String lifts = losing.stream().map(d -> Clock.signedDb(d.chorusLiftLu())).collect(java.util.stream.Collectors.joining(", "));
        assertThat(lost.message().replace(" and ", ", ")).contains("rises only " + lifts + " LU over the rest of the song (in that order)");
        assertThat(lost.hint()).contains("`signoff translate MIX -d ").contains("phone").doesNotContain("car");
    }

    @Test
    void aChorusLiftedAcrossTheMidrangeSurvivesEverywhere(@TempDir Path dir) throws Exception {
        Measurements m = song(dir, false);
        DeviceTranslation t = DeviceTranslation.of(m, SECTIONS, DeviceCatalog.builtIn().models());
        assertThat(t.monitors().chorusLiftLu()).isCloseTo(5.1, within(0.5));
        for (DeviceTranslation.DeviceReading d : t.devices()) assertThat(d.chorusLiftLu()).as(d.id()).isGreaterThan(4);
        assertThat(judge(m)).isEmpty();
    }
}
