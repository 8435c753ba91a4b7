package dev.signoff.analysis.tonal;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;
import org.jtransforms.fft.FloatFFT_1D;

import java.util.Arrays;

/**
 * Sibilance: how far the "s" and "t" bursts (5-10 kHz) stick out over the 1-4 kHz body of the
 * mix at the moment they happen. A long-term spectrum cannot see this: the bursts last 50-100 ms
 * and hardly move the average, yet they are what a listener hears as spitty or sharp.
 *
 * <p>Input: every channel, summed to mono (sibilance sits in the centre with the vocal), cut into
 * consecutive Hann-windowed frames of about {@value #WINDOW_S} s (the power of two nearest to
 * it: 1024 samples at 44.1 and 48 kHz), the time scale of a de-esser's detector. The power of the
 * FFT bins in 5-10 kHz and in 1-4 kHz gives the two band energies of each frame.
 *
 * <p>Output: {@link SibilanceResult}: per frame, the sibilance band's level relative to the
 * body band in the same frame (dB), left out (NaN) when the body is more than
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

    private final boolean measurable;
    private final int size;
    private final int channels;
    private final double frameS;
    private final float[] window, frame;
    private final FloatFFT_1D fft;
    private final int sibLo, sibHi, bodyLo, bodyHi;
    private int fill;
    private float[] sibEnergy = new float[1024], bodyEnergy = new float[1024];
    private int count;
    private SibilanceResult result;

    public SibilanceMeter(StreamInfo info) {
        double rate = info.sampleRate();
        channels = info.channels();
        measurable = rate >= 22_000;
        int target = (int) Math.round(WINDOW_S * rate);
        int n = Integer.highestOneBit(Math.max(2, target));
        size = target / (double) n > 1.5 ? n * 2 : n;
        frameS = size / rate;
        window = new float[size];
        for (int i = 0; i < size; i++) window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
        frame = new float[size];
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);   // the pipeline already uses the cores
        fft = new FloatFFT_1D(size);
        double binHz = rate / size;
        sibLo = (int) Math.ceil(5000 / binHz);
        sibHi = Math.min(size / 2 - 1, (int) Math.floor(10_000 / binHz));
        bodyLo = (int) Math.ceil(1000 / binHz);
        bodyHi = (int) Math.floor(4000 / binHz);
    }

    @Override
    public void accept(AudioBlock block) {
        if (!measurable) return;
        int n = block.frames(), pos = 0;
        float[][] x = block.samples();
        while (pos < n) {
            int len = Math.min(n - pos, size - fill);
            // Channel by channel, so each loop is a plain vector add.
            float[] first = x[0];
            for (int i = 0; i < len; i++) frame[fill + i] = first[pos + i];
            for (int c = 1; c < channels; c++) {
                float[] ch = x[c];
                for (int i = 0; i < len; i++) frame[fill + i] += ch[pos + i];
            }
            for (int i = fill; i < fill + len; i++) frame[i] *= window[i];
            fill += len;
            pos += len;
            if (fill == size) closeFrame();
        }
    }

    private void closeFrame() {
        fft.realForward(frame);
        if (count == sibEnergy.length) {
            sibEnergy = Arrays.copyOf(sibEnergy, count * 2);
            bodyEnergy = Arrays.copyOf(bodyEnergy, count * 2);
        }
        sibEnergy[count] = (float) bandPower(sibLo, sibHi);
        bodyEnergy[count] = (float) bandPower(bodyLo, bodyHi);
        count++;
        fill = 0;
    }

    private double bandPower(int lo, int hi) {
        double p = 0;
        for (int k = lo; k <= hi; k++) p += frame[2 * k] * frame[2 * k] + frame[2 * k + 1] * frame[2 * k + 1];
        return p;
    }

    @Override
    public void finish() {
        if (!measurable) {
            result = new SibilanceResult(frameS, new float[0], Double.NaN);
            return;
        }
        if (fill > size / 2) {
            Arrays.fill(frame, fill, size, 0f);
            closeFrame();
        }
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
        result = new SibilanceResult(frameS, ratio, p);
        sibEnergy = bodyEnergy = null;
    }

    public SibilanceResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
