package dev.signoff.analysis.technical;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.synth.SongSynth.Defect;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DcOffsetMeterTest {
    private static final int RATE = 48_000;

    @Test
    void onePercentOffsetReadsMinus40DbfsOnEachChannel() {
        // Tones with whole cycles per second: the signal itself has no mean.
        float[] l = Signals.sine(100, 0.7, 5.0, RATE), r = Signals.sine(441, 0.5, 5.0, RATE);
        float[] hf = Signals.sine(3000, 0.2, 5.0, RATE);
        for (int i = 0; i < l.length; i++) l[i] += hf[i];
        for (int i = 0; i < l.length; i++) {
            l[i] += 0.01f;
            r[i] -= 0.01f;
        }
        DcOffsetResult res = TestAudio.feed(new DcOffsetMeter(TestAudio.info(RATE, 2)), new float[][]{l, r}, 3000).result();
        assertThat(res.offsetDbfs()[0]).isCloseTo(-40.0, within(0.1));
        assertThat(res.offsetDbfs()[1]).isCloseTo(-40.0, within(0.1));
        assertThat(res.offset()[0]).isCloseTo(0.01, within(0.0002));
        assertThat(res.offset()[1]).isCloseTo(-0.01, within(0.0002));
    }

    @Test
    void noOffsetReadsFarBelowTheNoteAndSilenceReadsNaN() {
        float[] x = Signals.sine(50, 0.9, 3.0, RATE);
        DcOffsetResult res = TestAudio.feed(new DcOffsetMeter(TestAudio.info(RATE, 1)), new float[][]{x}, 4096).result();
        assertThat(Math.abs(res.offset()[0])).isLessThan(1e-5);
        DcOffsetResult silent = TestAudio.feed(new DcOffsetMeter(TestAudio.info(RATE, 1)), new float[][]{new float[RATE]}, 4096).result();
        assertThat(silent.offset()[0]).isZero();
        assertThat(silent.offsetDbfs()[0]).isNaN();
    }

    @Test
    void anAsymmetricWaveformIsNotAnOffsetButAConstantOneIs() {
        // A kick-like decaying chirp four times a second has a positive mean in every second...
        float[] kicks = new float[10 * RATE];
        for (int k = 0; k < 39; k++) {
            double phase = 0;
            for (int i = 0; i < (int) (0.4 * RATE); i++) {
                double s = i / (double) RATE;
                phase += 2 * Math.PI * (48 + 110 * Math.exp(-s / 0.025)) / RATE;
                kicks[k * RATE / 4 + i] += (float) (0.9 * Math.exp(-s / 0.16) * Math.sin(phase));
            }
        }
        // ...and there is a quiet passage (a fade) and a stretch of digital silence.
        float[] music = Signals.concat(kicks, Signals.fadeInOut(Signals.pinkNoise(0.01, 4.0, RATE, 3), 1.5, RATE), new float[RATE]);
        double mean = 0;
        for (float v : music) mean += v;
        mean /= music.length;
        assertThat(20 * Math.log10(Math.abs(mean))).as("whole-file mean").isGreaterThan(-60);
        DcOffsetResult clean = TestAudio.feed(new DcOffsetMeter(TestAudio.info(RATE, 1)), new float[][]{music}, 4096).result();
        assertThat(clean.offsetDbfs()[0]).isLessThan(-60);

        float[] offset = music.clone();
        for (int i = 0; i < offset.length; i++) offset[i] += 0.005f;
        DcOffsetResult dc = TestAudio.feed(new DcOffsetMeter(TestAudio.info(RATE, 1)), new float[][]{offset}, 4096).result();
        assertThat(dc.offsetDbfs()[0]).isCloseTo(20 * Math.log10(0.005), within(0.5));
    }

    @Test
    void theDcSongRaisesAWarningAndTheCleanSongNothing() {
        CheckResult dc = TestAudio.check(Defect.DC_OFFSET);
        for (double db : dc.measurements().dcOffset().offsetDbfs()) assertThat(db).isCloseTo(-40.0, within(0.5));
        assertThat(dc.findings()).filteredOn(f -> f.code() == FindingCode.DC_OFFSET).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.values().get("dc_offset_dbfs")).isGreaterThan(-46);
                });
        CheckResult clean = TestAudio.check();
        assertThat(clean.findings()).noneMatch(f -> f.code() == FindingCode.DC_OFFSET);
        for (double db : clean.measurements().dcOffset().offsetDbfs()) assertThat(db).isLessThan(-60);
    }
}
