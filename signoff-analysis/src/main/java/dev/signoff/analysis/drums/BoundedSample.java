package dev.signoff.analysis.drums;

import java.util.Arrays;

/**
 * Values whose distribution is wanted (a median, a percentile), kept in bounded memory whatever
 * the file's length: every value until {@code capacity} are held; then one of each pair of them,
 * and from there on one of every two new values, then one of every four, and so on. The one kept
 * is drawn at random within its group (seeded, so a file always reads the same): a stratified
 * sample spread evenly over the whole file, whose median or percentile estimates the whole
 * file's. Taking every second value instead would alias with music's regular patterns (a loud and
 * a soft kick in turn would keep only one of them). Below the capacity the sample is exact.
 */
final class BoundedSample {
    private final double[] values;
    private final java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    private int size;
    private long seen;
    private int stride = 1;
    private int pick;

    public BoundedSample(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) throw new IllegalArgumentException("capacity must be even and at least 2");
        values = new double[capacity];
    }

    public void add(double v) {
        long index = seen++;
        if (index == (long) values.length * stride) {
            // Full, with every group complete: keep one of each pair, and groups twice as long from here.
            for (int i = 0; i < size / 2; i++) values[i] = values[2 * i + (random.nextBoolean() ? 1 : 0)];
            size /= 2;
            stride *= 2;
        }
        int pos = (int) (index % stride);
        if (pos == 0) pick = stride == 1 ? 0 : random.nextInt(stride);
        if (pos == pick) values[size++] = v;
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
