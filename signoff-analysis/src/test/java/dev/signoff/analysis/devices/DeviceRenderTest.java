package dev.signoff.analysis.devices;

import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Signals;
import dev.signoff.audio.synth.SongSynth;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Every built-in device renders what its curve says, keeps mono mono, limits, and streams. */
class DeviceRenderTest {
    static final int RATE = 48_000;

    static List<DeviceModel> devices() { return DeviceCatalog.builtIn().models(); }

    /** Renders planar input through {@code model}, cut into blocks of {@code blockFrames}, and returns the whole output. */
    static float[][] render(DeviceModel model, float[][] input, int rate, int blockFrames) {
        int ch = input.length, n = input[0].length;
        float[][] out = new float[ch][n];
        long[] pos = {0};
        DeviceRenderer r = new DeviceRenderer(model, new StreamInfo(rate, ch, 32, true, "test", n), (s, frames) -> {
            for (int c = 0; c < ch; c++) System.arraycopy(s[c], 0, out[c], (int) pos[0], frames);
            pos[0] += frames;
        });
        for (AudioBlock b : Signals.blocks(input, blockFrames)) r.accept(b);
        r.finish();
        assertThat(pos[0]).as("render length").isEqualTo(n);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void noiseThroughTheDeviceMatchesItsSmoothedCurveWithinOneAndAHalfDb(DeviceModel device) {
        float[] x = Signals.whiteNoise(0.1, 12, RATE, 42);
        float[] y = render(device.withoutLimiter(), new float[][]{x}, RATE, 10_000)[0];
        int seg = 32768;
        double[] px = welch(x, seg), py = welch(y, seg);
        double worst = 0, worstHz = 0;
        int bands = 0;
        for (int k = -32; k <= 16; k++) {                 // 1/6-octave bands, 1 kHz * 2^(k/6): 25 Hz .. 6.3 kHz .. 12.7 kHz
            double fc = 1000 * Math.pow(2, k / 6.0);
            if (fc < 50 || fc > 12_000) continue;
            double lo = fc * Math.pow(2, -1 / 12.0), hi = fc * Math.pow(2, 1 / 12.0);
            double sx = 0, sy = 0, expected = 0;
            int bins = 0;
            for (int b = (int) Math.ceil(lo * seg / RATE); b <= (int) Math.floor(hi * seg / RATE); b++) {
                sx += px[b];
                sy += py[b];
                expected += Math.pow(10, device.response().at(b * (double) RATE / seg) / 10);
                bins++;
            }
            double expectedDb = 10 * Math.log10(expected / bins);
            if (device.response().at(fc) < -20) continue;  // outside the usable band
            double err = 10 * Math.log10(sy / sx) - expectedDb;
            bands++;
            if (Math.abs(err) > Math.abs(worst)) {
                worst = err;
                worstHz = fc;
            }
        }
        System.out.printf(Locale.ROOT, "fit %-12s %2d bands, worst %+.2f dB at %.0f Hz%n", device.id(), bands, worst, worstHz);
        assertThat(bands).isGreaterThan(20);
        assertThat(Math.abs(worst)).as("worst band error at %.0f Hz", worstHz).isLessThan(1.5);
    }

    /** Welch power spectrum, Hann window, 50 % overlap. */
    static double[] welch(float[] x, int seg) {
        DoubleFFT_1D fft = new DoubleFFT_1D(seg);
        double[] p = new double[seg / 2 + 1], buf = new double[seg], w = new double[seg];
        for (int i = 0; i < seg; i++) w[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / seg);
        for (int start = 0; start + seg <= x.length; start += seg / 2) {
            for (int i = 0; i < seg; i++) buf[i] = x[start + i] * w[i];
            fft.realForward(buf);
            p[0] += buf[0] * buf[0];
            p[seg / 2] += buf[1] * buf[1];
            for (int k = 1; k < seg / 2; k++) p[k] += buf[2 * k] * buf[2 * k] + buf[2 * k + 1] * buf[2 * k + 1];
        }
        return p;
    }

    @Test
    void monoDevicesFeedIdenticalChannelsAndStereoDevicesKeepThemApart() {
        float[] l = Signals.pinkNoise(0.1, 2, RATE, 1), r = Signals.pinkNoise(0.1, 2, RATE, 2);
        for (DeviceModel d : devices()) {
            float[][] y = render(d.withoutLimiter(), new float[][]{l, r}, RATE, 4096);
            if (d.mono()) {
                assertThat(y[1]).as(d.id()).isEqualTo(y[0]);
                // and it is the mono sum: same as rendering (L+R)/2
                float[] mid = new float[l.length];
                for (int i = 0; i < mid.length; i++) mid[i] = (float) ((l[i] + (double) r[i]) / 2);
                float[] m = render(d.withoutLimiter(), new float[][]{mid}, RATE, 4096)[0];
                for (int i = 0; i < m.length; i += 97) assertThat((double) y[0][i]).isCloseTo(m[i], org.assertj.core.data.Offset.offset(1e-6));
            } else {
                assertThat(y[1]).as(d.id()).isNotEqualTo(y[0]);
            }
        }
    }

    @Test
    void theLimiterKeepsALoudSongUnderItsCeiling() {
        SongSynth.Song song = SongSynth.render(RATE, 30, 1);
        int limited = 0;
        for (DeviceModel d : devices()) {
            if (!d.hasLimiter()) continue;
            limited++;
            float[][] y = render(d, song.channels(), RATE, 8192);
            double ceiling = Math.pow(10, d.limiter().ceilingDb() / 20);
            double peak = 0;
            for (float[] ch : y) for (float v : ch) peak = Math.max(peak, Math.abs(v));
            // Without the limiter the driven render would go over: the limiter has work to do.
            float[][] open = render(d.withoutLimiter(), song.channels(), RATE, 8192);
            double openPeak = 0;
            for (float[] ch : open) for (float v : ch) openPeak = Math.max(openPeak, Math.abs(v));
            openPeak *= Math.pow(10, d.limiter().driveDb() / 20);
            System.out.printf(Locale.ROOT, "limiter %-12s peak %.2f dBFS (ceiling %.1f, unlimited driven peak %.2f dBFS)%n",
                    d.id(), 20 * Math.log10(peak), d.limiter().ceilingDb(), 20 * Math.log10(openPeak));
            assertThat(peak).as(d.id()).isLessThanOrEqualTo(ceiling);
            assertThat(openPeak).as(d.id()).isGreaterThan(ceiling);
            assertThat(peak).as(d.id() + " still loud").isGreaterThan(ceiling * 0.8);
        }
        assertThat(limited).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theRenderDoesNotDependOnBlockSizes() {
        float[] l = Signals.pinkNoise(0.3, 1.5, RATE, 5), r = Signals.pinkNoise(0.3, 1.5, RATE, 6);
        for (String id : List.of("phone", "car")) {
            DeviceModel d = DeviceCatalog.builtIn().find(id).orElseThrow();
            float[][] a = render(d, new float[][]{l, r}, RATE, 65_536);
            float[][] b = render(d, new float[][]{l, r}, RATE, 1);
            float[][] c = renderIrregular(d, new float[][]{l, r});
            assertThat(b).isDeepEqualTo(a);
            assertThat(c).isDeepEqualTo(a);
        }
    }

    static float[][] renderIrregular(DeviceModel d, float[][] input) {
        int n = input[0].length;
        List<float[]> parts = new ArrayList<>();
        float[][] out = new float[2][n];
        int[] pos = {0};
        DeviceRenderer r = new DeviceRenderer(d, new StreamInfo(RATE, 2, 24, false, "test", n), (s, f) -> {
            for (int c = 0; c < 2; c++) System.arraycopy(s[c], 0, out[c], pos[0], f);
            pos[0] += f;
        });
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        for (int start = 0; start < n; ) {
            int len = Math.min(n - start, 1 + rnd.nextInt(20_000));
            float[][] b = new float[2][len];
            for (int c = 0; c < 2; c++) System.arraycopy(input[c], start, b[c], 0, len);
            r.accept(new AudioBlock(b, len, start));
            start += len;
        }
        r.finish();
        assertThat(pos[0]).isEqualTo(n);
        return out;
    }

    @Test
    void theRenderIsTimeAlignedWithTheInput() {
        // A 1 kHz burst in the passband comes out where it went in.
        DeviceModel d = DeviceCatalog.builtIn().find("mixcube").orElseThrow();
        float[] x = new float[RATE];
        for (int i = 24_000; i < 24_480; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / RATE) * Math.sin(Math.PI * (i - 24_000) / 480));
        float[] y = render(d, new float[][]{x}, RATE, 3000)[0];
        int maxAt = 0;
        for (int i = 0; i < y.length; i++) if (Math.abs(y[i]) > Math.abs(y[maxAt])) maxAt = i;
        assertThat(maxAt).isBetween(24_200, 24_280);
    }

    @Test
    void otherSampleRatesGetFiltersOfTheirOwn() {
        assertThat(DeviceFilter.tapsFor(44_100)).isEqualTo(16383);
        assertThat(DeviceFilter.tapsFor(48_000)).isEqualTo(16383);
        assertThat(DeviceFilter.tapsFor(96_000)).isEqualTo(32767);
        DeviceModel car = DeviceCatalog.builtIn().find("car").orElseThrow();
        for (int rate : new int[]{44_100, 96_000}) {
            DeviceFilter f = car.filter(rate);
            for (double hz : new double[]{60, 100, 1000, 5000}) {
                assertThat(f.responseDb(hz)).as(rate + " Hz at " + hz).isCloseTo(car.response().at(hz), org.assertj.core.data.Offset.offset(0.5));
            }
        }
    }
}
