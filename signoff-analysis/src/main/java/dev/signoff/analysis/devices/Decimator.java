package dev.signoff.analysis.devices;

import dev.signoff.audio.AudioBlock;

/**
 * Folds a stream to mono (the mean of its channels, (L+R)/2 for stereo, as mono devices do) and
 * lowers its sample rate by an integer factor for the low-end analysis, which needs nothing above
 * {@value #PASS_HZ} Hz.
 *
 * <p>Method: a linear-phase low-pass FIR (Kaiser-windowed sinc, cut-off at half the output rate,
 * at least {@value #STOP_DB} dB down wherever a component would fold back into 0-{@value #PASS_HZ}
 * Hz) evaluated only at the kept samples (polyphase in effect). The factor is the largest that
 * keeps the output rate at or above {@value #MIN_RATE_HZ} Hz: 3 at 44.1 and 48 kHz, 6 at 88.2 and
 * 96 kHz, 1 (no filter) below 28 kHz.
 *
 * <p>Timing: output sample {@code m} stands for input sample {@code m * factor - delay()}.
 */
final class Decimator {
    static final double PASS_HZ = 5000;
    static final double MIN_RATE_HZ = 14_000;
    static final double STOP_DB = 60;

    private final int factor, channels;
    private final float[] taps;
    private float[] buffer;      // history (taps - 1 samples) followed by new mono samples
    private int filled;          // samples in buffer
    private int phase;           // index in buffer of the next sample to output (relative to the history start)

    Decimator(int sampleRate, int channels) {
        this.channels = channels;
        this.factor = factorFor(sampleRate);
        this.taps = factor == 1 ? new float[]{1f} : design(sampleRate, factor);
        buffer = new float[taps.length - 1 + 8192];
        filled = taps.length - 1;   // zeros before the stream
        phase = taps.length - 1;
    }

    static int factorFor(int sampleRate) {
        return Math.max(1, (int) Math.floor(sampleRate / MIN_RATE_HZ));
    }

    int factor() { return factor; }

    /** Input samples of delay: output sample m stands for input sample m * factor - delay(). */
    int delay() { return (taps.length - 1) / 2; }

    private static float[] design(int rate, int factor) {
        double out = rate / (double) factor;
        double pass = Math.min(PASS_HZ, 0.4 * out), stop = out - pass;
        double dw = 2 * Math.PI * (stop - pass) / rate;
        int n = (int) Math.ceil((STOP_DB - 8) / (2.285 * dw)) + 1;
        if (n % 2 == 0) n++;
        double beta = 0.1102 * (STOP_DB - 8.7);
        double fc = 0.5 / factor;           // cut-off, cycles per input sample
        int centre = (n - 1) / 2;
        double[] h = new double[n];
        double sum = 0, i0 = besselI0(beta);
        for (int j = 0; j < n; j++) {
            int k = j - centre;
            double sinc = k == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * k) / (Math.PI * k);
            double r = k / (double) centre;
            h[j] = sinc * besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0;
            sum += h[j];
        }
        float[] t = new float[n];
        for (int j = 0; j < n; j++) t[j] = (float) (h[j] / sum);
        return t;
    }

    static double besselI0(double x) {
        double s = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 50; k++) {
            term *= q / ((double) k * k);
            s += term;
            if (term < 1e-12 * s) break;
        }
        return s;
    }

    /**
     * Folds and decimates a block; returns how many output samples were written to {@code out}
     * (at most {@code b.frames() / factor + 1}; {@code out} must have room for them).
     */
    int process(AudioBlock b, float[] out) {
        int n = b.frames();
        if (filled + n > buffer.length) buffer = java.util.Arrays.copyOf(buffer, filled + n + 8192);
        float[] first = b.samples()[0];
        if (channels == 1) {
            System.arraycopy(first, 0, buffer, filled, n);
        } else if (channels == 2) {
            float[] second = b.samples()[1], buf = buffer;
            float scale = 0.5f;
            for (int i = 0, j = filled; i < n; i++, j++) buf[j] = (first[i] + second[i]) * scale;   // the sum and scale below, in one pass
        } else {
            float scale = 1f / channels;
            for (int i = 0; i < n; i++) buffer[filled + i] = first[i];
            for (int c = 1; c < channels; c++) {
                float[] ch = b.samples()[c];
                for (int i = 0; i < n; i++) buffer[filled + i] += ch[i];
            }
            for (int i = 0; i < n; i++) buffer[filled + i] *= scale;
        }
        filled += n;
        int written = 0, len = taps.length;
        float[] h = taps, x = buffer;
        // Output sample at buffer index p uses buffer[p - len + 1 .. p].
        while (phase < filled) {
            int start = phase - len + 1;
            float s = 0;
            // Four taps a step for C1, summed in the same order as one at a time (the taps are symmetric).
            int k = 0;
            for (int x0 = start; k + 3 < len; k += 4, x0 += 4) {
                s += h[k] * x[x0];
                s += h[k + 1] * x[x0 + 1];
                s += h[k + 2] * x[x0 + 2];
                s += h[k + 3] * x[x0 + 3];
            }
            for (; k < len; k++) s += h[k] * x[start + k];
            out[written++] = s;
            phase += factor;
        }
        // Keep the last len - 1 samples as history.
        int keepFrom = filled - (len - 1);
        System.arraycopy(buffer, keepFrom, buffer, 0, len - 1);
        filled = len - 1;
        phase -= keepFrom;
        return written;
    }
}
