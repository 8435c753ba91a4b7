package dev.signoff.analysis.loudness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.signoff.audio.synth.Signals.concat;
import static dev.signoff.audio.synth.Signals.dbToLinear;
import static dev.signoff.audio.synth.Signals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * EBU Tech 3341 (loudness meter minimum requirements) and Tech 3342 (loudness range) test
 * signals, built from their definitions: 1 kHz sines at stated levels per channel.
 */
class LoudnessMeterTest {
    static final int FS = 48_000;

    static float[] tone(double dbfs, double seconds) {
        return sine(1000, dbToLinear(dbfs), seconds, FS);
    }

    static float[] tone(double dbfs, double seconds, int fs) {
        return sine(1000, dbToLinear(dbfs), seconds, fs);
    }

    @Test
    void tech3341Case1And2_steadyToneReadsItsLevel() {
        // A 1 kHz sine at -23 dBFS in both channels reads -23.0 LUFS (M, S, I); at -33 dBFS -33.0.
        for (double level : new double[]{-23, -33}) {
            float[] x = tone(level, 20);
            LoudnessResult r = Meter.loudness(FS, x, x);
            assertThat(r.integratedLufs()).isCloseTo(level, within(0.1));
            assertThat(r.maxMomentaryLufs()).isCloseTo(level, within(0.1));
            assertThat(r.maxShortTermLufs()).isCloseTo(level, within(0.1));
        }
    }

    @Test
    void tech3341Case3_relativeGateIgnoresTheQuietParts() {
        // -36 / -23 / -36 dBFS for 10 / 60 / 10 s reads -23.0 LUFS.
        float[] x = concat(tone(-36, 10), tone(-23, 60), tone(-36, 10));
        assertThat(Meter.loudness(FS, x, x).integratedLufs()).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void tech3341Case4_absoluteAndRelativeGates() {
        // -72 / -36 / -23 / -36 / -72 dBFS for 10 / 10 / 60 / 10 / 10 s reads -23.0 LUFS.
        float[] x = concat(tone(-72, 10), tone(-36, 10), tone(-23, 60), tone(-36, 10), tone(-72, 10));
        assertThat(Meter.loudness(FS, x, x).integratedLufs()).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void tech3341Case5_levelChangesAverageByPower() {
        // -26 / -20 / -26 dBFS for 20 / 20.1 / 20 s reads -23.0 LUFS.
        float[] x = concat(tone(-26, 20), tone(-20, 20.1), tone(-26, 20));
        assertThat(Meter.loudness(FS, x, x).integratedLufs()).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void tech3341Case6_fiveChannelWeights() {
        // 5.0: L R at -28 dBFS, C at -24 dBFS, Ls Rs at -30 dBFS (weighted +1.5 dB) reads -23.0 LUFS.
        float[] front = tone(-28, 20), centre = tone(-24, 20), surround = tone(-30, 20);
        LoudnessResult r = Meter.loudness(Meter.surround50(FS), front, front, centre, surround, surround);
        assertThat(r.integratedLufs()).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void tech3341Cases9And10_shortTermAndMomentaryMaxima() {
        // Case 9: 1.34 s at -20 dBFS alternating with 1.66 s at -30 dBFS, repeated: S max -23.0 LUFS.
        float[] loud = tone(-20, 1.34), quiet = tone(-30, 1.66);
        float[] x = concat(quiet, loud, quiet, loud, quiet, loud, quiet, loud, quiet, loud);
        assertThat(Meter.loudness(FS, x, x).maxShortTermLufs()).isCloseTo(-23.0, within(0.1));
        // A 400 ms burst at -23 dBFS in silence, aligned to the 100 ms hop: M max -23.0 LUFS.
        float[] burst = concat(new float[FS * 2], tone(-23, 0.4), new float[FS * 2]);
        assertThat(Meter.loudness(FS, burst, burst).maxMomentaryLufs()).isCloseTo(-23.0, within(0.1));
    }

    @ParameterizedTest
    @ValueSource(ints = {8_000, 11_025, 44_100, 88_200, 96_000, 192_000})
    void kWeightingIsDerivedForAnyRate(int fs) {
        float[] x = tone(-23, 10, fs);
        assertThat(Meter.loudness(fs, x, x).integratedLufs()).isCloseTo(-23.0, within(0.1));
    }

    @Test
    void monoIsOneChannelOfWeightOne() {
        assertThat(Meter.loudness(FS, tone(-23, 10)).integratedLufs()).isCloseTo(-26.0, within(0.1));
    }

    @Test
    void tech3342LoudnessRangeCases() {
        // Cases 1-4: 20 s + 20 s of 1 kHz at two levels; LRA is their difference.
        double[][] cases = {{-20, -30, 10}, {-20, -15, 5}, {-40, -20, 20}};
        for (double[] c : cases) {
            float[] x = concat(tone(c[0], 20), tone(c[1], 20));
            assertThat(Meter.loudness(FS, x, x).lraLu()).as("%s", java.util.Arrays.toString(c)).isCloseTo(c[2], within(1.0));
        }
        // Case 4: -50 / -35 / -20 / -35 / -50 dBFS, 20 s each: LRA 15 LU.
        float[] x = concat(tone(-50, 20), tone(-35, 20), tone(-20, 20), tone(-35, 20), tone(-50, 20));
        assertThat(Meter.loudness(FS, x, x).lraLu()).isCloseTo(15, within(1.0));
    }

    @Test
    void silenceHasNoLoudness() {
        float[] x = new float[FS * 5];
        LoudnessResult r = Meter.loudness(FS, x, x);
        assertThat(r.integratedLufs()).isNaN();
        assertThat(r.lraLu()).isNaN();
        assertThat(java.util.Arrays.stream(r.shortTerm().values()).allMatch(Double::isNaN)).isTrue();
    }

    @Test
    void seriesHaveOneValueEvery100Ms() {
        float[] x = tone(-20, 12.34);
        LoudnessResult r = Meter.loudness(FS, x, x);
        assertThat(r.momentary().size()).isEqualTo(123);
        assertThat(r.shortTerm().stepS()).isEqualTo(0.1);
        assertThat(r.shortTerm().values()[60]).isCloseTo(-20.0, within(0.05));
    }
}
