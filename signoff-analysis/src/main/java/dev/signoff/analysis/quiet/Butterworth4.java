package dev.signoff.analysis.quiet;

/**
 * 4th-order Butterworth low-pass (two biquads, Q 0.5412 and 1.3066, the Butterworth pole pairs;
 * bilinear transform with pre-warping, RBJ Audio EQ Cookbook), enough to keep music above
 * 1.7 kHz from aliasing onto the hum lines after decimation to about 2 kHz (more than 50 dB down).
 */
final class Butterworth4 {
    private final double p0, p1, p2, p3, p4, q0, q1, q2, q3, q4;   // the two sections' b0 b1 b2 a1 a2
    private double pz0, pz1, qz0, qz1;

    Butterworth4(double fs, double hz) {
        double[][] c = new double[2][5];
        double[] qs = {0.54119610, 1.30656296};
        for (int s = 0; s < 2; s++) {
            double w = 2 * Math.PI * hz / fs, cos = Math.cos(w), alpha = Math.sin(w) / (2 * qs[s]);
            double a0 = 1 + alpha;
            c[s][0] = (1 - cos) / 2 / a0;
            c[s][1] = (1 - cos) / a0;
            c[s][2] = (1 - cos) / 2 / a0;
            c[s][3] = -2 * cos / a0;
            c[s][4] = (1 - alpha) / a0;
        }
        p0 = c[0][0]; p1 = c[0][1]; p2 = c[0][2]; p3 = c[0][3]; p4 = c[0][4];
        q0 = c[1][0]; q1 = c[1][1]; q2 = c[1][2]; q3 = c[1][3]; q4 = c[1][4];
    }

    /** Back to rest, as after silence. */
    void reset() {
        pz0 = pz1 = qz0 = qz1 = 0;
    }

    /** Filters x[0..n) and writes every step-th output from index first to out; returns the count. */
    int decimate(float[] x, int n, int first, int step, float[] out) {
        double a0 = pz0, a1 = pz1, b0 = qz0, b1 = qz1;
        int p = 0;
        for (int i = 0, next = first; i < n; i++) {
            double v = x[i];
            double y = p0 * v + a0;
            a0 = p1 * v - p3 * y + a1;
            a1 = p2 * v - p4 * y;
            // Flush the decay after a stop to zero before it turns into slow subnormals.
            if (Math.abs(a0) < 1e-30) a0 = 0;
            if (Math.abs(a1) < 1e-30) a1 = 0;
            double z = q0 * y + b0;
            b0 = q1 * y - q3 * z + b1;
            b1 = q2 * y - q4 * z;
            if (Math.abs(b0) < 1e-30) b0 = 0;
            if (Math.abs(b1) < 1e-30) b1 = 0;
            if (i == next) {
                out[p++] = (float) z;
                next += step;
            }
        }
        pz0 = a0; pz1 = a1; qz0 = b0; qz1 = b1;
        return p;
    }
}
