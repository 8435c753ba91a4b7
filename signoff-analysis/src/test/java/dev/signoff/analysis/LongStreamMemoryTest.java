package dev.signoff.analysis;

import dev.signoff.analysis.drums.DrumHitMeter;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.analysis.loudness.LoudnessResult;
import dev.signoff.analysis.sections.SectionFinder;
import dev.signoff.analysis.spectrum.SpectrumAnalyser;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.analysis.stereo.StereoAnalyser;
import dev.signoff.analysis.tonal.SibilanceMeter;
import dev.signoff.analysis.vocal.LeadVocalDetector;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Memory independent of length (issue 10): hours of audio go straight into the analysers, not
 * through a file, and what they keep per frame stays at a bounded number of points, with the
 * results those of a short run of the same material.
 */
class LongStreamMemoryTest {

    /** 12 hours of a 1 kHz tone, 6 at -23 dBFS then 6 at -33: 432,000 sub-blocks into a series of at most 16,384 points. */
    @Test
    void twelveHoursOfLoudnessKeepABoundedSeriesAndTheRightFigures() {
        int fs = 8000;
        StreamInfo info = new StreamInfo(fs, 1, 24, false, "test", -1);
        LoudnessMeter meter = new LoudnessMeter(info);
        float[] loud = Signals.sine(1000, Signals.dbToLinear(-23), 1.0, fs), quiet = Signals.sine(1000, Signals.dbToLinear(-33), 1.0, fs);
        long seconds = 12 * 3600;
        for (long s = 0; s < seconds; s++) {
            meter.accept(new AudioBlock(new float[][]{s < seconds / 2 ? loud : quiet}, fs, s * fs));
        }
        meter.finish();
        LoudnessResult r = meter.result();
        assertThat(r.shortTerm().size()).isLessThanOrEqualTo(1 << 14).isGreaterThan(1 << 13);
        assertThat(r.momentary().size()).isLessThanOrEqualTo(1 << 14);
        assertThat(r.shortTerm().stepS()).isCloseTo(3.2, within(1e-9));   // 100 ms merged five times
        assertThat(r.shortTerm().timeOf(r.shortTerm().size() - 1)).isCloseTo(seconds, within(1.0));
        // A mono -23 dBFS 1 kHz sine reads -26.0 LUFS; the mean of -26 and -36 LUFS powers is -28.6.
        double expected = -0.691 + 10 * Math.log10((Math.pow(10, (-26.0 + 0.691) / 10) + Math.pow(10, (-36.0 + 0.691) / 10)) / 2);
        assertThat(r.integratedLufs()).isCloseTo(expected, within(0.05));
        assertThat(r.lraLu()).isCloseTo(10.0, within(0.05));
        assertThat(r.maxShortTermLufs()).isCloseTo(-26.0, within(0.05));
        assertThat(r.shortTerm().values()[r.shortTerm().size() / 4]).isCloseTo(-26.0, within(0.05));
        assertThat(r.shortTerm().values()[3 * r.shortTerm().size() / 4]).isCloseTo(-36.0, within(0.05));
    }

    /** The frames of both STFTs over a 20 s song, to replay for hours at the cost of the listeners alone. */
    private record Frames(List<float[][]> longFrames, List<float[][]> shortFrames) {}

    private static Frames capture(StreamInfo info, float[][] song, Stft longStft, Stft shortStft) {
        List<float[][]> longFrames = new ArrayList<>(), shortFrames = new ArrayList<>();
        longStft.addListener(capturing(longFrames));
        shortStft.addListener(capturing(shortFrames));
        for (AudioBlock b : Signals.blocks(song, 8192)) {
            longStft.accept(b);
            shortStft.accept(b);
        }
        return new Frames(longFrames, shortFrames);
    }

    private static Stft.Listener capturing(List<float[][]> into) {
        return new Stft.Listener() {
            @Override public void frame(float[][] spectra, long startFrame, int validFrames) {
                float[][] copy = new float[spectra.length][];
                for (int c = 0; c < spectra.length; c++) copy[c] = spectra[c].clone();
                into.add(copy);
            }

            @Override public void finish() { }
        };
    }

    /** Every per-frame analyser of a check, fed the song's frames over and over for {@code hours}. */
    private static final class Analysers {
        final SpectrumAnalyser spectrum;
        final StereoAnalyser stereo;
        final SectionFinder sections;
        final SibilanceMeter sibilance;
        final DrumHitMeter drums;
        final LeadVocalDetector vocal;
        final List<Stft.Listener> longListeners, shortListeners;

        Analysers(StreamInfo info, Stft longStft, Stft shortStft) {
            spectrum = new SpectrumAnalyser(info, longStft);
            stereo = new StereoAnalyser(info, longStft);
            sections = new SectionFinder(info, longStft);
            sibilance = new SibilanceMeter(info, shortStft);
            drums = new DrumHitMeter(info, shortStft);
            vocal = new LeadVocalDetector(info, longStft, shortStft);
            longListeners = List.of(spectrum, stereo, sections, vocal.longListener());
            shortListeners = List.of(sibilance, drums, vocal.shortListener());
        }

