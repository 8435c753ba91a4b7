package dev.signoff.analysis;

import java.util.Arrays;

/** A growable array of doubles without boxing, for per-100-ms summaries. */
public final class DoubleSeries {
    private double[] values = new double[256];
    private int size;

    public void add(double v) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = v;
    }

    public int size() { return size; }

    public double get(int i) { return values[i]; }

    public double[] toArray() { return Arrays.copyOf(values, size); }
}
