package dev.signoff.analysis.devices;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * A linear-phase FIR filter fitted to a device's smoothed magnitude curve by frequency sampling:
 * the curve (dB, log-frequency interpolation, clamped to {@link #FLOOR_DB}) is sampled on a fine
 * FFT grid with zero phase, inverse-transformed, centred, cut to {@link #taps()} taps and shaped
 * with a Kaiser window. Its delay is exactly {@code (taps - 1) / 2} samples.
 */
final class DeviceFilter {
    /** Lowest gain the fit aims for, relative to the device's passband. */
    public static final double FLOOR_DB = -60;
    /** Kaiser window shape: low leakage, so deep roll-offs stay deep. */
    public static final double KAISER_BETA = 6;

    private final int sampleRate;
    private final double[] taps;

    private DeviceFilter(int sampleRate, double[] taps) {
        this.sampleRate = sampleRate;
        this.taps = taps;
    }

    /** Tap count for a sample rate: about 0.25-0.34 s (odd, 2^k - 1), so that 50 Hz roll-offs are resolved. */
    public static int tapsFor(int sampleRate) {
        int n = Integer.highestOneBit((int) Math.ceil(0.25 * sampleRate));
        if (n < 0.25 * sampleRate) n <<= 1;
        return Math.max(255, n - 1);
    }

    /** Designs the filter for {@code curve} (dB relative to the passband) at {@code sampleRate}. */
    public static DeviceFilter design(ResponseCurve curve, int sampleRate) {
        return design(curve, sampleRate, tapsFor(sampleRate));
    }

    public static DeviceFilter design(ResponseCurve curve, int sampleRate, int taps) {
        if (taps % 2 == 0 || taps < 3) throw new IllegalArgumentException("taps must be odd and at least 3");
        int m = Integer.highestOneBit(taps) << 3;   // design grid: 8x the filter length keeps time aliasing negligible
        double[] a = new double[m];
        for (int k = 0; k <= m / 2; k++) {
            double f = k * (double) sampleRate / m;
            double g = Math.pow(10, Math.max(FLOOR_DB, curve.at(Math.max(f, 1e-3))) / 20);
            if (k == 0) a[0] = g;
            else if (k == m / 2) a[1] = g;
            else a[2 * k] = g;                      // zero phase: imaginary parts stay 0
        }
        new DoubleFFT_1D(m).realInverse(a, true);
        int centre = (taps - 1) / 2;
        double[] h = new double[taps];
        double i0Beta = besselI0(KAISER_BETA);
        for (int j = 0; j < taps; j++) {
            int n = j - centre;
            double x = a[Math.floorMod(n, m)];
            double r = n / (double) centre;
            double w = besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta;
            h[j] = x * w;
        }
        return new DeviceFilter(sampleRate, h);
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return sum;
    }

    public int sampleRate() { return sampleRate; }

    public int taps() { return taps.length; }

    /** Group delay in samples (linear phase). */
    public int delay() { return (taps.length - 1) / 2; }

    public double[] coefficients() { return taps.clone(); }

    double[] coefficientsUnsafe() { return taps; }

    /** The filter's actual magnitude response at {@code f} Hz, in dB (direct evaluation, for checks). */
    public double responseDb(double f) {
        double w = 2 * Math.PI * f / sampleRate;
        int c = delay();
        double re = taps[c];
        for (int j = 1; j <= c; j++) re += 2 * taps[c + j] * Math.cos(w * j);   // symmetric taps
        return 20 * Math.log10(Math.abs(re) + 1e-30);
    }
}
