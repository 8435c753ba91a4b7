package dev.signoff.analysis.devices;

/**
 * A consumer playback device as Signoff simulates it: a magnitude response relative to a neutral
 * reference (0 dB across the device's midrange passband), mono or stereo, and optionally the
 * protective limiter its DSP runs at full volume. Phase, distortion, the room and level-dependent
 * EQ are not modelled (see docs/devices.md).
 *
 * @param id          short name for the command line, e.g. {@code phone}
 * @param name        human name, e.g. "Phone speaker"
 * @param description what the model stands for and how its curve was made
 * @param source      where the curve comes from and who measured it
 * @param mono        true when the device plays one channel: all channels are averaged first
 * @param limiter     the device's protective limiter, or null when it has none
 * @param response    the smoothed target magnitude response, dB relative to the passband
 */
public record DeviceModel(String id, String name, String description, String source, boolean mono,
                          LimiterSettings limiter, ResponseCurve response) {

    public DeviceModel {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) throw new IllegalArgumentException("bad device id: " + id);
        if (response == null) throw new IllegalArgumentException("response is required");
    }

    public boolean hasLimiter() { return limiter != null; }

    /** The same device without its limiter (pure filter, e.g. to measure the response). */
    public DeviceModel withoutLimiter() {
        return new DeviceModel(id, name, description, source, mono, null, response);
    }

    /**
     * Gain that keeps a render of a full-scale mix from clipping where the device boosts (the car's
     * bass, some earbuds' low end): minus the curve's highest level when that is above 0 dB, for
     * devices without a limiter (a limiter holds its own ceiling); otherwise 0 dB.
     */
    public double headroomTrimDb() {
        if (hasLimiter()) return 0;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : response.db()) max = Math.max(max, v);
        return max > 0 ? -max : 0;
    }

    /** Designs the device's FIR for a sample rate (about 0.3 s of taps; takes a few milliseconds). */
    public DeviceFilter filter(int sampleRate) {
        return DeviceFilter.design(response, sampleRate);
    }

    /**
     * Lowest and highest frequency, within {@code loHz}..{@code hiHz}, of the span where the
     * response stays above {@code belowPassbandDb} (e.g. -20): the device's usable band.
     */
    public double[] usableBand(double belowPassbandDb, double loHz, double hiHz) {
        double[] f = response.hz(), d = response.db();
        double lo = Double.NaN, hi = Double.NaN;
        for (int i = 0; i < f.length; i++) {
            if (f[i] < loHz || f[i] > hiHz || d[i] < belowPassbandDb) continue;
            if (Double.isNaN(lo)) lo = f[i];
            hi = f[i];
        }
        return new double[]{Double.isNaN(lo) ? loHz : lo, Double.isNaN(hi) ? hiHz : hi};
    }
}
