package dev.signoff.analysis.devices;

/**
 * Streaming look-ahead peak limiter with one gain for all channels. For each sample the gain that
 * would keep it at the ceiling is computed; the running minimum of that over the look-ahead
 * window, given an exponential release, is averaged over the same window and applied to the
 * signal delayed by the look-ahead. Every gain averaged for a sample is at most the gain that
 * sample needs, so the output never exceeds the ceiling (no overshoot), and gain changes are
 * ramps at least one look-ahead long (no clicks). Latency: {@link #latency()} samples.
 */
public final class PeakLimiter {
    private final int channels, window;     // window = look-ahead + 1 samples
    private final double drive, ceiling, release;
    private final double[][] delay;         // ring of the last `window` input samples per channel
    private final double[] minValue;         // monotonic deque (ring) for the sliding minimum
    private final long[] minIndex;
    private int head, size;
    private final double[] gains;            // ring of the last `window` released gains
    private double gainSum;
    private double released = 1;
    private long n;
    private int slot;                        // n % window

    public PeakLimiter(int channels, int sampleRate, LimiterSettings s) {
        this.channels = channels;
        int lookAhead = Math.max(1, (int) Math.round(s.lookAheadMs() * 1e-3 * sampleRate));
        this.window = lookAhead + 1;
        this.drive = Math.pow(10, s.driveDb() / 20);
        this.ceiling = Math.pow(10, s.ceilingDb() / 20) * (1 - 1e-6);
        this.release = Math.exp(-1 / (s.releaseMs() * 1e-3 * sampleRate));
        delay = new double[channels][window];
        minValue = new double[window];
        minIndex = new long[window];
        gains = new double[window];
        java.util.Arrays.fill(gains, 1);
        gainSum = window;
    }

    public int latency() { return window - 1; }

    /** Limits {@code frames} samples of each channel of {@code x} in place (output delayed by {@link #latency()}). */
    public void process(double[][] x, int frames) {
        process(x, frames, null);
    }

    /**
     * Like {@link #process(double[][], int)}, and when {@code gains} is not null also writes there the
     * gain (after the drive) applied to each output sample.
     */
    public void process(double[][] x, int frames, double[] gains) {
        for (int i = 0; i < frames; i++, n++) {
            int slot = this.slot;
            // Comparisons rather than Math.max and Math.min, which C1 calls: the same values (no NaN
            // reaches here; the signs of zeros cannot change a result).
            double peak = 0;
            for (int c = 0; c < channels; c++) {
                double v = x[c][i] * drive, a = v < 0 ? -v : v;
                if (a > peak) peak = a;
            }
            double need = peak > ceiling ? ceiling / peak : 1;
            // Sliding minimum of `need` over the last `window` samples. The entry leaving the window
            // goes first, so a need rising at every sample (a long decay over the ceiling) still fits.
            if (size > 0 && minIndex[head] <= n - window) {
                if (++head == window) head = 0;
                size--;
            }
            while (size > 0) {
                int last = head + size - 1;
                if (last >= window) last -= window;
                if (minValue[last] < need) break;
                size--;
            }
            int tailSlot = head + size;
            if (tailSlot >= window) tailSlot -= window;
            minValue[tailSlot] = need;
            minIndex[tailSlot] = n;
            size++;
            double m = minValue[head];
            double decayed = 1 - (1 - released) * release;
            released = m < decayed ? m : decayed;
            gainSum += released - this.gains[slot];
            this.gains[slot] = released;
            if ((n & 0xFFFF) == 0) {                 // keep the running sum exact
                gainSum = 0;
                for (double g : this.gains) gainSum += g;
            }
            double g = gainSum / window;
            if (gains != null) gains[i] = g;
            // Output the sample that entered `window - 1` samples ago (the oldest in the ring).
            int oldestSlot = slot + 1 == window ? 0 : slot + 1;
            for (int c = 0; c < channels; c++) {
                double oldest = delay[c][oldestSlot];
                delay[c][slot] = x[c][i] * drive;
                double y = oldest * g;
                x[c][i] = y > ceiling ? ceiling : y < -ceiling ? -ceiling : y;   // guard against rounding only
            }
            this.slot = slot + 1 == window ? 0 : slot + 1;
        }
    }
}
