package dev.signoff.analysis.spectrum;

import java.util.ArrayList;
import java.util.List;

/**
 * The 1/3-octave bands of IEC 61260-1 (base-10 exact centres 10^(n/10) kHz, labelled with their
 * nominal values), 20 Hz to 20 kHz, and the mapping of FFT bins onto them. A bin's power is split
 * between the bands its width overlaps, so narrow low bands still get their share when a bin is
 * wider than the band.
 */
public final class ThirdOctaveBands {
    private static final double[] NOMINAL = {20, 25, 31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500,
            630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000, 20000};

    private final double[] nominal, lo, hi;
    // Band b takes weight[b][j] of the power of bin firstBin[b] + j: the share of the bin's width
    // that it overlaps. A bin wider than a low band (20 Hz band: 4.6 Hz; bins at 8 kHz: 7.8 Hz)
    // falls in up to three bands.
    private final int[] firstBin;
    private final float[][] weight;

    public ThirdOctaveBands(double sampleRate, int fftSize) {
        List<double[]> bands = new ArrayList<>();
        for (int i = 0; i < NOMINAL.length; i++) {
            double exact = 1000 * Math.pow(10, (i - 17) / 10.0);
            double l = exact * Math.pow(10, -0.05), h = exact * Math.pow(10, 0.05);
            if (h <= sampleRate / 2) bands.add(new double[]{NOMINAL[i], l, h});
        }
        nominal = new double[bands.size()];
        lo = new double[bands.size()];
        hi = new double[bands.size()];
        for (int b = 0; b < bands.size(); b++) {
            nominal[b] = bands.get(b)[0];
            lo[b] = bands.get(b)[1];
            hi[b] = bands.get(b)[2];
        }
        int bins = fftSize / 2;
        double df = sampleRate / fftSize;
        firstBin = new int[nominal.length];
        weight = new float[nominal.length][];
        for (int b = 0; b < nominal.length; b++) {
            // Bins k = 1 .. N/2-1 whose width [k - 1/2, k + 1/2] overlaps the band: a contiguous run.
            int from = Math.max(1, (int) Math.floor(lo[b] / df - 0.5)), to = Math.min(bins - 1, (int) Math.ceil(hi[b] / df + 0.5));
            float[] w = new float[Math.max(0, to - from + 1)];
            int first = -1, last = -1;
            for (int k = from; k <= to; k++) {
                double f0 = (k - 0.5) * df, f1 = (k + 0.5) * df;
                double overlap = Math.min(f1, hi[b]) - Math.max(f0, lo[b]);
                if (overlap <= 0) continue;
                if (first < 0) first = k;
                last = k;
                w[k - from] = (float) (overlap / df);
            }
            firstBin[b] = Math.max(first, 1);
            weight[b] = first < 0 ? new float[0] : java.util.Arrays.copyOfRange(w, first - from, last - from + 1);
        }
    }

    public int count() { return nominal.length; }

    public double nominal(int b) { return nominal[b]; }

    public double lo(int b) { return lo[b]; }

    public double hi(int b) { return hi[b]; }

    /** Sets {@code bandPower[b]} to the power of band b from the bin powers {@code power[k]} (k = 1 .. N/2-1). */
    public void bandPowers(float[] power, double[] bandPower) {
        for (int b = 0; b < weight.length; b++) {
            float[] w = weight[b];
            double sum = 0;
            for (int j = 0, k = firstBin[b]; j < w.length; j++, k++) sum += w[j] * power[k];
            bandPower[b] = sum;
        }
    }
}
