package dev.signoff.analysis.loudness;

import dev.signoff.audio.synth.Signals;
import org.junit.jupiter.api.Test;

import static dev.signoff.audio.synth.Signals.dbToLinear;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * EBU Tech 3341 true-peak cases: tones at fs/4, fs/6 and fs/8 whose samples miss the waveform's
 * crest by a known phase, faded in and out so the continuous amplitude (the expected true peak) is
 * exact. Tolerance +0.2 / -0.4 dB.
 */
class TruePeakMeterTest {
    static final int FS = 48_000;

    /** A tone at fs/div, peak amplitude {@code dbtp}, sampled with a phase offset, faded at both ends. */
    static float[] tone(int div, double dbtp, double phaseDeg) {
        float[] x = Signals.sine(FS / (double) div, dbToLinear(dbtp), Math.toRadians(phaseDeg), 2.0, FS);
        return Signals.fadeInOut(x, 0.2, FS);
    }

    @Test
    void tech3341TruePeakTones() {
        // {divisor, true peak dBTP, phase}: sample peaks fall up to 6 dB under the true peak.
        double[][] cases = {{4, -6, 45}, {4, 0, 45}, {6, -6, 60}, {6, 0, 30}, {8, -6, 22.5}, {8, 0, 67.5}, {4, 3, 45}};
        for (double[] c : cases) {
            float[] x = tone((int) c[0], c[1], c[2]);
            PeakResult r = Meter.peaks(FS, true, x, x);
            assertThat(r.truePeakDbtp()).as("fs/%d at %.1f dBTP, %.1f deg", (int) c[0], c[1], c[2])
                    .isBetween(c[1] - 0.4, c[1] + 0.2);
        }
    }

    @Test
    void samplePeakOfAnFs4ToneAt45DegreesIs3DbUnder() {
        float[] x = tone(4, 0, 45);
        PeakResult r = Meter.peaks(FS, true, x);
        assertThat(r.samplePeakDbfs()).isCloseTo(-3.01, within(0.05));
        assertThat(r.truePeakDbtp()).isCloseTo(0.0, within(0.2));
    }

    @Test
    void oneInterpolatorPhaseIsTheSampleItself() {
        // The meter skips that phase and relies on the sample peak: exact only if it is a pure delay.
        for (int factor : new int[]{2, 4, 6, 9, 12, 18, 24}) {
            float[][] phases = TruePeakMeter.design(factor);
            int p = TruePeakMeter.samplePhase(phases);
            assertThat(p).isNotNegative();
            float sum = 0;
            for (float v : phases[p]) sum += Math.abs(v);
            assertThat(sum).isEqualTo(1f);
        }
    }

    @Test
    void skippingChunksGivesExactlyTheBruteForceResult() {
        float[] music = dev.signoff.audio.synth.SongSynth.render(44_100, 20, 9).channels()[0];
        float[] noisy = java.util.Arrays.copyOf(Signals.pinkNoise(0.2, 30, 44_100, 4), music.length);
        PeakResult fast = Meter.peaks(44_100, true, music, noisy);
        PeakResult brute = Meter.peaks(44_100, false, music, noisy);
        assertThat(fast.truePeakDbtpByChannel()).containsExactly(brute.truePeakDbtpByChannel());
        assertThat(fast.overCount()).isEqualTo(brute.overCount());
    }

    @Test
    void theFinerBoundOnALoudMasterGivesExactlyTheBruteForceResult() {
        // A loud master: most chunks pass the first bound and are judged by the central taps; some
        // samples go over full scale, so the overs (their times and merging) are compared too.
        float[] music = dev.signoff.audio.synth.SongSynth.render(FS, 20, 5).channels()[0];
        float max = 0;
        for (float v : music) max = Math.max(max, Math.abs(v));
        float[] loud = new float[music.length], hotter = new float[music.length];
        for (int i = 0; i < music.length; i++) {
            // Soft-limited up to about full scale, the second channel pushed over it.
            loud[i] = (float) Math.tanh(3 * music[i] / max);
            hotter[i] = 1.06f * loud[i];
        }
        PeakResult fast = Meter.peaks(FS, true, loud, hotter);
        assertThat(fast.overCount()).isPositive();
        assertSameResult(fast, Meter.peaks(FS, false, loud, hotter));

        // The interpolator's worst case, in silence after a loud tone: samples with the signs of a
        // phase's taps, whose output there is the taps' L1 norm times them (+5.9 dB). Only the
        // whole bound (the outer taps' share included) keeps that chunk from being skipped.
        float[] taps = TruePeakMeter.design(4)[1], worst = new float[taps.length];
        for (int k = 0; k < taps.length; k++) worst[k] = 0.4f * Math.signum(taps[k]);
        float[] x = Signals.concat(Signals.sine(1000, 0.75, 0.5, FS), new float[FS / 10], worst, new float[FS / 10]);
        PeakResult crest = Meter.peaks(FS, true, x);
        assertThat(crest.truePeakDbtp()).isGreaterThan(crest.samplePeakDbfs() + 0.3);
        assertSameResult(crest, Meter.peaks(FS, false, x));
    }

    private static void assertSameResult(PeakResult a, PeakResult b) {
        assertThat(a.truePeakDbtpByChannel()).containsExactly(b.truePeakDbtpByChannel());
        assertThat(a.samplePeakDbfsByChannel()).containsExactly(b.samplePeakDbfsByChannel());
        assertThat(a.overs()).isEqualTo(b.overs());
        assertThat(a.overCount()).isEqualTo(b.overCount());
        assertThat(a.worstOver()).isEqualTo(b.worstOver());
        assertThat(Double.compare(a.lastOverEndS(), b.lastOverEndS())).isZero();
    }