        void replay(Frames f, double hours, int longSize, int shortSize) {
            double seconds = hours * 3600;
            double longFrameS = longSize / (double) RATE, shortFrameS = shortSize / (double) RATE;
            long longCount = Math.round(seconds / longFrameS), shortCount = Math.round(seconds / shortFrameS);
            // Interleaved by time, as the two STFTs run side by side.
            long l = 0, s = 0;
            while (l < longCount || s < shortCount) {
                if (l < longCount && (s >= shortCount || l * longFrameS <= s * shortFrameS)) {
                    float[][] x = f.longFrames().get((int) (l % f.longFrames().size()));
                    for (Stft.Listener a : longListeners) a.frame(x, l * longSize, longSize);
                    l++;
                } else {
                    float[][] x = f.shortFrames().get((int) (s % f.shortFrames().size()));
                    for (Stft.Listener a : shortListeners) a.frame(x, s * shortSize, shortSize);
                    s++;
                }
            }
            for (Stft.Listener a : longListeners) a.finish();
            for (Stft.Listener a : shortListeners) a.finish();
        }
    }

    static final int RATE = 22_050;

    /** Every per-frame analyser fed a 20 s song's frames (22.05 kHz, so that sibilance is measured) over and over for {@code hours}. */
    private static Analysers replayedSong(double hours) {
        StreamInfo info = new StreamInfo(RATE, 2, 24, false, "test", -1);
        float[][] song = SongSynth.render(RATE, 20, 5).channels();
        Stft longStft = new Stft(info), shortStft = SibilanceMeter.shortStft(info);
        Frames frames = capture(info, song, longStft, shortStft);
        Analysers run = new Analysers(info, longStft, shortStft);
        run.replay(frames, hours, longStft.size(), shortStft.size());
        return run;
    }

    /**
     * Four hours of a song's spectra (22.05 kHz, so that sibilance is measured): every series stays
     * within its limit, and the figures are those of an hour of the same material (whose sibilance
     * frames are already an even sample: that limit is reached after 13 minutes here).
     */
    @Test
    void fourHoursOfFramesKeepEverySeriesBoundedAndTheFiguresOfAShortRun() {
        Analysers shortRun = replayedSong(1), longRun = replayedSong(4);

        // Bounded: the limits, whatever the length (the short run is within all of them).
        assertThat(longRun.spectrum.result().steps()).isLessThanOrEqualTo(1 << 13);
        assertThat(longRun.stereo.result().correlationOverTime().size()).isLessThanOrEqualTo(1 << 13);
        assertThat(longRun.stereo.bandSumsOverTime()).hasSizeLessThanOrEqualTo(1 << 13);
        assertThat(longRun.sibilance.result().ratioDb()).hasSizeLessThanOrEqualTo(1 << 15);
        assertThat(longRun.spectrum.result().stepS() * longRun.spectrum.result().steps()).isCloseTo(4 * 3600, within(10.0));
        // The lead-vocal verdict keeps one value per window (about a second): the one series that still grows.
        assertThat(longRun.vocal.result().voiced()).hasSizeLessThanOrEqualTo((int) (4 * 3600 / longRun.vocal.result().windowS()) + 1);

        // Right: the same material reads the same, long or short.
        for (int b = 0; b < shortRun.spectrum.result().bands().size(); b++) {
            assertThat(longRun.spectrum.result().bands().get(b).levelDb())
                    .isCloseTo(shortRun.spectrum.result().bands().get(b).levelDb(), within(0.05));
        }
        assertThat(longRun.stereo.result().correlation()).isCloseTo(shortRun.stereo.result().correlation(), within(0.001));
        // The long run's 98th percentile comes from an even sample of the frames: between the whole short run's 97.5th and 98.5th.
        assertThat(longRun.sibilance.result().loudestRatioDb())
                .isBetween(percentile(shortRun.sibilance.result().ratioDb(), 97.5), percentile(shortRun.sibilance.result().ratioDb(), 98.5));
        assertThat(longRun.drums.result().kickHits()).isGreaterThan(3 * shortRun.drums.result().kickHits());
        assertThat(longRun.drums.result().kickProminenceDb()).isCloseTo(shortRun.drums.result().kickProminenceDb(), within(0.3));
        assertThat(longRun.vocal.result().share()).isCloseTo(shortRun.vocal.result().share(), within(0.02));
        assertThat(longRun.sections.result().sections()).isNotEmpty();
    }

    /**
     * The sibilance frames stop growing within 13 minutes at 22.05 kHz (12 at 44.1 and 48), longer
     * than a song: 15 minutes keep fewer frames than they hold, so that a long file's heap stays near
     * a song's.
     */
    @Test
    void fifteenMinutesKeepAtMostThirteenMinutesOfSibilanceFrames() {
        Analysers run = replayedSong(0.25);
        double frameS = SibilanceMeter.shortStft(new StreamInfo(RATE, 2, 24, false, "test", -1)).size() / (double) RATE;
        assertThat(run.sibilance.result().ratioDb()).hasSizeLessThanOrEqualTo((int) (13 * 60 / frameS));
        assertThat(run.sibilance.result().loudestRatioDb()).isFinite();
    }

    private static double percentile(float[] values, double p) {
        double[] v = new double[values.length];
        int n = 0;
        for (float x : values) if (!Float.isNaN(x)) v[n++] = x;
        java.util.Arrays.sort(v, 0, n);
        return v[Math.min(n - 1, (int) Math.floor(p / 100 * n))];
    }
}
