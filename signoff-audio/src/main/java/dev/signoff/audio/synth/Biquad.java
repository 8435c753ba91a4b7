package dev.signoff.audio.synth;

/**
 * Second-order IIR section with the RBJ "Audio EQ Cookbook" designs (peaking, shelves, pass
 * filters). Used to voice synthesized instruments and to apply known EQ defects to test mixes.
 */
public final class Biquad {
    private final double b0, b1, b2, a1, a2;
    private double z1, z2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    public static Biquad peaking(double fs, double f0, double q, double gainDb) {
        double a = Math.pow(10, gainDb / 40), w = 2 * Math.PI * f0 / fs, alpha = Math.sin(w) / (2 * q);
        return new Biquad(1 + alpha * a, -2 * Math.cos(w), 1 - alpha * a, 1 + alpha / a, -2 * Math.cos(w), 1 - alpha / a);
    }

    public static Biquad lowShelf(double fs, double f0, double gainDb) {
        double a = Math.pow(10, gainDb / 40), w = 2 * Math.PI * f0 / fs, cs = Math.cos(w);
        double alpha = Math.sin(w) / 2 * Math.sqrt(2), sq = 2 * Math.sqrt(a) * alpha;
        return new Biquad(a * ((a + 1) - (a - 1) * cs + sq), 2 * a * ((a - 1) - (a + 1) * cs), a * ((a + 1) - (a - 1) * cs - sq),
                (a + 1) + (a - 1) * cs + sq, -2 * ((a - 1) + (a + 1) * cs), (a + 1) + (a - 1) * cs - sq);
    }

    public static Biquad highShelf(double fs, double f0, double gainDb) {
        double a = Math.pow(10, gainDb / 40), w = 2 * Math.PI * f0 / fs, cs = Math.cos(w);
        double alpha = Math.sin(w) / 2 * Math.sqrt(2), sq = 2 * Math.sqrt(a) * alpha;
        return new Biquad(a * ((a + 1) + (a - 1) * cs + sq), -2 * a * ((a - 1) + (a + 1) * cs), a * ((a + 1) + (a - 1) * cs - sq),
                (a + 1) - (a - 1) * cs + sq, 2 * ((a - 1) - (a + 1) * cs), (a + 1) - (a - 1) * cs - sq);
    }

    public static Biquad lowPass(double fs, double f0, double q) {
        double w = 2 * Math.PI * f0 / fs, cs = Math.cos(w), alpha = Math.sin(w) / (2 * q);
        return new Biquad((1 - cs) / 2, 1 - cs, (1 - cs) / 2, 1 + alpha, -2 * cs, 1 - alpha);
    }

    public static Biquad highPass(double fs, double f0, double q) {
        double w = 2 * Math.PI * f0 / fs, cs = Math.cos(w), alpha = Math.sin(w) / (2 * q);
        return new Biquad((1 + cs) / 2, -(1 + cs), (1 + cs) / 2, 1 + alpha, -2 * cs, 1 - alpha);
    }

    public static Biquad bandPass(double fs, double f0, double q) {
        double w = 2 * Math.PI * f0 / fs, alpha = Math.sin(w) / (2 * q);
        return new Biquad(alpha, 0, -alpha, 1 + alpha, -2 * Math.cos(w), 1 - alpha);
    }

    public double process(double x) {
        double y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        return y;
    }

    /** Filters {@code x[from..to)} in place. */
    public void process(float[] x, int from, int to) {
        for (int i = from; i < to; i++) x[i] = (float) process(x[i]);
    }

    public void process(float[] x) {
        process(x, 0, x.length);
    }
}
