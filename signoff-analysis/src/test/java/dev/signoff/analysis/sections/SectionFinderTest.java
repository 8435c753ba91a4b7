package dev.signoff.analysis.sections;

import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.synth.SongSynth.Song;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Section detection on SongSynth's songs, whose structure is known. The songs are chosen with
 * 8-bar (16 s) verses and choruses that fill the arrangement exactly (lengths of 25 + 8k bars), as
 * in most pop songs; docs/sections.md reports what happens with 4-bar parts.
 */
class SectionFinderTest {
    private static final double TOLERANCE_S = 1.0;

    static SectionsResult analyse(float[][] x, int fs, Analyser... alsoFeed) {
        StreamInfo info = new StreamInfo(fs, x.length, 24, false, "test", x[0].length);
        Stft stft = new Stft(info);
        SectionFinder finder = new SectionFinder(info, stft);
        stft.addListener(finder);
        for (int start = 0; start < x[0].length; start += 8192) {
            int n = Math.min(8192, x[0].length - start);
            float[][] b = new float[x.length][n];
            for (int c = 0; c < x.length; c++) System.arraycopy(x[c], start, b[c], 0, n);
            AudioBlock block = new AudioBlock(b, n, start);
            stft.accept(block);
            for (Analyser a : alsoFeed) a.accept(block);
        }
        stft.finish();
        for (Analyser a : alsoFeed) a.finish();
        return finder.result();
    }

    /**
     * Every change of section in the song, including both edges of the 2 s stop: the finder
     * reports the stop as a quiet section of its own, so neither edge may go missing.
     */
    static List<Double> trueBoundaries(Song song) {
        List<Double> t = new ArrayList<>();
        for (int i = 1; i < song.sections().size(); i++) t.add(song.sections().get(i).startS());
        return t;
    }

    static double error(double truth, List<Double> found) {
        return found.stream().mapToDouble(f -> Math.abs(f - truth)).min().orElse(Double.POSITIVE_INFINITY);
    }

    /** The found section that overlaps the true one most. */
    static Section match(SongSynth.Section truth, SectionsResult r) {
        Section best = null;
        double bestOverlap = 0;
        for (Section s : r.sections()) {
            double o = Math.min(s.endS(), truth.endS()) - Math.max(s.startS(), truth.startS());
            if (o > bestOverlap) {
                bestOverlap = o;
                best = s;
            }
        }
        return best;
    }

