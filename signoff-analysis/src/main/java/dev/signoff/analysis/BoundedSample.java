package dev.signoff.analysis;

import java.util.Arrays;

/**
 * Values whose distribution is wanted (a median, a percentile), kept in bounded memory whatever
 * the file's length: every value until {@code capacity} are held, then every second one of those
 * is dropped and from there on only every second new value is kept, then every fourth, and so on.
 * What is left is a systematic sample spread evenly over the whole file, so its median or
 * percentile estimates the whole file's; below the capacity (about an hour of drum hits) it is
 * exact.
 */
public final class BoundedSample {
    private final double[] values;
    private int size;
    private long seen;
    private int stride = 1;

    public BoundedSample(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) throw new IllegalArgumentException("capacity must be even and at least 2");
        values = new double[capacity];
    }

    public void add(double v) {
        if (seen++ % stride != 0) return;
        if (size == values.length) {
            for (int i = 0; i < size / 2; i++) values[i] = values[2 * i];
            size /= 2;
            stride *= 2;
            if ((seen - 1) % stride != 0) return;
        }
        values[size++] = v;
    }

    /** Values offered so far (kept or not). */
    public long seen() { return seen; }

    /** Values kept: at most the capacity. */
    public int size() { return size; }

    /** A sorted copy of the kept values. */
    public double[] sorted() {
        double[] s = Arrays.copyOf(values, size);
        Arrays.sort(s);
        return s;
    }
}
