package dev.signoff.analysis.devices;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.devices.DeviceTranslation.DeviceReading;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vocal band's presence per device and section, on a synthesized song (48 kHz, 60 s, seed 1).
 * Measured per musical section: phone +4.4 to +7.3 dB (everything under about 400 Hz gone, a
 * +3 dB peak at 3 kHz), AirPods Pro -0.5 to 0 dB (nearly flat, -3.5 dB at 50 Hz, -2 dB at 3 kHz),
 * Bluetooth speaker -0.7 to -0.1 dB (flat above 65 Hz), car -9 to -7 dB (its +13 dB bass shelf
 * makes the song's strong bass carry far more of the whole). The bounds leave 1.4 dB or more.
 */
class VocalBandTranslationTest {

    @Test
    void thePhoneBringsTheVocalBandForwardAndFullRangeDevicesKeepIt() {
        CheckResult r = LowEndSongs.check(48_000, 60, 1);
        DeviceTranslation t = r.devices();
        int musical = 0;
        for (int i = 0; i < t.sections().size(); i++) {
            if (t.sections().get(i).quiet()) continue;
            musical++;
            assertThat(t.monitors().sectionVocalDb()[i]).as("monitors, section %d", i).isZero();
            // The phone: clearly forward.
            assertThat(reading(t, "phone").sectionVocalDb()[i]).as("phone, section %d", i).isGreaterThan(3.0);
            // Full-range devices that are nearly flat where the song has its energy: near 0.
            assertThat(reading(t, "airpods-pro").sectionVocalDb()[i]).as("airpods-pro, section %d", i).isBetween(-1.5, 1.5);
            assertThat(reading(t, "bt-speaker").sectionVocalDb()[i]).as("bt-speaker, section %d", i).isBetween(-2.0, 1.5);
            // The car's bass boost pushes the band back.
            assertThat(reading(t, "car").sectionVocalDb()[i]).as("car, section %d", i).isLessThan(-4.0);
        }
        assertThat(musical).isGreaterThanOrEqualTo(3);
    }

    private static DeviceReading reading(DeviceTranslation t, String id) {
        return t.devices().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }
}
