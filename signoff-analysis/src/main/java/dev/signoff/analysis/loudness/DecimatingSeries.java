package dev.signoff.analysis.loudness;

import java.util.Arrays;

/**
 * A series of powers (mean squares) at a regular step, kept at most {@code capacity} points long
 * whatever the file's length: when it is full, neighbouring points are merged (their mean, the
 * power of the longer stretch) and the step doubles; later values are averaged in groups of the
 * new step before they are stored. Up to the capacity the series is exactly what was added.
 */
final class DecimatingSeries {
    private final double[] values;
    private final double baseStepS;
    private int size;
    private int stride = 1;
    private double pending;
    private int pendingCount;

    /** @param capacity even; @param baseStepS the step of the values as they are added */
    public DecimatingSeries(int capacity, double baseStepS) {
        if (capacity < 2 || capacity % 2 != 0) throw new IllegalArgumentException("capacity must be even and at least 2");
        this.values = new double[capacity];
        this.baseStepS = baseStepS;
    }

    public void add(double power) {
        pending += power;
        if (++pendingCount < stride) return;
        if (size == values.length) {
            for (int i = 0; i < size / 2; i++) values[i] = 0.5 * (values[2 * i] + values[2 * i + 1]);
            size /= 2;
            stride *= 2;
            if (pendingCount < stride) return;   // the group just closed is half of a new-size point
        }
        values[size++] = pending / pendingCount;
        pending = 0;
        pendingCount = 0;
    }

    /** The points, a trailing incomplete group left out. */
    public double[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** Seconds between points: the base step times the values each point stands for. */
    public double stepS() {
        return baseStepS * stride;
    }

    public int size() { return size; }

    public int capacity() { return values.length; }
}
