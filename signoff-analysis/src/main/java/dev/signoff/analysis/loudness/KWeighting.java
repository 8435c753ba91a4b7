package dev.signoff.analysis.loudness;

/**
 * The K-weighting pre-filter of ITU-R BS.1770-4: a high-shelf (the head's acoustic effect, +4 dB
 * above ~1.5 kHz) followed by a 2nd-order high-pass (RLB, ~38 Hz). The recommendation tabulates
 * coefficients for 48 kHz only; like libebur128 we derive them for any rate from the analog
 * prototype parameters (shelf gain, centre frequency and Q; high-pass frequency and Q) through
 * the bilinear transform with frequency pre-warping, which reproduces the 48 kHz table to 1e-8.
 *
 * <p>One instance filters one channel; {@link #process} runs in place on a double buffer.
 */
public final class KWeighting {
    // Analog parameters of the BS.1770 stage-1 shelf and stage-2 high-pass (as derived in libebur128).
    private static final double SHELF_F0 = 1681.974450955533;
    private static final double SHELF_G_DB = 3.999843853973347;
    private static final double SHELF_Q = 0.7071752369554196;
    private static final double HP_F0 = 38.13547087602444;
    private static final double HP_Q = 0.5003270373238773;

    private final double b0, b1, b2, a1, a2;   // shelf
    private final double c0, c1, c2, d1, d2;   // high-pass
    private double s1, s2, h1, h2;            // transposed direct form II state
    private final double sampleRate;

    public KWeighting(double sampleRate) {
        this.sampleRate = sampleRate;
        double k = Math.tan(Math.PI * SHELF_F0 / sampleRate);
        double vh = Math.pow(10.0, SHELF_G_DB / 20.0);
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1.0 + k / SHELF_Q + k * k;
        b0 = (vh + vb * k / SHELF_Q + k * k) / a0;
        b1 = 2.0 * (k * k - vh) / a0;
        b2 = (vh - vb * k / SHELF_Q + k * k) / a0;
        a1 = 2.0 * (k * k - 1.0) / a0;
        a2 = (1.0 - k / SHELF_Q + k * k) / a0;

        double kh = Math.tan(Math.PI * HP_F0 / sampleRate);
        double ah = 1.0 + kh / HP_Q + kh * kh;
        c0 = 1.0;
        c1 = -2.0;
        c2 = 1.0;
        d1 = 2.0 * (kh * kh - 1.0) / ah;
        d2 = (1.0 - kh / HP_Q + kh * kh) / ah;
    }

    /** Filters {@code n} samples of {@code in} into {@code out} (may be the same array). */
    public void process(float[] in, double[] out, int n) {
        double z1 = s1, z2 = s2, y1 = h1, y2 = h2;
        for (int i = 0; i < n; i++) {
            double x = in[i];
            double u = b0 * x + z1;
            z1 = b1 * x - a1 * u + z2;
            z2 = b2 * x - a2 * u;
            double v = c0 * u + y1;
            y1 = c1 * u - d1 * v + y2;
            y2 = c2 * u - d2 * v;
            out[i] = v;
        }
        s1 = z1; s2 = z2; h1 = y1; h2 = y2;
    }

    /** Squares-sum variant for metering: returns the sum of squares of the filtered samples. */
    public double sumOfSquares(float[] in, int from, int n) {
        double z1 = s1, z2 = s2, y1 = h1, y2 = h2, sum = 0;
        for (int i = from, end = from + n; i < end; i++) {
            double x = in[i];
            double u = b0 * x + z1;
            z1 = b1 * x - a1 * u + z2;
            z2 = b2 * x - a2 * u;
            double v = u + y1;
            y1 = -2.0 * u - d1 * v + y2;
            y2 = u - d2 * v;
            sum += v * v;
        }
        s1 = z1; s2 = z2; h1 = y1; h2 = y2;
        return sum;
    }

    /**
     * {@link #sumOfSquares} of two channels in one loop: their recursions are independent, so the
     * CPU overlaps them (a biquad's feedback chain otherwise leaves it waiting). Same arithmetic in
     * the same order per channel, so the sums are bit for bit those of two separate calls.
     *
     * @param sums receives the two sums of squares
     */
    public static void sumOfSquares(KWeighting a, float[] x, KWeighting b, float[] y, int from, int n, double[] sums) {
        double xz1 = a.s1, xz2 = a.s2, xy1 = a.h1, xy2 = a.h2, xs = 0;
        double yz1 = b.s1, yz2 = b.s2, yy1 = b.h1, yy2 = b.h2, ys = 0;
        // The coefficients depend only on the rate, which both filters share.
        double b0 = a.b0, b1 = a.b1, b2 = a.b2, a1 = a.a1, a2 = a.a2, d1 = a.d1, d2 = a.d2;
        for (int i = from, end = from + n; i < end; i++) {
            double vx = x[i], vy = y[i];
            double ux = b0 * vx + xz1, uy = b0 * vy + yz1;
            xz1 = b1 * vx - a1 * ux + xz2;
            yz1 = b1 * vy - a1 * uy + yz2;
            xz2 = b2 * vx - a2 * ux;
            yz2 = b2 * vy - a2 * uy;
            double wx = ux + xy1, wy = uy + yy1;
            xy1 = -2.0 * ux - d1 * wx + xy2;
            yy1 = -2.0 * uy - d1 * wy + yy2;
            xy2 = ux - d2 * wx;
            yy2 = uy - d2 * wy;
            xs += wx * wx;
            ys += wy * wy;
        }
        a.s1 = xz1; a.s2 = xz2; a.h1 = xy1; a.h2 = xy2;
        b.s1 = yz1; b.s2 = yz2; b.h1 = yy1; b.h2 = yy2;
        sums[0] = xs;
        sums[1] = ys;
    }

    /**
     * Power gain |H(f)|^2 of the whole K-weighting at {@code hz}, for weighting spectra the way
     * the time-domain filter weights samples (the stereo balance is measured from spectra).
     */
    public double powerGainAt(double hz) {
        double w = 2 * Math.PI * hz / sampleRate;
        return biquadPowerGain(b0, b1, b2, a1, a2, w) * biquadPowerGain(c0, c1, c2, d1, d2, w);
    }

    private static double biquadPowerGain(double b0, double b1, double b2, double a1, double a2, double w) {
        double c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
        double nr = b0 + b1 * c1 + b2 * c2, ni = -(b1 * s1 + b2 * s2);
        double dr = 1 + a1 * c1 + a2 * c2, di = -(a1 * s1 + a2 * s2);
        return (nr * nr + ni * ni) / (dr * dr + di * di);
    }
}
