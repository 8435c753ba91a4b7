package dev.signoff.audio.synth;

import dev.signoff.audio.AudioBlock;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Basic test and demo signals as planar float arrays (full scale +-1): sines, noise, silence,
 * fades, and helpers to cut them into {@link AudioBlock}s.
 */
public final class Signals {
    private Signals() {}

    /** A sine of {@code amplitude} (linear peak) at {@code hz}, {@code seconds} long. */
    public static float[] sine(double hz, double amplitude, double seconds, int sampleRate) {
        return sine(hz, amplitude, 0.0, seconds, sampleRate);
    }

    public static float[] sine(double hz, double amplitude, double phase, double seconds, int sampleRate) {
        int n = (int) Math.round(seconds * sampleRate);
        float[] x = new float[n];
        double w = 2 * Math.PI * hz / sampleRate;
        for (int i = 0; i < n; i++) x[i] = (float) (amplitude * Math.sin(w * i + phase));
        return x;
    }

    /** White noise, uniform spectrum, RMS {@code rms}, reproducible from {@code seed}. */
    public static float[] whiteNoise(double rms, double seconds, int sampleRate, long seed) {
        int n = (int) Math.round(seconds * sampleRate);
        float[] x = new float[n];
        SplittableRandom r = new SplittableRandom(seed);
        double a = rms * Math.sqrt(3.0);
        for (int i = 0; i < n; i++) x[i] = (float) (a * (2 * r.nextDouble() - 1));
        return x;
    }

    /** Pink noise (-3 dB/octave, Paul Kellet's filter) scaled to RMS {@code rms}. */
    public static float[] pinkNoise(double rms, double seconds, int sampleRate, long seed) {
        float[] w = whiteNoise(1.0, seconds, sampleRate, seed);
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
        double sum = 0;
        double[] y = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double white = w[i];
            b0 = 0.99886 * b0 + white * 0.0555179;
            b1 = 0.99332 * b1 + white * 0.0750759;
            b2 = 0.96900 * b2 + white * 0.1538520;
            b3 = 0.86650 * b3 + white * 0.3104856;
            b4 = 0.55000 * b4 + white * 0.5329522;
            b5 = -0.7616 * b5 - white * 0.0168980;
            y[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + white * 0.5362;
            b6 = white * 0.115926;
            sum += y[i] * y[i];
        }
        double g = y.length == 0 ? 0 : rms / Math.sqrt(sum / y.length);
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) out[i] = (float) (y[i] * g);
        return out;
    }

    public static float[] silence(double seconds, int sampleRate) {
        return new float[(int) Math.round(seconds * sampleRate)];
    }

    /** Joins signals end to end. */
    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /** Raised-cosine fade in and out over {@code fadeSeconds}, in place; returns {@code x}. */
    public static float[] fadeInOut(float[] x, double fadeSeconds, int sampleRate) {
        int f = Math.min(x.length / 2, (int) Math.round(fadeSeconds * sampleRate));
        for (int i = 0; i < f; i++) {
            double g = 0.5 - 0.5 * Math.cos(Math.PI * i / f);
            x[i] *= (float) g;
            x[x.length - 1 - i] *= (float) g;
        }
        return x;
    }

    public static double dbToLinear(double db) { return Math.pow(10, db / 20.0); }

    public static double linearToDb(double x) { return 20 * Math.log10(x); }

    /** Cuts planar channels (all the same length) into blocks of at most {@code blockFrames}. */
    public static List<AudioBlock> blocks(float[][] channels, int blockFrames) {
        List<AudioBlock> out = new ArrayList<>();
        int n = channels[0].length;
        for (int start = 0; start < n; start += blockFrames) {
            int len = Math.min(blockFrames, n - start);
            float[][] b = new float[channels.length][len];
            for (int c = 0; c < channels.length; c++) System.arraycopy(channels[c], start, b[c], 0, len);
            out.add(new AudioBlock(b, len, start));
        }
        return out;
    }
}
