package dev.signoff.analysis.diff;

import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import static dev.signoff.analysis.diff.VersionPairs.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The diff on generated version pairs: a 40 s SongSynth render and the same render with one known
 * change. Each test prints what it measured, so the accuracy figures in docs/diff.md can be checked.
 */
class VersionDiffTest {
    @TempDir Path dir;

    private DiffResult diff(UnaryOperator<float[][]> change) throws Exception {
        Path[] p = pair(dir, 7, change);
        return VersionDiff.run(p[0], p[1]);
    }

    private static List<Change> of(DiffResult r, ChangeKind kind) {
        return r.changes().stream().filter(c -> c.kind() == kind).toList();
    }

    private static double octaves(double a, double b) {
        return Math.abs(Math.log(a / b) / Math.log(2));
    }

    @Test
    void identicalFilesReportNoChangeAndNullCompletely() throws Exception {
        DiffResult r = diff(x -> x);
        assertThat(r.changes()).isEmpty();
        assertThat(r.identical()).isTrue();
        assertThat(r.nullResidualDb()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(r.alignment().lagFrames()).isZero();
        assertThat(r.levelChangeDb()).isZero();
    }

    @Test
    void aLosslessReEncodeReportsNoChange() throws Exception {
        // The 24-bit render written again as 32-bit float WAV and as FLAC: the same samples.
        float[][] song = song(7).channels();
        Path old = write(dir, "old.wav", song);
        Path asFloat = dir.resolve("float.wav");
        try (WavWriter w = WavWriter.open(asFloat, RATE, 2, 32)) {
            w.write(song, song[0].length);
        }
        DiffResult r = VersionDiff.run(old, asFloat);
        assertThat(r.changes()).isEmpty();
        assertThat(r.nullResidualDb()).isLessThan(-120);

        assumeTrue(onPath("flac"), "flac is not installed");
        Path flac = dir.resolve("old.flac");
        Process p = new ProcessBuilder("flac", "-s", "-f", "-o", flac.toString(), old.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        DiffResult f = VersionDiff.run(old, flac);
        assertThat(f.changes()).isEmpty();
        assertThat(f.identical()).isTrue();
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }

    /** A peaking EQ of 3 dB or more: reported in the right band (within a third of an octave) with its gain within 1 dB. */
    @ParameterizedTest(name = "peaking {0} Hz, Q {1}, {2} dB")
    @CsvSource({"1000, 1.4, 3", "250, 1.0, -4", "3150, 0.8, 6", "500, 2.0, -3", "8000, 1.4, 4", "100, 1.0, 5", "2000, 1.0, -3", "5000, 2.0, 6"})
    void aPeakingEqIsFoundInItsBandWithItsGain(double hz, double q, double db) throws Exception {
        DiffResult r = diff(peaking(hz, q, db));
        Change c = of(r, ChangeKind.TONAL).stream().filter(Change::wholeSong)
                .filter(x -> Math.signum(x.db()) == Math.signum(db))
                .min((a, b) -> Double.compare(octaves(a.peakHz(), hz), octaves(b.peakHz(), hz))).orElseThrow();
        System.out.printf(Locale.ROOT, "diff accuracy: peaking %.0f Hz Q %.1f %+.1f dB -> %.0f Hz (%.2f oct) %+.2f dB (error %+.2f dB), range %.0f-%.0f Hz%n",
                hz, q, db, c.peakHz(), octaves(c.peakHz(), hz), c.db(), c.db() - db, c.freqLoHz(), c.freqHiHz());
        assertThat(octaves(c.peakHz(), hz)).isLessThanOrEqualTo(1 / 3.0);
        assertThat(c.db()).isCloseTo(db, org.assertj.core.data.Offset.offset(1.0));
        assertThat(c.freqLoHz()).isLessThan(hz);
        assertThat(c.freqHiHz()).isGreaterThan(hz);
        assertThat(c.audible()).isTrue();
        // Nothing else a listener would hear.
        assertThat(r.audibleChanges()).containsExactly(c);
    }

    /** A shelf of 3 dB or more: its corner (the half-gain point) within a third of an octave, its gain within 1 dB. */
    @ParameterizedTest(name = "{0} shelf {1} Hz, {2} dB")
    @CsvSource({"high, 6000, 4", "high, 3000, -6", "low, 120, -3", "low, 80, 6", "high, 10000, 3"})
    void aShelfIsFoundAtItsCornerWithItsGain(String kind, double hz, double db) throws Exception {
        boolean high = kind.equals("high");
        DiffResult r = diff(high ? highShelf(hz, db) : lowShelf(hz, db));
        Change c = of(r, ChangeKind.TONAL).stream().filter(Change::wholeSong).filter(x -> Math.signum(x.db()) == Math.signum(db))
                .findFirst().orElseThrow();
        double corner = high ? c.freqLoHz() : c.freqHiHz();
        System.out.printf(Locale.ROOT, "diff accuracy: %s shelf %.0f Hz %+.1f dB -> corner %.0f Hz (%.2f oct) %+.2f dB (error %+.2f dB)%n",
                kind, hz, db, corner, octaves(corner, hz), c.db(), c.db() - db);
        assertThat(octaves(corner, hz)).isLessThanOrEqualTo(1 / 3.0);
        assertThat(c.db()).isCloseTo(db, org.assertj.core.data.Offset.offset(1.0));
        assertThat(c.message()).contains(high ? "above" : "below");
        assertThat(r.audibleChanges()).containsExactly(c);
    }

    @Test
    void aGainChangeIsALevelChangeAndNothingElse() throws Exception {
        DiffResult r = diff(gain(1.5));
        assertThat(r.changes()).hasSize(1);
        Change c = r.changes().get(0);
        assertThat(c.kind()).isEqualTo(ChangeKind.LEVEL);
        assertThat(c.db()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(c.wholeSong()).isTrue();
        assertThat(r.loudnessChangeLu()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(0.05));
        // Level-matched, the versions null down to the 24-bit rounding.
        assertThat(r.nullResidualDb()).isLessThan(-60);
        assertThat(diff(gain(-0.5)).changes()).singleElement().satisfies(x -> {
            assertThat(x.kind()).isEqualTo(ChangeKind.LEVEL);
            assertThat(x.audible()).as("half a dB is under the JND").isFalse();
        });
    }

    @Test
    void oneChannelDownIsABalanceChange() throws Exception {
        DiffResult r = diff(channelGain(1, -3));
        Change b = of(r, ChangeKind.BALANCE).get(0);
        System.out.printf(Locale.ROOT, "diff accuracy: right channel -3 dB -> balance %+.2f dB%n", b.db());
        assertThat(b.db()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.2));
        assertThat(b.message()).contains("toward the left");
        assertThat(of(r, ChangeKind.WIDTH)).as("a balance change is not a width change").isEmpty();
        assertThat(of(r, ChangeKind.TONAL)).isEmpty();
    }

    @Test
    void aLouderSideIsAWidthChange() throws Exception {
        DiffResult r = diff(side(6));
        assertThat(r.changes()).singleElement().satisfies(c -> {
            System.out.printf(Locale.ROOT, "diff accuracy: side +6 dB -> width %+.2f dB%n", c.db());
            assertThat(c.kind()).isEqualTo(ChangeKind.WIDTH);
            assertThat(c.db()).isCloseTo(6.0, org.assertj.core.data.Offset.offset(0.5));
            assertThat(c.message()).contains("wider");
        });
        assertThat(diff(side(-4)).changes()).singleElement().satisfies(c -> assertThat(c.message()).contains("narrower"));
    }

    @Test
    void aFlippedChannelIsAnAudiblePolarityChangeAndAFlippedMixIsNot() throws Exception {
        DiffResult r = diff(invert(1));
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.POLARITY);
            assertThat(c.message()).contains("right channel");
            assertThat(c.audible()).isTrue();
        });
        DiffResult both = diff(then(invert(0), invert(1)));
        assertThat(both.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.POLARITY);
            assertThat(c.message()).contains("whole mix");
            assertThat(c.audible()).isFalse();
        });
        assertThat(both.nullResidualDb()).as("nulls once inverted back").isLessThan(-80);
    }

    @Test
    void aNoiseBurstIsAPassageWithItsTimeAndLevel() throws Exception {
        DiffResult r = diff(noise(-40, 10, 13, 1));
        assertThat(r.changes()).singleElement().satisfies(c -> {
            System.out.printf(Locale.ROOT, "diff accuracy: noise at 10.0-13.0 s -> %.2f-%.2f s at %.1f dBFS%n", c.startS(), c.endS(), c.db());
            assertThat(c.kind()).isEqualTo(ChangeKind.NOISE);
            // To within a window (about a second) at each end.
            assertThat(c.startS()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(1.0));
            assertThat(c.endS()).isCloseTo(13.0, org.assertj.core.data.Offset.offset(1.0));
            assertThat(c.message()).contains("passage at 0:09.8").contains("now contains noise");
            // White noise of -40 dBFS has 15/24 of its power above 1 kHz: -42 dBFS there, a little less
            // averaged over windows that hold it only in part.
            assertThat(c.db()).isBetween(-44.5, -41.5);
        });
    }

    @Test
    void hissThroughTheSongIsOneNoiseChangeNamingWhereItStandsOut() throws Exception {
        DiffResult r = diff(noise(-60, 0, 60, 3));
        Change n = of(r, ChangeKind.NOISE).get(0);
        assertThat(of(r, ChangeKind.NOISE)).hasSize(1);
        assertThat(n.wholeSong()).isTrue();
        assertThat(n.message()).contains("runs through the whole new version").contains("0:26.5");   // the stop
        assertThat(of(r, ChangeKind.TONAL)).isEmpty();
        assertThat(of(r, ChangeKind.LEVEL)).isEmpty();
    }

    @Test
    void addedSilenceAtTheStartIsFoundToTheSampleAndNothingElseChanges() throws Exception {
        DiffResult r = diff(delay(1.234));
        assertThat(r.alignment().lagFrames()).isEqualTo(Math.round(1.234 * RATE));
        assertThat(r.alignment().refined()).isTrue();
        assertThat(r.changes()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.TIMING);
            assertThat(c.shiftS()).isCloseTo(1.234, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(c.message()).contains("1.234 s of silence added at the start");
            assertThat(c.audible()).isFalse();
        });
        assertThat(r.identical()).isTrue();
        assertThat(r.sections().sections().get(0).startS()).isGreaterThanOrEqualTo(1.2);
    }

    @Test
    void silenceAtBothEndsAndAnEqAreAllFound() throws Exception {
        // Odd offsets: the lag must come out to the sample whatever the frame grids do.
        for (double pad : new double[]{0.0107, 0.5, 1.999}) {
            DiffResult r = diff(then(peaking(2000, 1, 4), then(delay(pad), x -> {
                float[][] out = new float[2][x[0].length + RATE / 2];
                for (int c = 0; c < 2; c++) System.arraycopy(x[c], 0, out[c], 0, x[c].length);
                return out;
            })));
            assertThat(r.alignment().lagFrames()).as("pad %s", pad).isEqualTo(Math.round(pad * RATE));
            assertThat(of(r, ChangeKind.TIMING)).hasSize(2);
            assertThat(of(r, ChangeKind.TONAL)).anySatisfy(c -> assertThat(c.db()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1.0)));
        }
    }

    @Test
    void aCutAtTheStartIsANegativeTiming() throws Exception {
        DiffResult r = diff(x -> {
            int cut = RATE / 2;
            float[][] out = new float[2][x[0].length - cut];
            for (int c = 0; c < 2; c++) System.arraycopy(x[c], cut, out[c], 0, out[c].length);
            return out;
        });
        assertThat(r.alignment().lagFrames()).isEqualTo(-RATE / 2);
        assertThat(of(r, ChangeKind.TIMING)).singleElement().satisfies(c -> {
            assertThat(c.shiftS()).isEqualTo(-0.5);
            assertThat(c.message()).contains("earlier").contains("taken from the start");
        });
    }

    /** A change made only in the choruses, on a 90 s song whose sections are found: "choruses only". */
    @Test
    void aChangeInTheChorusesOnlyIsSaidSo() throws Exception {
        SongSynth.Song song = song(7, 90);
        Path[] p = pair(dir, song, inSections(song, "chorus", peaking(3000, 1, 4)));
        DiffResult r = VersionDiff.run(p[0], p[1]);
        assertThat(r.audibleChanges()).singleElement().satisfies(c -> {
            System.out.printf(Locale.ROOT, "diff accuracy: +4 dB at 3 kHz in the choruses -> %+.2f dB at %.0f Hz, %s%n", c.db(), c.peakHz(), c.where());
            assertThat(c.kind()).isEqualTo(ChangeKind.TONAL);
            assertThat(c.where()).isEqualTo("choruses only");
            assertThat(c.db()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1.0));
            assertThat(octaves(c.peakHz(), 3000)).isLessThanOrEqualTo(1 / 3.0);
            for (SongSynth.Section chorus : song.sections("chorus")) {
                assertThat(c.spans()).anySatisfy(s -> assertThat(s.overlapS(new Span(chorus.startS(), chorus.endS()))).isGreaterThan(0.9 * (chorus.endS() - chorus.startS())));
            }
        });
        Path[] q = pair(dir, song, inSections(song, "chorus", gain(2)));
        assertThat(VersionDiff.run(q[0], q[1]).audibleChanges()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(ChangeKind.LEVEL);
            assertThat(c.where()).isEqualTo("choruses only");
            assertThat(c.db()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.2));
        });
    }

    @Test
    void differentSampleRatesAreRefusedWithOneLine() throws Exception {
        Path a = write(dir, "a.wav", song(7).channels());
        Path b = dir.resolve("b.wav");
        float[][] s = song(7).channels();
        try (WavWriter w = WavWriter.open(b, 44_100, 2, 24)) {
            w.write(s, s[0].length);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VersionDiff.run(a, b))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same sample rate").hasMessageNotContaining("\n");
    }
}
