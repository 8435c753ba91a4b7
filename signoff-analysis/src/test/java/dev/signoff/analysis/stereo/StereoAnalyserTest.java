package dev.signoff.analysis.stereo;

import dev.signoff.analysis.loudness.KWeighting;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.ChannelLayout;
import dev.signoff.audio.Speaker;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Biquad;
import dev.signoff.audio.synth.Signals;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StereoAnalyserTest {
    private static final int RATE = 48_000;

    static StereoResult stereo(StreamInfo info, float[][] channels) {
        Stft stft = new Stft(info);
        StereoAnalyser s = new StereoAnalyser(info, stft);
        stft.addListener(s);
        for (AudioBlock b : Signals.blocks(channels, 4096)) stft.accept(b);
        stft.finish();
        return s.result();
    }

    static StereoResult stereo(float[] l, float[] r) {
        return stereo(new StreamInfo(RATE, 2, 24, false, "test", l.length), new float[][]{l, r});
    }

    static float[] noise(long seed) {
        return Signals.pinkNoise(0.1, 6.0, RATE, seed);
    }

    @Test
    void identicalChannelsAreMono() {
        float[] x = noise(1);
        StereoResult r = stereo(x, x.clone());
        assertThat(r.correlation()).isCloseTo(1.0, within(1e-6));
        assertThat(r.sideToMidDb()).isLessThanOrEqualTo(-40);
        assertThat(r.monoLossDb()).isCloseTo(0.0, within(0.01));
        assertThat(r.balanceDb()).isCloseTo(0.0, within(0.01));
        assertThat(r.lowEndCorrelation()).isCloseTo(1.0, within(1e-6));
        assertThat(r.bands()).allSatisfy(b -> assertThat(b.correlation()).isCloseTo(1.0, within(1e-6)));
    }

    @Test
    void independentNoisesAreUncorrelatedAndLose3DbInMono() {
        StereoResult r = stereo(Signals.whiteNoise(0.1, 6.0, RATE, 1), Signals.whiteNoise(0.1, 6.0, RATE, 2));
        assertThat(r.correlation()).isCloseTo(0.0, within(0.05));
        assertThat(r.monoLossDb()).isCloseTo(3.0, within(0.3));
        assertThat(r.sideToMidDb()).isCloseTo(0.0, within(0.5));
        assertThat(r.balanceDb()).isCloseTo(0.0, within(0.2));
        double shares = 0;
        for (StereoResult.Band b : r.bands()) shares += Math.pow(10, b.shareDb() / 10);
        assertThat(shares).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void invertedPolarityIsAntiPhaseAndVanishesInMono() {
        float[] x = noise(3), y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = -x[i];
        StereoResult r = stereo(x, y);
        assertThat(r.correlation()).isCloseTo(-1.0, within(1e-6));
        assertThat(r.monoLossDb()).isGreaterThan(20);
        assertThat(r.sideToMidDb()).isGreaterThan(40);
    }

    @Test
    void rightThreeDbDownLeansLeft() {
        float[] x = noise(4), y = noise(5);
        float g = (float) Signals.dbToLinear(-3);
        for (int i = 0; i < y.length; i++) y[i] = x[i] * g;
        assertThat(stereo(x, y).balanceDb()).isCloseTo(3.0, within(0.1));
        float[] z = noise(6);
        float[] w = z.clone();
        for (int i = 0; i < z.length; i++) z[i] *= g;
        assertThat(stereo(z, w).balanceDb()).isCloseTo(-3.0, within(0.1));
    }

    @Test
    void aMonoBassUnderWideHighsIsCorrelatedOnlyLow() {
        float[] bass = Signals.sine(60, 0.5, 6.0, RATE);
        float[] l = Signals.whiteNoise(0.1, 6.0, RATE, 7), r = Signals.whiteNoise(0.1, 6.0, RATE, 8);
        for (float[] n : new float[][]{l, r}) {
            Biquad.highPass(RATE, 1000, 0.7).process(n);
            Biquad.highPass(RATE, 1000, 0.7).process(n);
            for (int i = 0; i < n.length; i++) n[i] += bass[i];
        }
        StereoResult res = stereo(l, r);
        assertThat(res.lowEndCorrelation()).isGreaterThan(0.99);
        assertThat(res.lowEndSideToMidDb()).isLessThan(-30);
        assertThat(res.bands().get(0).correlation()).isGreaterThan(0.99);
        assertThat(res.bands().get(3).correlation()).isCloseTo(0.0, within(0.05));   // 2-8 kHz
        assertThat(res.bands().get(4).correlation()).isCloseTo(0.0, within(0.05));   // above 8 kHz
        assertThat(res.bands().get(0).loHz()).isZero();
        assertThat(res.bands().get(0).hiHz()).isEqualTo(StereoAnalyser.LOW_END_HZ);
    }

    @Test
    void correlationOverTimeFollowsAFlipToAntiPhase() {
        float[] x = noise(9);
        float[] y = x.clone();
        for (int i = y.length / 2; i < y.length; i++) y[i] = -y[i];
        StereoResult r = stereo(x, y);
        double[] c = r.correlationOverTime().values();
        assertThat(r.correlationOverTime().stepS()).isBetween(0.45, 0.6);
        assertThat(c.length).isBetween(11, 12);
        int flip = -1;
        for (int i = 0; i < c.length; i++) {
            if (r.correlationOverTime().timeOf(i) < 2.9) assertThat(c[i]).isGreaterThan(0.99);
            if (r.correlationOverTime().timeOf(i) - r.correlationOverTime().stepS() > 3.1) assertThat(c[i]).isLessThan(-0.99);
            if (flip < 0 && c[i] < 0) flip = i;
        }
        assertThat(r.correlationOverTime().timeOf(flip)).isBetween(3.0, 3.6);
        assertThat(r.correlation()).isCloseTo(0.0, within(0.1));
    }

    @Test
    void aFivePointOneFileIsJudgedOnItsFrontPair() {
        float[] front = noise(10);
        float[][] six = {front, front.clone(), noise(11), noise(12), noise(13), noise(14)};
        StereoResult def = stereo(new StreamInfo(RATE, 6, 24, false, "test", front.length), six);
        assertThat(def.correlation()).isCloseTo(1.0, within(1e-6));
        // A file that puts the centre first: L and R are channels 1 and 2.
        ChannelLayout centreFirst = new ChannelLayout(Speaker.FRONT_CENTER, Speaker.FRONT_LEFT, Speaker.FRONT_RIGHT,
                Speaker.LOW_FREQUENCY, Speaker.BACK_LEFT, Speaker.BACK_RIGHT);
        float[][] reordered = {noise(15), front, front.clone(), noise(16), noise(17), noise(18)};
        StereoResult r = stereo(new StreamInfo(RATE, 6, 24, false, "test", front.length, centreFirst), reordered);
        assertThat(r.correlation()).isCloseTo(1.0, within(1e-6));
        assertThat(r.monoLossDb()).isCloseTo(0.0, within(0.01));
    }

    @Test
    void kWeightingPowerGainMatchesTheTimeDomainFilter() {
        for (int rate : new int[]{44_100, 48_000, 96_000}) {
            KWeighting spectral = new KWeighting(rate);
            for (double hz : new double[]{20, 100, 1000, 10_000}) {
                double measured = measuredGainDb(rate, hz);
                double predicted = 10 * Math.log10(spectral.powerGainAt(hz));
                assertThat(predicted).as("%s Hz at %s", hz, rate).isCloseTo(measured, within(0.1));
            }
            assertThat(10 * Math.log10(spectral.powerGainAt(10_000))).isCloseTo(4.0, within(0.3));
            assertThat(10 * Math.log10(spectral.powerGainAt(1_000))).isBetween(0.0, 1.0);
            assertThat(10 * Math.log10(spectral.powerGainAt(20))).isLessThan(-10);
        }
    }

    /** Gain of the time-domain K-weighting for a sine, after the filter settles. */
    static double measuredGainDb(int rate, double hz) {
        float[] x = Signals.sine(hz, 0.5, 2.0, rate);
        double[] y = new double[x.length];
        new KWeighting(rate).process(x, y, x.length);
        double in = 0, out = 0;
        for (int i = rate; i < x.length; i++) {
            in += x[i] * (double) x[i];
            out += y[i] * y[i];
        }
        return 10 * Math.log10(out / in);
    }
}