    /** The requirements on one song; returns the boundary errors. */
    static List<Double> assertStructure(Song song, SectionsResult r) {
        List<Double> truth = trueBoundaries(song), found = r.boundariesS();
        List<Double> errors = new ArrayList<>();
        for (double t : truth) {
            double e = error(t, found);
            assertThat(e).as("boundary at %.1f s (found %s)", t, found).isLessThanOrEqualTo(TOLERANCE_S);
            errors.add(e);
        }
        long spurious = found.stream().filter(f -> error(f, truth) > TOLERANCE_S).count();
        assertThat(spurious).as("boundaries far from any true one in %s", found).isLessThanOrEqualTo(1);

        Set<String> chorusLabels = song.sections("chorus").stream().map(c -> match(c, r).label()).collect(Collectors.toSet());
        Set<String> verseLabels = song.sections("verse").stream().map(v -> match(v, r).label()).collect(Collectors.toSet());
        assertThat(chorusLabels).as("choruses share one label").hasSize(1);
        assertThat(verseLabels).as("verses share one label").hasSize(1);
        assertThat(chorusLabels).as("chorus label differs from the verses'").doesNotContainAnyElementsOf(verseLabels);
        assertThat(r.chorusLabel()).isEqualTo(chorusLabels.iterator().next());

        int choruses = song.sections("chorus").size();
        for (SongSynth.Section c : song.sections("chorus")) {
            Section s = match(c, r);
            assertThat(s.chorus()).as("chorus at %.0f s flagged", c.startS()).isTrue();
            assertThat(s.energyRank()).as("chorus at %.0f s among the most energetic", c.startS()).isLessThanOrEqualTo(choruses);
        }
        assertThat(r.sections().stream().filter(Section::chorus).count()).isEqualTo(choruses);
        assertThat(r.sections().stream().map(Section::energyRank).sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, r.sections().size()).boxed().toList());
        return errors;
    }

    static String describe(SectionsResult r) {
        return r.sections().stream()
                .map(s -> String.format("%s%s %.2f-%.2f", s.label(), s.chorus() ? "*" : "", s.startS(), s.endS()))
                .collect(Collectors.joining(", "));
    }

    private static void report(String what, List<Double> errors) {
        System.out.printf("%s: %d boundaries, mean error %.2f s, worst %.2f s%n", what, errors.size(),
                errors.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                errors.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }

    @Test
    void findsEveryBoundaryLabelsRepeatsAndFlagsTheChorusesOfAThreeMinuteSong() {
        Song song = SongSynth.render(48_000, 178, 5);   // intro, 4 x (verse, chorus), bridge, stop, chorus, outro
        SectionsResult r = analyse(song.channels(), 48_000);
        report("48 kHz stereo, 178 s", assertStructure(song, r));
        // The stop is a quiet section of its own, and intro and outro are not choruses.
        List<Section> quiet = r.sections().stream().filter(Section::quiet).toList();
        assertThat(quiet).hasSize(1);
        assertThat(quiet.get(0).label()).isEqualTo(Section.QUIET_LABEL);
        assertThat(quiet.get(0).levelDb()).isLessThan(r.sections().get(1).levelDb() - 40);
        assertThat(r.sections().get(0).startS()).isLessThan(0.5);
        assertThat(r.sections().get(0).label()).isEqualTo("A");
    }

    @Test
    void worksAt44kHz() {
        Song song = SongSynth.render(44_100, 146, 7);   // three verse-chorus pairs, no fourth verse
        report("44.1 kHz stereo, 146 s", assertStructure(song, analyse(song.channels(), 44_100)));
    }

    @Test
    void worksOnMono() {
        Song song = SongSynth.render(48_000, 130, 9);   // a third verse runs straight into the bridge
        float[] mid = new float[song.frames()];
        for (int i = 0; i < mid.length; i++) mid[i] = 0.5f * (song.channels()[0][i] + song.channels()[1][i]);
        report("48 kHz mono, 130 s", assertStructure(song, analyse(new float[][]{mid}, 48_000)));
    }

    @Test
    void loudnessFromTheMeterKeepsTheChorusesOnTop() {
        Song song = SongSynth.render(48_000, 130, 13);
        LoudnessMeter meter = new LoudnessMeter(new StreamInfo(48_000, 2, 24, false, "test", song.frames()));
        SectionsResult r = analyse(song.channels(), 48_000, meter).withLoudness(meter.result().shortTerm());
        assertStructure(song, r);
        for (Section s : r.sections()) {
            if (s.quiet()) continue;
            assertThat(s.loudnessLufs()).as("loudness of %s", s).isBetween(-60.0, 0.0);
        }
        Section chorus = match(song.sections("chorus").get(0), r), verse = match(song.sections("verse").get(0), r);
        assertThat(chorus.loudnessLufs()).isGreaterThan(verse.loudnessLufs() + 0.5);
    }

    @Test
    void steadyMusicIsOneSectionWithoutAChorus() {
        int fs = 48_000;
        float[] x = new float[fs * 40];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * i / fs) + 0.1 * Math.sin(2 * Math.PI * 330 * i / fs));
        SectionsResult r = analyse(new float[][]{x, x}, fs);
        assertThat(r.sections()).as(describe(r)).hasSize(1);
        assertThat(r.chorusLabel()).isNull();
        assertThat(r.sections().get(0).durationS()).isCloseTo(40, org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void silenceHasNoSections() {
        assertThat(analyse(new float[][]{new float[48_000 * 5]}, 48_000).sections()).isEmpty();
    }

    @Test
    void leadingSilenceIsLeftOut() {
        Song song = SongSynth.render(48_000, 130, 17, Set.of(SongSynth.Defect.HEAD_SILENCE));
        SectionsResult r = analyse(song.channels(), 48_000);
        assertThat(r.sections().get(0).startS()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(0.3));
        assertStructure(song, r);
    }

    /** Silences [fromS, toS) of every channel, in place. */
    private static void silence(float[][] x, int fs, double fromS, double toS) {
        for (float[] c : x) java.util.Arrays.fill(c, (int) Math.round(fromS * fs), (int) Math.round(toS * fs), 0f);
    }

    /** Real songs' stops are often broken by a single hit: the band drops out once, not twice. */
    @Test
    void twoStopsASecondApartAreOneStop() {
        Song song = SongSynth.render(48_000, 178, 5);
        SongSynth.Section stop = song.sections("stop").get(0);
        float[][] x = song.channels();
        silence(x, 48_000, stop.endS() + 1.0, stop.endS() + 2.5);
        SectionsResult r = analyse(x, 48_000);
        List<Section> quiet = r.sections().stream().filter(Section::quiet).toList();
        assertThat(quiet).as(describe(r)).hasSize(1);
        assertThat(quiet.get(0).startS()).isCloseTo(stop.startS(), org.assertj.core.data.Offset.offset(0.6));
        assertThat(quiet.get(0).endS()).isCloseTo(stop.endS() + 2.5, org.assertj.core.data.Offset.offset(0.6));
    }

    /**
     * A pickup hit then a moment of silence before the song proper is part of the intro, not a
     * one-second section and a stop: no section is shorter than about two bars unless it is a stop.
     */
    @Test
    void aHitBeforeASilenceIsPartOfTheIntro() {
        Song song = SongSynth.render(48_000, 130, 9);
        float[][] x = song.channels();
        silence(x, 48_000, 1.0, 3.0);
        SectionsResult r = analyse(x, 48_000);
        assertThat(r.sections().get(0).startS()).as(describe(r)).isLessThan(0.5);
        assertThat(r.sections().get(0).quiet()).isFalse();
        for (Section s : r.sections()) {
            if (!s.quiet()) assertThat(s.durationS()).as("%s in %s", s, describe(r)).isGreaterThanOrEqualTo(6.0);
        }
        assertThat(r.sections().stream().filter(Section::quiet).count()).as(describe(r)).isEqualTo(1);   // the song's own stop
    }

    /**
     * A two-second noise burst (a riser, a crowd shout) in the middle of a repeated chorus makes
     * the novelty peak, but the music either side is the same part: one section, not two of the
     * same label side by side.
     */
    @Test
    void neighboursThatAreTheSamePartAreOneSection() {
        int fs = 48_000;
        Song song = SongSynth.render(fs, 178, 5);
        List<SongSynth.Section> choruses = song.sections("chorus");
        float[][] x = new float[2][];
        for (int c = 0; c < 2; c++) {
            float[] out = new float[0];
            for (SongSynth.Section ch : choruses.subList(0, 3)) {
                int a = (int) Math.round(ch.startS() * fs), b = (int) Math.round(ch.endS() * fs);
                float[] joined = java.util.Arrays.copyOf(out, out.length + b - a);
                System.arraycopy(song.channels()[c], a, joined, out.length, b - a);
                out = joined;
            }
            x[c] = out;
        }
        java.util.Random noise = new java.util.Random(3);
        for (int i = 23 * fs; i < 25 * fs; i++) {
            float v = (float) (0.3 * noise.nextGaussian());
            x[0][i] += v;
            x[1][i] += v;
        }
        SectionsResult r = analyse(x, fs);
        for (int s = 1; s < r.sections().size(); s++) {
            assertThat(r.sections().get(s).label()).as(describe(r)).isNotEqualTo(r.sections().get(s - 1).label());
        }
    }

    /** Not a test of speed (machines differ), a measurement: see docs/sections.md. */
    @Test
    void measuresTheCostOfAFourMinuteSong() {
        Song song = SongSynth.render(48_000, 242, 19);
        float[][] x = song.channels();
        StreamInfo info = new StreamInfo(48_000, 2, 24, false, "test", x[0].length);
        double best = Double.MAX_VALUE, bestStft = Double.MAX_VALUE, bestFinish = Double.MAX_VALUE;
        SectionsResult r = null;
        for (int run = 0; run < 4; run++) {
            Stft alone = new Stft(info);
            long t0 = System.nanoTime();
            feed(alone, x);
            alone.finish();
            long t1 = System.nanoTime();
            Stft stft = new Stft(info);
            SectionFinder finder = new SectionFinder(info, stft);
            stft.addListener(finder);
            feed(stft, x);
            long t2 = System.nanoTime();
            stft.finish();
            long t3 = System.nanoTime();
            r = finder.result();
            bestStft = Math.min(bestStft, (t1 - t0) / 1e9);
            best = Math.min(best, (t3 - t1) / 1e9);
            bestFinish = Math.min(bestFinish, (t3 - t2) / 1e9);
        }
        System.out.printf("242 s song: STFT alone %.3f s, STFT + SectionFinder %.3f s (finder's share %.3f s, of which finish() %.3f s)%n",
                bestStft, best, best - bestStft, bestFinish);
        report("48 kHz stereo, 242 s", assertStructure(song, r));
    }

    private static void feed(Stft stft, float[][] x) {
        for (int start = 0; start < x[0].length; start += 8192) {
            int n = Math.min(8192, x[0].length - start);
            float[][] b = new float[x.length][n];
            for (int c = 0; c < x.length; c++) System.arraycopy(x[c], start, b[c], 0, n);
            stft.accept(new AudioBlock(b, n, start));
        }
    }

    /**
     * Memory independent of length (issue 10): the frames kept stop growing within 12 minutes, longer
     * than a song, so that a long file's heap is near a song's; at 23 minutes, as before, an
     * hour-long check kept 2.5 MB more than a song's in section frames and their discarded copies.
     */
    @Test
    void fifteenMinutesKeepAtMostTwelveMinutesOfFrames() {
        int fs = 48_000;
        StreamInfo info = new StreamInfo(fs, 2, 24, false, "test", -1);
        Stft stft = new Stft(info);
        SectionFinder finder = new SectionFinder(info, stft);
        int n = stft.size();
        float[][] spectra = new float[2][n + 2];
        for (float[] s : spectra) java.util.Arrays.fill(s, 0.01f);
        long frames = Math.round(15 * 60.0 * fs / n);
        for (long f = 0; f < frames; f++) finder.frame(spectra, f * n, n);
        double frameS = n / (double) fs;
        assertThat(finder.storedFrames()).isLessThanOrEqualTo((int) (12 * 60 / frameS));
        finder.finish();
        assertThat(finder.result().sections()).isNotEmpty();
    }
}
