package dev.signoff.analysis.quiet;

import org.jtransforms.fft.FloatFFT_1D;

import java.util.ArrayList;
import java.util.List;

/**
 * The broadband noise floor of one channel's 100 ms block, and how far its spectrum stands above
 * that floor (1 for pure noise, far above 1 when tones stand out: a flatness measure).
 *
 * <p>Method: a Hann-windowed FFT of the block; the median bin power of each octave band from
 * {@value #FLOOR_FROM_HZ} Hz up (found by selection, not sorting), divided by ln 2. A noise bin's
 * power is exponentially distributed, so its median is ln 2 times its mean, and a few strong
 * tonal bins do not move the median: the minimum-statistics idea of Martin 2001 ("Noise power
 * spectral density estimation based on optimal smoothing and minimum statistics", IEEE Trans.
 * Speech and Audio Processing 9(5)), applied across frequency instead of time. The floor is
 * extrapolated flat below {@value #FLOOR_FROM_HZ} Hz, where mains hum and bass would bias it, and
 * reported as the full-band mean square of the noise.
 */
final class NoiseFloor {
    // Parameters. Input: one channel's 100 ms block. Output: floor() and ratio(). docs/findings.md,
    // "Quiet passages", cites them.
    /**
     * Hz. The floor is read from here up and extrapolated flat below: mains hum (50-240 Hz with
     * harmonics) and bass sit under it. Chosen for this finder (docs/findings.md, "Quiet passages").
     */
    static final double FLOOR_FROM_HZ = 300.0;
    /** Bins. An octave band that would leave the last band fewer bins than this is merged into it, for a stable median (chosen here). */
    private static final int MIN_LAST_BAND_BINS = 8;
    /** The median of an exponential distribution over its mean (a noise bin's power; Martin 2001, above). */
    private static final double LN2 = Math.log(2);

    private final int fftSize;
    // Single precision, like the other spectral analysers: they share one set of compiled FFT code.
    private final FloatFFT_1D fft;
    private final float[] fftBuf;
    private final double[] hann, binPower, selectBuf;
    private final double powerScale;
    private final int[] bandEdges;   // bin indices; band b is [edges[b], edges[b+1])
    private double floor, ratio;

    /** FFT size: the largest power of two within a 100 ms block. */
    NoiseFloor(int sampleRate) {
        fftSize = Integer.highestOneBit(sampleRate / 10);
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        fft = new FloatFFT_1D(fftSize);
        hann = new double[fftSize];
        double w2 = 0;
        for (int i = 0; i < fftSize; i++) {
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / fftSize);
            w2 += hann[i] * hann[i];
        }
        powerScale = 2.0 / (fftSize * w2);
        fftBuf = new float[fftSize];
        binPower = new double[fftSize / 2 + 1];
        selectBuf = new double[fftSize / 2 + 1];
        bandEdges = octaveBands(sampleRate, fftSize);
    }

    /** Octave bands from FLOOR_FROM_HZ to Nyquist, the last one taking the remainder. */
    private static int[] octaveBands(int sampleRate, int n) {
        double df = sampleRate / (double) n;
        int nyquistBin = n / 2;
        List<Integer> edges = new ArrayList<>();
        int lo = Math.max(1, (int) Math.ceil(FLOOR_FROM_HZ / df));
        edges.add(lo);
        double f = FLOOR_FROM_HZ * 2;
        while (true) {
            int e = (int) Math.ceil(f / df);
            if (e >= nyquistBin - MIN_LAST_BAND_BINS) break;
            edges.add(e);
            f *= 2;
        }
        edges.add(nyquistBin + 1);
        return edges.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Measures the middle fftSize samples of x[0..len) (zero-padded when shorter); read {@link #floor()} and {@link #ratio()}. */
    void measure(float[] x, int len) {
        int off = Math.max(0, (len - fftSize) / 2);
        for (int i = 0; i < fftSize; i++) fftBuf[i] = i + off < len ? (float) (x[i + off] * hann[i]) : 0f;
        fft.realForward(fftBuf);
        int half = fftSize / 2;
        binPower[0] = fftBuf[0] * (double) fftBuf[0];
        binPower[half] = fftBuf[1] * (double) fftBuf[1];
        for (int b = 1; b < half; b++) binPower[b] = fftBuf[2 * b] * (double) fftBuf[2 * b] + fftBuf[2 * b + 1] * (double) fftBuf[2 * b + 1];
        double noise = 0, total = 0, firstBandPsd = 0;
        for (int band = 0; band + 1 < bandEdges.length; band++) {
            int from = bandEdges[band], to = bandEdges[band + 1], count = to - from;
            System.arraycopy(binPower, from, selectBuf, 0, count);
            double psd = median(selectBuf, count) / LN2;
            if (band == 0) firstBandPsd = psd;
            noise += psd * count;
            for (int b = from; b < to; b++) total += binPower[b];
        }
        ratio = noise > 0 ? total / noise : (total > 0 ? Double.POSITIVE_INFINITY : 1.0);
        double below = firstBandPsd * (bandEdges[0] - 1);
        floor = (noise + below) * powerScale;
    }

    /** The last block's full-band noise-floor mean square. */
    double floor() { return floor; }

    /** The last block's total power above FLOOR_FROM_HZ over the floor's there. */
    double ratio() { return ratio; }

    /** The median of a[0..n) (mean of the middle two for even n), reordering a: O(n) selection. */
    static double median(double[] a, int n) {
        int k = n / 2;
        double upper = select(a, n, k);
        if (n % 2 == 1) return upper;
        // select() leaves a[0..k) at most a[k]: the lower middle is their maximum.
        double lower = a[0];
        for (int i = 1; i < k; i++) lower = Math.max(lower, a[i]);
        return 0.5 * (lower + upper);
    }

    /** The k-th smallest of a[0..n) (Wirth's selection), leaving a[0..k) <= a[k] <= a[k+1..n). */
    private static double select(double[] a, int n, int k) {
        int l = 0, m = n - 1;
        while (l < m) {
            double x = a[k];
            int i = l, j = m;
            do {
                while (a[i] < x) i++;
                while (x < a[j]) j--;
                if (i <= j) {
                    double t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            } while (i <= j);
            if (j < k) l = i;
            if (k < i) m = j;
        }
        return a[k];
    }
}
