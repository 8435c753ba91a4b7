package dev.signoff.analysis.quiet;

import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.analysis.loudness.KWeighting;
import dev.signoff.analysis.quiet.QuietPassage.Content;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Defect;
import dev.signoff.audio.synth.SongSynth.Section;
import dev.signoff.audio.synth.SongSynth.Song;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class QuietPassageFinderTest {
    private static final int FS = 48_000;
    private static final double SONG_S = 30;
    private static final long SEED = 7;
    /** 50/60 Hz hum as SongSynth makes it: -50 dBFS fundamental and harmonics 0.5, 0.35, 0.2 => -51.5 dBFS RMS. */
    private static final double HUM_RMS_DBFS = -50 - 3.0103 + 10 * Math.log10(1 + 0.25 + 0.1225 + 0.04);

    static List<QuietPassage> analyse(float[][] x, int fs, int blockFrames) {
        List<QuietPassage> lazy = analyse(x, fs, blockFrames, true);
        // Every test song also checks that computing the features lazily changes nothing.
        assertThat(lazy).as("lazy features = features of every block").isEqualTo(analyse(x, fs, blockFrames, false));
        return lazy;
    }

    static List<QuietPassage> analyse(float[][] x, int fs, int blockFrames, boolean lazy) {
        StreamInfo info = new StreamInfo(fs, x.length, 24, false, "test", x[0].length);
        // As in the check: the loudness meter sees each block first and hands over its K-weighted blocks.
        LoudnessMeter meter = new LoudnessMeter(info);
        QuietPassageFinder f = new QuietPassageFinder(info, meter, lazy);
        for (AudioBlock block : Signals.blocks(x, blockFrames)) {
            meter.accept(block);
            f.accept(block);
        }
        meter.finish();
        f.finish();
        return f.result();
    }

    static List<QuietPassage> analyse(Song s) {
        return analyse(s.channels(), s.sampleRate(), 8192);
    }

    static Song render(int fs, Defect... defects) {
        EnumSet<Defect> d = EnumSet.noneOf(Defect.class);
        d.addAll(List.of(defects));
        return SongSynth.render(fs, SONG_S, SEED, d);
    }

    /** The single passage found, checked to lie on the song's stop. */
    static QuietPassage theStop(Song s, List<QuietPassage> found) {
        Section stop = s.sections("stop").get(0);
        assertThat(found).as("passages %s", found).hasSize(1);
        QuietPassage p = found.get(0);
        assertThat(p.startS()).isCloseTo(stop.startS(), within(0.5));
        assertThat(p.endS()).isCloseTo(stop.endS(), within(0.5));
        assertThat(p.surroundingLufs() - p.loudnessLufs()).as("passage is quiet").isGreaterThan(20);
        return p;
    }

    static void addHum(Song s, double hz) {
        double a = Math.pow(10, -50 / 20.0);
        for (int i = 0; i < s.frames(); i++) {
            double w = 2 * Math.PI * hz * i / s.sampleRate();
            float h = (float) (a * (Math.sin(w) + 0.5 * Math.sin(2 * w) + 0.35 * Math.sin(3 * w) + 0.2 * Math.sin(4 * w)));
            s.channels()[0][i] += h;
            s.channels()[1][i] += h;
        }
    }

    @Test
    void aCleanStopIsSilenceOrQuietMusic() {
        Song s = render(FS);
        QuietPassage p = theStop(s, analyse(s));
        assertThat(p.content()).isIn(Content.DIGITAL_SILENCE, Content.QUIET_MUSIC);
        assertThat(p.hissDbfs()).isNaN();
        assertThat(p.humHz()).isNaN();
    }

    @Test
    void hissOverTheStopIsMeasuredAtItsLevel() {
        Song s = render(FS, Defect.STOP_HISS);
        QuietPassage p = theStop(s, analyse(s));
        assertThat(p.content()).isEqualTo(Content.HISS);
        assertThat(p.hissDbfs()).isCloseTo(-60.0, within(1.5));
        assertThat(p.humHz()).isNaN();
        assertThat(p.surroundingLufs()).isBetween(-16.0, -6.0);
    }

    @Test
    void fiftyHertzHumIsFoundWithItsHarmonics() {
        Song s = render(FS, Defect.STOP_HUM);
        QuietPassage p = theStop(s, analyse(s));
        assertThat(p.content()).isEqualTo(Content.HUM);
        assertThat(p.humHz()).isEqualTo(50.0);
        assertThat(p.humDbfs()).isCloseTo(HUM_RMS_DBFS, within(1.0));
        assertThat(p.hissDbfs()).isNaN();
    }

    @Test
    void sixtyHertzHumTellsItsMainsFrequency() {
        Song s = render(FS);
        addHum(s, 60);
        QuietPassage p = theStop(s, analyse(s));
        assertThat(p.content()).isEqualTo(Content.HUM);
        assertThat(p.humHz()).isEqualTo(60.0);
        assertThat(p.humDbfs()).isCloseTo(HUM_RMS_DBFS, within(1.0));
    }

    @Test
    void hissAndHumTogether() {
        Song s = render(FS, Defect.STOP_HISS, Defect.STOP_HUM);
        QuietPassage p = theStop(s, analyse(s));
        assertThat(p.content()).isEqualTo(Content.HISS_AND_HUM);
        assertThat(p.hissDbfs()).isCloseTo(-60.0, within(1.5));
        assertThat(p.humHz()).isEqualTo(50.0);
        assertThat(p.humDbfs()).isCloseTo(HUM_RMS_DBFS, within(1.0));
    }

    @Test
    void aSoftChordIsQuietMusicEvenWithNotesNearTheMainsLines() {
        Song s = render(FS);
        Section stop = s.sections("stop").get(0);
        // G major at -45 dBFS a note, with G1 (49 Hz) and G2 (98 Hz) next to the 50 and 100 Hz lines.
        double[] notes = {49.0, 98.0, 246.94, 293.66, 392.0};
        double a = Math.pow(10, -45 / 20.0);
        int from = (int) (stop.startS() * FS), to = (int) (stop.endS() * FS), fade = FS / 20;
        for (int i = from; i < to; i++) {
            double t = (i - from) / (double) FS, env = Math.min(1, Math.min(i - from, to - i) / (double) fade);
            double v = 0;
            for (int k = 0; k < notes.length; k++) v += Math.sin(2 * Math.PI * notes[k] * t + k);
            s.channels()[0][i] += (float) (a * env * v);
            s.channels()[1][i] += (float) (a * env * v);
        }
        QuietPassage p = theStop(s, analyse(s));
        assertThat(p.content()).isEqualTo(Content.QUIET_MUSIC);
        assertThat(p.levelDbfs()).isBetween(-48.0, -38.0);
        assertThat(p.hissDbfs()).isNaN();
        assertThat(p.humHz()).isNaN();
    }

    @Test
    void aDecayingReverbTailIsNotHiss() {
        Song s = render(FS);
        Section stop = s.sections("stop").get(0);
        // A noise-like tail from -40 dBFS with a 1.2 s reverberation time (60 dB down in 1.2 s).
        SplittableRandom r = new SplittableRandom(3);
        int from = (int) (stop.startS() * FS), to = (int) (stop.endS() * FS);
        double a = Math.pow(10, -40 / 20.0) * Math.sqrt(3);
        for (int i = from; i < to; i++) {
            double g = a * Math.pow(10, -60.0 / 20 * (i - from) / (1.2 * FS));
            s.channels()[0][i] += (float) (g * (r.nextDouble() * 2 - 1));
            s.channels()[1][i] += (float) (g * (r.nextDouble() * 2 - 1));
        }
        QuietPassage p = theStop(s, analyse(s));
        assertThat(p.content()).isIn(Content.QUIET_MUSIC, Content.DIGITAL_SILENCE);
        assertThat(p.hissDbfs()).isNaN();
    }

    @Test
    void aSongWithoutAStopHasNoPassages() {
        Song s = render(FS);
        Section stop = s.sections("stop").get(0);
        int from = (int) Math.round(stop.startS() * FS), len = (int) Math.round((stop.endS() - stop.startS()) * FS);
        for (float[] ch : s.channels()) System.arraycopy(ch, from - len, ch, from, len);
        assertThat(analyse(s)).isEmpty();
    }

    /** A single hit between two silences does not make two stops of one. */
    @Test
    void passagesASecondApartAreOnePassage() {
        Song s = render(FS);
        Section stop = s.sections("stop").get(0);
        double silenceFromS = stop.endS() + 0.8, silenceToS = silenceFromS + 1.5;
        for (float[] ch : s.channels()) java.util.Arrays.fill(ch, (int) Math.round(silenceFromS * FS), (int) Math.round(silenceToS * FS), 0f);
        List<QuietPassage> found = analyse(s);
        assertThat(found).as("passages %s", found).hasSize(1);
        assertThat(found.get(0).startS()).isCloseTo(stop.startS(), within(0.5));
        assertThat(found.get(0).endS()).isCloseTo(silenceToS, within(0.5));
    }

    @Test
    void leadingSilenceAndTheFadeOutAreNotPassages() {
        Song s = render(FS, Defect.HEAD_SILENCE, Defect.STOP_HISS);
        // theStop() asserts that the stop is the only passage: not the 3 s of silence, not the fade.
        QuietPassage p = theStop(s, analyse(s));
        assertThat(p.startS()).isGreaterThan(3.0);
        assertThat(p.content()).isEqualTo(Content.HISS);
    }

    @Test
    void otherSampleRatesAndMono() {
        Song s44 = render(44_100, Defect.STOP_HISS, Defect.STOP_HUM);
        QuietPassage p44 = theStop(s44, analyse(s44));
        assertThat(p44.content()).isEqualTo(Content.HISS_AND_HUM);
        assertThat(p44.hissDbfs()).isCloseTo(-60.0, within(1.5));
        assertThat(p44.humDbfs()).isCloseTo(HUM_RMS_DBFS, within(1.0));

        Song s96 = render(96_000, Defect.STOP_HISS);
        QuietPassage p96 = theStop(s96, analyse(s96));
        assertThat(p96.content()).isEqualTo(Content.HISS);
        assertThat(p96.hissDbfs()).isCloseTo(-60.0, within(1.5));

        float[][] mono = {s44.channels()[0]};
        QuietPassage pm = theStop(s44, analyse(mono, 44_100, 4096));
        assertThat(pm.content()).isEqualTo(Content.HISS_AND_HUM);
        assertThat(pm.hissDbfs()).isCloseTo(-60.0, within(1.5));
    }

    @Test
    void theResultDoesNotDependOnTheBlockSize() {
        Song s = render(FS, Defect.STOP_HISS, Defect.STOP_HUM);
        // Equal up to rounding: the loudness meter sums a 100 ms block in as many pieces as blocks cut it.
        assertThat(analyse(s.channels(), FS, 1000)).usingRecursiveFieldByFieldElementComparator(
                        org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                                .withComparatorForType((a, b) -> Math.abs(a - b) < 1e-9 ? 0 : Double.compare(a, b), Double.class).build())
                .isEqualTo(analyse(s.channels(), FS, 8192));
    }

    @Test
    void aSongThatGetsLouderLaterKeepsItsEarlyHissStop() {
        // A soft first half (12 dB down) with the hissy stop in it, then the song at full level:
        // the features of the stop are computed although the loud part comes later.
        Song s = render(FS, Defect.STOP_HISS);
        Section stop = s.sections("stop").get(0);
        int soft = (int) ((stop.endS() + 2) * FS);
        float g = (float) Math.pow(10, -12 / 20.0);
        for (float[] ch : s.channels()) for (int i = 0; i < soft; i++) ch[i] *= g;
        List<QuietPassage> found = analyse(s);
        assertThat(found).anySatisfy(p -> assertThat(p.content()).isEqualTo(Content.HISS));
    }

    @Test
    void theSelectedMedianIsTheSortedMedian() {
        SplittableRandom r = new SplittableRandom(5);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + r.nextInt(300);
            double[] a = new double[n];
            int distinct = 1 + r.nextInt(n + 1);
            for (int i = 0; i < n; i++) a[i] = r.nextInt(distinct) * r.nextDouble();
            if (trial % 7 == 0) Arrays.sort(a);
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            double expected = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            assertThat(QuietPassageFinder.median(a, n)).isEqualTo(expected);
        }
    }
}
