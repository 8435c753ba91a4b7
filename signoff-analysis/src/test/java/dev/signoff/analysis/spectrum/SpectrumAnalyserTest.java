package dev.signoff.analysis.spectrum;

import dev.signoff.analysis.technical.TestAudio;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.synth.Signals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SpectrumAnalyserTest {

    static SpectrumResult spectrum(int rate, float[][] channels) {
        Stft stft = new Stft(TestAudio.info(rate, channels.length));
        SpectrumAnalyser s = new SpectrumAnalyser(TestAudio.info(rate, channels.length), stft);
        stft.addListener(s);
        for (AudioBlock b : Signals.blocks(channels, 4096)) stft.accept(b);
        stft.finish();
        return s.result();
    }

    static int bandIndex(SpectrumResult r, double nominal) {
        for (int b = 0; b < r.bands().size(); b++) if (r.bands().get(b).centerHz() == nominal) return b;
        throw new AssertionError("no band " + nominal);
    }

    @ParameterizedTest
    @ValueSource(ints = {44_100, 48_000, 96_000, 8_000})
    void aFullScaleSineReadsMinus3DbfsInItsBandAtEveryRate(int rate) {
        float[] x = Signals.sine(1000, 1.0, 3.0, rate);
        SpectrumResult r = spectrum(rate, new float[][]{x});
        int k = bandIndex(r, 1000);
        assertThat(r.bands().get(k).levelDb()).isCloseTo(-3.0, within(0.2));
        assertThat(r.bands().get(k - 2).levelDb()).isLessThan(-33.0);
        assertThat(r.bands().get(k + 2).levelDb()).isLessThan(-33.0);
        // Bands reaching above Nyquist are left out.
        assertThat(r.bands()).allSatisfy(b -> assertThat(b.hiHz()).isLessThanOrEqualTo(rate / 2.0));
        double top = r.bands().get(r.bands().size() - 1).centerHz();
        switch (rate) {
            case 8_000 -> assertThat(top).isEqualTo(3150);
            case 44_100 -> assertThat(top).isEqualTo(16000);
            default -> assertThat(top).isEqualTo(20000);
        }
        assertThat(r.bands().get(0).centerHz()).isEqualTo(20);
    }

    @Test
    void dualMonoReadsLikeMono() {
        float[] x = Signals.sine(250, 0.5, 2.0, 48_000);
        double mono = spectrum(48_000, new float[][]{x}).bands().get(11).levelDb();
        double dual = spectrum(48_000, new float[][]{x, x}).bands().get(11).levelDb();
        assertThat(dual).isCloseTo(mono, within(1e-6));
        assertThat(mono).isCloseTo(20 * Math.log10(0.5) - 3.0, within(0.2));
    }

    @Test
    void pinkNoiseIsFlatInThirdOctaves() {
        SpectrumResult r = spectrum(48_000, new float[][]{Signals.pinkNoise(0.1, 30.0, 48_000, 11)});
        int from = bandIndex(r, 50), to = bandIndex(r, 16000);
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (int b = from; b <= to; b++) {
            double level = r.bands().get(b).levelDb();
            min = Math.min(min, level);
            max = Math.max(max, level);
            if (b > from) {
                assertThat(level).as("%s Hz", r.bands().get(b).centerHz())
                        .isCloseTo(r.bands().get(b - 1).levelDb(), within(1.5));
            }
        }
        assertThat(max - min).isLessThan(3.0);
        // Most of the -20 dBFS noise's power; Kellet's pink filter is pink from about 9 Hz to Nyquist,
        // so 45 Hz - 17.8 kHz holds about 8.6 of its 11.4 octaves (-1.2 dB), less the filter's ripple.
        assertThat(r.regionDb(50, 16000)).isBetween(-23.0, -20.5);
    }

    @Test
    void silenceIsGatedOutOfTheAverage() {
        int rate = 48_000;
        float[] music = Signals.pinkNoise(0.1, 10.0, rate, 3);
        SpectrumResult alone = spectrum(rate, new float[][]{music});
        SpectrumResult half = spectrum(rate, new float[][]{Signals.concat(music, new float[10 * rate])});
        SpectrumResult lead = spectrum(rate, new float[][]{Signals.concat(new float[7 * rate], music)});
        for (int b = 0; b < alone.bands().size(); b++) {
            assertThat(half.bands().get(b).levelDb()).isCloseTo(alone.bands().get(b).levelDb(), within(0.2));
            assertThat(lead.bands().get(b).levelDb()).isCloseTo(alone.bands().get(b).levelDb(), within(0.2));
        }
        // The over-time series is NaN in the silent half.
        float[] series = half.bands().get(bandIndex(half, 1000)).overTimeDb();
        assertThat(series[series.length - 2]).isNaN();
        assertThat(series[2]).isCloseTo((float) alone.bands().get(bandIndex(alone, 1000)).levelDb(), within(2.0f));
    }

    @Test
    void aShortFilesPaddedLastFrameDoesNotPullTheLevelDown() {
        // 1.2 s at 48 kHz: 7 frames of 8192, the last one 3/10 full.
        float[] x = Signals.sine(1000, 1.0, 1.2, 48_000);
        SpectrumResult r = spectrum(48_000, new float[][]{x});
        assertThat(r.bands().get(bandIndex(r, 1000)).levelDb()).isCloseTo(-3.0, within(0.05));
    }

    @Test
    void overTimeHasAStepAboutEveryHalfSecond() {
        for (int rate : new int[]{8_000, 44_100, 48_000, 96_000}) {
            double seconds = 20;
            SpectrumResult r = spectrum(rate, new float[][]{Signals.pinkNoise(0.1, seconds, rate, 5)});
            assertThat(r.stepS()).as("%s Hz", rate).isBetween(0.45, 0.6);
            assertThat(r.steps()).isEqualTo((int) Math.ceil(seconds / r.stepS() - 1e-9));
            assertThat(r.bands()).allSatisfy(b -> assertThat(b.overTimeDb()).hasSize(r.steps()));
        }
    }

    @Test
    void lowBandsGetTheirShareWhenABinSpansThreeBands() {
        // At 8 kHz a bin (7.8 Hz) is wider than the 20, 25 and 31.5 Hz bands: white noise must still
        // spread over all of them in proportion to their width.
        SpectrumResult r = spectrum(8_000, new float[][]{Signals.whiteNoise(0.3, 20.0, 8_000, 9)});
        for (int b = 0; b < 6; b++) {
            SpectrumResult.Band band = r.bands().get(b);
            double expected = 10 * Math.log10(0.09 * (band.hiHz() - band.loHz()) / 4000.0);
            assertThat(band.levelDb()).as("%s Hz", band.centerHz()).isCloseTo(expected, within(1.0));
        }
    }
}
