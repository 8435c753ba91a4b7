package dev.signoff.analysis.devices;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The catalog's curves have the shapes their sources document. */
class DeviceCatalogTest {
    final DeviceCatalog catalog = DeviceCatalog.builtIn();

    DeviceModel d(String id) { return catalog.find(id).orElseThrow(); }

    @Test
    void listsTheRequiredDevicesWithCredits() {
        assertThat(catalog.ids()).contains("airpods", "earpods", "phone", "laptop", "bt-speaker", "mixcube", "car");
        for (DeviceModel m : catalog.models()) {
            assertThat(m.source()).as(m.id()).isNotBlank();
            assertThat(m.name()).isNotBlank();
        }
        assertThat(d("phone").mono()).isTrue();
        assertThat(d("bt-speaker").mono()).isTrue();
        assertThat(d("mixcube").mono()).isTrue();
        assertThat(d("airpods").mono()).isFalse();
        assertThat(d("phone").hasLimiter()).isTrue();
        assertThat(d("laptop").hasLimiter()).isTrue();
        assertThat(d("bt-speaker").hasLimiter()).isTrue();
        assertThat(d("mixcube").hasLimiter()).isFalse();
        assertThat(d("airpods").source()).contains("Rtings.com", "AutoEq");
        assertThat(d("earpods").source()).contains("oratory1990");
        assertThat(d("mixcube").source()).contains("AudioScienceReview", "spinorama");
        assertThat(d("bt-speaker").source()).contains("Erin's Audio Corner");
        assertThat(catalog.find("PHONE")).isPresent();
        assertThat(catalog.find("nope")).isEmpty();
    }

    @Test
    void everyCurveIsZeroInItsPassbandAndAboveTheFloor() {
        for (DeviceModel m : catalog.models()) {
            ResponseCurve r = m.response();
            for (double v : r.db()) assertThat(v).as(m.id()).isGreaterThanOrEqualTo(DeviceFilter.FLOOR_DB);
            System.out.printf(Locale.ROOT, "curve %-12s 50 Hz %+6.1f  100 Hz %+6.1f  1 kHz %+5.1f  3 kHz %+5.1f  10 kHz %+6.1f%n",
                    m.id(), r.at(50), r.at(100), r.at(1000), r.at(3000), r.at(10_000));
        }
        assertThat(d("airpods").response().meanDb(500, 2000)).isCloseTo(0, offset(1e-6));
        assertThat(d("mixcube").response().meanDb(300, 3000)).isCloseTo(0, offset(1e-6));
    }

    @Test
    void speakerCurvesKeepTheirMeasuredAnchors() {
        ResponseCurve cube = d("mixcube").response();
        assertThat(cube.at(100)).isBetween(-18.0, -11.0);    // -15 dB at 100 Hz (README anchors, before smoothing)
        assertThat(cube.at(204)).isBetween(-8.0, -4.0);      // -6 dB at 204 Hz
        assertThat(cube.at(1700)).isBetween(1.5, 5.0);       // midrange bump
        ResponseCurve bt = d("bt-speaker").response();
        assertThat(bt.at(100)).isGreaterThan(-3.0);           // held flat to ~65 Hz
        assertThat(bt.at(40)).isLessThan(-10.0);              // then steep
        ResponseCurve phone = d("phone").response();
        assertThat(phone.at(100)).isCloseTo(-48, offset(1.0));
        assertThat(d("car").response().at(50)).isCloseTo(12, offset(1.0));
    }

    @Test
    void earbudCurvesAreDeviceMinusTargetWithTheBassShelf() {
        assertThat(DeviceCatalog.lowShelfDb(20, 105, 0.7, 9.5)).isCloseTo(9.5, offset(0.5));
        assertThat(DeviceCatalog.lowShelfDb(10_000, 105, 0.7, 9.5)).isCloseTo(0, offset(0.05));
        assertThat(DeviceCatalog.lowShelfDb(105, 105, 0.7, 9.5)).isCloseTo(4.75, offset(0.01));
        // Open-fit earbuds lose bass against a speakers-in-a-room reference.
        assertThat(d("earpods").response().at(50)).isLessThan(-6);
        assertThat(d("airpods").response().at(50)).isLessThan(-6);
        // No ear-canal gain left in the curve: the 3 kHz region stays within a few dB.
        for (String id : new String[]{"airpods", "airpods-pro", "earpods"}) {
            assertThat(Math.abs(d(id).response().at(3000))).as(id).isLessThan(8);
        }
    }

    @Test
    void smoothingAveragesOverTheWindow() {
        ResponseCurve step = new ResponseCurve(new double[]{10, 999.9, 1000, 100_000}, new double[]{0, 0, 12, 12});
        ResponseCurve s = step.smoothed(1.0);
        assertThat(s.at(1000)).isCloseTo(6, offset(0.5));
        assertThat(s.at(100)).isCloseTo(0, offset(1e-9));
        assertThat(s.at(10_000)).isCloseTo(12, offset(1e-9));
    }
}
