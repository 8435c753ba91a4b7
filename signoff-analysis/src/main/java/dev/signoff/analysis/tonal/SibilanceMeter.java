package dev.signoff.analysis.tonal;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import dev.signoff.audio.synth.Biquad;

import java.util.Arrays;

/**
 * Sibilance: how far the "s" and "t" bursts (5-10 kHz) stick out over the 1-4 kHz body of the
 * mix at the moment they happen. A long-term spectrum cannot see this: the bursts last 50-100 ms
 * and hardly move the average, yet they are what a listener hears as spitty or sharp.
 *
 * <p>Input: every channel, summed to mono (sibilance sits in the centre with the vocal).
 * Two band-pass filters (Butterworth high-pass and low-pass pairs, RBJ cookbook designs):
 * 5-10 kHz and 1-4 kHz. Their energies are taken in consecutive {@value #WINDOW_S} s windows,
 * the time scale of a de-esser's detector.
 *
 * <p>Output: {@link SibilanceResult}: per window, the sibilance band's level relative to the
 * body band in the same window (dB), left out (NaN) when the body is more than
 * {@value #BODY_GATE_DB} dB below its long-term average (silence, the space before the music),
 * and the {@value #PERCENTILE}th percentile of those ratios: the level of the loudest 2 % of
 * moments, which is where the bursts live.
 *
 * <p>Parameters: at sample rates below 22 kHz the 5-10 kHz band does not exist and the result
 * is empty (NaN).
 */
public final class SibilanceMeter implements Analyser {
    static final double WINDOW_S = 0.02;
    static final double BODY_GATE_DB = -15;
    static final double PERCENTILE = 98;

    private final Biquad[] sib, body;
    private final boolean measurable;
    private final int window;
    private final int channels;
    private final double sampleRate;
    private double sibSum, bodySum;
    private int fill;
    private float[] sibEnergy = new float[1024], bodyEnergy = new float[1024];
    private int count;
    private SibilanceResult result;

    public SibilanceMeter(StreamInfo info) {
        sampleRate = info.sampleRate();
        channels = info.channels();
        window = Math.max(1, (int) Math.round(WINDOW_S * sampleRate));
        measurable = sampleRate >= 22_000;
        double top = Math.min(10_000, 0.45 * sampleRate);
        double q = Math.sqrt(0.5);
        sib = measurable ? new Biquad[]{Biquad.highPass(sampleRate, 5000, q), Biquad.highPass(sampleRate, 5000, q),
                Biquad.lowPass(sampleRate, top, q), Biquad.lowPass(sampleRate, top, q)} : new Biquad[0];
        body = new Biquad[]{Biquad.highPass(sampleRate, 1000, q), Biquad.highPass(sampleRate, 1000, q),
                Biquad.lowPass(sampleRate, Math.min(4000, 0.45 * sampleRate), q), Biquad.lowPass(sampleRate, Math.min(4000, 0.45 * sampleRate), q)};
    }

    @Override
    public void accept(AudioBlock block) {
        if (!measurable) return;
        int n = block.frames();
        float[][] x = block.samples();
        Biquad s0 = sib[0], s1 = sib[1], s2 = sib[2], s3 = sib[3];
        Biquad b0 = body[0], b1 = body[1], b2 = body[2], b3 = body[3];
        for (int i = 0; i < n; i++) {
            double m = 0;
            for (int c = 0; c < channels; c++) m += x[c][i];
            double s = s3.process(s2.process(s1.process(s0.process(m))));
            double b = b3.process(b2.process(b1.process(b0.process(m))));
            sibSum += s * s;
            bodySum += b * b;
            if (++fill == window) closeWindow();
        }
    }

    private void closeWindow() {
        if (count == sibEnergy.length) {
            sibEnergy = Arrays.copyOf(sibEnergy, count * 2);
            bodyEnergy = Arrays.copyOf(bodyEnergy, count * 2);
        }
        sibEnergy[count] = (float) (sibSum / fill);
        bodyEnergy[count] = (float) (bodySum / fill);
        count++;
        sibSum = bodySum = 0;
        fill = 0;
    }

    @Override
    public void finish() {
        if (!measurable) {
            result = new SibilanceResult(WINDOW_S, new float[0], Double.NaN);
            return;
        }
        if (fill > window / 2) closeWindow();
        double mean = 0;
        for (int i = 0; i < count; i++) mean += bodyEnergy[i];
        mean /= Math.max(1, count);
        double gate = mean * Math.pow(10, BODY_GATE_DB / 10);
        float[] ratio = new float[count];
        double[] kept = new double[count];
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (bodyEnergy[i] > 0 && bodyEnergy[i] >= gate) {
                ratio[i] = (float) (10 * Math.log10(Math.max(sibEnergy[i], 1e-20f) / bodyEnergy[i]));
                kept[k++] = ratio[i];
            } else {
                ratio[i] = Float.NaN;
            }
        }
        double p = Double.NaN;
        if (k > 0) {
            Arrays.sort(kept, 0, k);
            p = kept[Math.min(k - 1, (int) Math.floor(PERCENTILE / 100 * k))];
        }
        result = new SibilanceResult(WINDOW_S, ratio, p);
        sibEnergy = bodyEnergy = null;
    }

    public SibilanceResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
