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
    // For each bin k: shares shareStart[k] .. shareStart[k+1]-1 of (band, weight). A bin wider
    // than a low band (20 Hz band: 4.6 Hz; bins at 8 kHz: 7.8 Hz) can overlap three bands.
    private final int[] shareStart, shareBand;
    private final float[] shareWeight;

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
        shareStart = new int[bins + 1];
        List<Integer> bandOf = new ArrayList<>();
        List<Float> weightOf = new ArrayList<>();
        for (int k = 0; k < bins; k++) {
            shareStart[k] = bandOf.size();
            double f0 = (k - 0.5) * df, f1 = (k + 0.5) * df;
            for (int b = 0; b < nominal.length; b++) {
                double overlap = Math.min(f1, hi[b]) - Math.max(f0, lo[b]);
                if (overlap <= 0) continue;
                bandOf.add(b);
                weightOf.add((float) (overlap / df));
            }
        }
        shareStart[bins] = bandOf.size();
        shareBand = new int[bandOf.size()];
        shareWeight = new float[bandOf.size()];
        for (int i = 0; i < shareBand.length; i++) {
            shareBand[i] = bandOf.get(i);
            shareWeight[i] = weightOf.get(i);
        }
    }

    public int count() { return nominal.length; }

    public double nominal(int b) { return nominal[b]; }

    public double lo(int b) { return lo[b]; }

    public double hi(int b) { return hi[b]; }

    /** Adds bin powers {@code power[k]} (k = 1 .. N/2-1) into {@code bandPower}. */
    public void accumulate(float[] power, double[] bandPower) {
        for (int k = 1, n = shareStart.length - 1; k < n; k++) {
            for (int i = shareStart[k], end = shareStart[k + 1]; i < end; i++) {
                bandPower[shareBand[i]] += shareWeight[i] * power[k];
            }
        }
    }
}