    @Test
    void oversAreFoundWithTheirTimes() {
        // 1 s of quiet tone, then 0.5 s of an fs/4 tone with true peak +1 dBTP but samples at -2 dBFS.
        float[] quiet = Signals.sine(1000, 0.1, 1.0, FS);
        float[] hot = tone(4, 1.0, 45);
        float[] x = Signals.concat(quiet, java.util.Arrays.copyOf(hot, FS / 2), new float[FS]);
        PeakResult r = Meter.peaks(FS, true, x, x);
        assertThat(r.samplePeakDbfs()).isLessThan(0);
        assertThat(r.truePeakDbtp()).isGreaterThan(0.5);
        assertThat(r.overCount()).isEqualTo(2);   // one run per channel
        assertThat(r.overs().get(0).startS()).isBetween(1.0, 1.25);
        assertThat(r.overs().get(0).endS()).isBetween(1.3, 1.51);
    }

    @Test
    void highRatesOversampleLessButStayAccurate() {
        for (int fs : new int[]{96_000, 192_000}) {
            float[] x = Signals.fadeInOut(Signals.sine(fs / 8.0 / 2, dbToLinear(-1), Math.toRadians(10), 1.0, fs), 0.1, fs);
            PeakResult r = Meter.peaks(fs, true, x);
            assertThat(r.truePeakDbtp()).as("fs %d", fs).isBetween(-1.4, -0.8);
        }
    }

    /**
     * Below 44.1 kHz four times oversampling leaves the interpolated points too far apart: at
     * 8 kHz a 3 kHz tone read 0.07 dB under its crest (ffmpeg, which resamples to 192 kHz at every
     * rate, reads the crest). A 3 kHz tone, faded so that its crest is exactly the amplitude.
     */
    @Test
    void lowRatesOversampleEnoughToFindTheCrest() {
        for (int fs : new int[]{8_000, 11_025, 16_000, 22_050, 32_000}) {
            float[] x = Signals.fadeInOut(Signals.sine(3000, dbToLinear(-6), 0.3, 3.0, fs), 0.3, fs);
            PeakResult r = Meter.peaks(fs, true, x);
            assertThat(r.truePeakDbtp()).as("fs %d", fs).isCloseTo(-6.0, within(0.02));
        }
    }

    /** A song rendered at 48 kHz and taken down to 8 kHz by ffmpeg, and a 3 kHz tone: ffmpeg's true peak within 0.02 dB. */
    @Test
    void at8kHzTruePeakIsFfmpegs() throws Exception {
        assumeTrue(onPath("ffmpeg"));
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("tp8k");
        try {
            java.nio.file.Path song48 = dir.resolve("song48.wav"), song8 = dir.resolve("song8.wav"), tone8 = dir.resolve("tone8.wav");
            writeFloatWav(song48, 48_000, dev.signoff.audio.synth.SongSynth.render(48_000, 20, 3).channels());
            Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", song48.toString(), "-ar", "8000", "-c:a", "pcm_f32le",
                    song8.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor()).isZero();
            float[] tone = Signals.fadeInOut(Signals.sine(3000, dbToLinear(-6), 0.3, 3.0, 8_000), 0.3, 8_000);
            writeFloatWav(tone8, 8_000, new float[][]{tone});
            for (java.nio.file.Path wav : new java.nio.file.Path[]{song8, tone8}) {
                TruePeakMeter meter;
                try (dev.signoff.audio.AudioReader r = dev.signoff.audio.AudioDecoders.open(wav)) {
                    assertThat(r.info().sampleRate()).isEqualTo(8_000);
                    meter = new TruePeakMeter(r.info());
                    dev.signoff.audio.AudioBlock b;
                    while ((b = r.read(4096)) != null) meter.accept(b);
                }
                meter.finish();
                assertThat(meter.result().truePeakDbtp()).as(wav.getFileName().toString()).isCloseTo(ffmpegTruePeakDbtp(wav), within(0.02));
            }
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                for (java.nio.file.Path f : files.toList()) java.nio.file.Files.delete(f);
            }
            java.nio.file.Files.delete(dir);
        }
    }

    private static void writeFloatWav(java.nio.file.Path wav, int fs, float[][] channels) throws java.io.IOException {
        try (dev.signoff.audio.wav.WavWriter w = dev.signoff.audio.wav.WavWriter.open(wav, fs, channels.length, 32)) {
            w.write(channels, channels[0].length);
        }
    }

    /** ffmpeg's true peak of a file (the largest of its per-frame figures, linear, to three decimals), dBTP. */
    static double ffmpegTruePeakDbtp(java.nio.file.Path wav) throws Exception {
        java.nio.file.Path log = java.nio.file.Files.createTempFile("tp", ".txt");
        try {
            Process p = new ProcessBuilder("ffmpeg", "-nostats", "-hide_banner", "-i", wav.toString(), "-af",
                    "ebur128=peak=true:metadata=1,ametadata=mode=print:file=" + log, "-f", "null", "-")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor()).isZero();
            double peak = 0;
            for (String line : java.nio.file.Files.readAllLines(log)) {
                if (line.startsWith("lavfi.r128.true_peak=")) peak = Math.max(peak, Double.parseDouble(line.substring(21)));
            }
            return 20 * Math.log10(peak);
        } finally {
            java.nio.file.Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) return true;
        }
        return false;
    }
}
