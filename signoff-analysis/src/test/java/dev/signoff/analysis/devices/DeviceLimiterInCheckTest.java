package dev.signoff.analysis.devices;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.analysis.sections.Section;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * With the devices followed in the pass, a device with a limiter plays at full volume in the
 * check's figures: each section's loudness on it matches the loudness of the real, full-rate
 * render ({@link DeviceRenderer}, as {@code signoff translate} writes it), although the check
 * follows the limiter on a decimated mono signal.
 */
class DeviceLimiterInCheckTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"phone", "laptop", "macbook", "bt-speaker"})
    void sectionLoudnessOnALimitedDeviceMatchesItsRender(String id) {
        SongSynth.Song song = LowEndSongs.song(48_000, 90, 1);
        CheckResult r = LowEndSongs.check(48_000, 90, 1);
        DeviceModel model = DeviceCatalog.builtIn().find(id).orElseThrow();
        assertThat(model.hasLimiter()).isTrue();
        float[][] render = DeviceRenderTest.render(model, song.channels(), song.sampleRate(), 8192);
        LoudnessMeter meter = new LoudnessMeter(new StreamInfo(song.sampleRate(), 2, 32, true, "render", song.frames()));
        for (AudioBlock b : Signals.blocks(render, 8192)) meter.accept(b);
        meter.finish();
        TimeSeries st = meter.result().shortTerm();

        DeviceTranslation t = r.devices();
        DeviceTranslation.DeviceReading d = t.devices().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        List<Section> sections = t.sections();
        int compared = 0;
        for (int s = 1; s < sections.size() - 1; s++) {           // the intro and outro fade; compare the body of the song
            Section sec = sections.get(s);
            if (sec.quiet() || sec.durationS() < 6) continue;
            double rendered = sectionLoudness(st, sec);
            assertThat(d.sectionLufs()[s]).as("%s section %s at %.1f s", id, sec.label(), sec.startS()).isCloseTo(rendered, within(1.0));
            compared++;
        }
        assertThat(compared).isGreaterThanOrEqualTo(2);
    }

    /** Energy mean of the short-term loudness inside a section, as the sections' own loudness is taken. */
    static double sectionLoudness(TimeSeries st, Section s) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < st.size(); i++) {
            double t = st.timeOf(i);
            if (t <= s.startS() + 1.5 || t > s.endS()) continue;
            n++;
            if (!Double.isNaN(st.values()[i])) sum += Math.pow(10, st.values()[i] / 10);
        }
        return 10 * Math.log10(sum / n);
    }
}
