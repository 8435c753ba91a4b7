package dev.signoff.analysis.devices;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A magnitude response in dB against frequency, points in rising frequency. Between points it is
 * interpolated linearly in dB on a log-frequency axis; outside them it holds the end values.
 * Immutable: every operation returns a new curve.
 *
 * @param hz frequencies in Hz, strictly rising
 * @param db levels in dB, one per frequency
 */
record ResponseCurve(double[] hz, double[] db) {

    /** Points per octave of the grid that {@link #smoothed} and {@link #onLogGrid} produce. */
    public static final int GRID_PER_OCTAVE = 48;

    public ResponseCurve {
        if (hz.length != db.length || hz.length < 2) throw new IllegalArgumentException("need at least two points, as many levels as frequencies");
        for (int i = 1; i < hz.length; i++) {
            if (!(hz[i] > hz[i - 1])) throw new IllegalArgumentException("frequencies must rise: " + hz[i - 1] + ", " + hz[i]);
        }
        if (hz[0] <= 0) throw new IllegalArgumentException("frequencies must be positive");
        hz = hz.clone();
        db = db.clone();
    }

    /** Reads a {@code freq_hz,db} CSV from the class path (the device data under {@code dev/signoff/devices/}). */
    public static ResponseCurve resource(String name) {
        String path = "/dev/signoff/devices/" + name;
        try (InputStream in = ResponseCurve.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing device data " + path);
            return parseCsv(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseCurve parseCsv(InputStream in, String name) throws IOException {
        List<double[]> rows = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            line = line.trim();
            if (line.isEmpty() || (n == 1 && !Character.isDigit(line.charAt(0)))) continue;
            String[] parts = line.split(",");
            if (parts.length < 2) throw new IOException(name + ": line " + n + " is not freq_hz,db");
            try {
                rows.add(new double[]{Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())});
            } catch (NumberFormatException e) {
                throw new IOException(name + ": line " + n + " is not numeric", e);
            }
        }
        double[] f = new double[rows.size()], d = new double[rows.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = rows.get(i)[0];
            d[i] = rows.get(i)[1];
        }
        return new ResponseCurve(f, d);
    }

    /** Level at {@code f} Hz: log-frequency linear interpolation, end values held outside. */
    public double at(double f) {
        if (f <= hz[0]) return db[0];
        int last = hz.length - 1;
        if (f >= hz[last]) return db[last];
        int i = Arrays.binarySearch(hz, f);
        if (i >= 0) return db[i];
        int hi = -i - 1, lo = hi - 1;
        double t = Math.log(f / hz[lo]) / Math.log(hz[hi] / hz[lo]);
        return db[lo] + t * (db[hi] - db[lo]);
    }

    public double minHz() { return hz[0]; }

    public double maxHz() { return hz[hz.length - 1]; }

    /** This curve minus {@code other}, on this curve's frequencies. */
    public ResponseCurve minus(ResponseCurve other) {
        double[] d = new double[hz.length];
        for (int i = 0; i < d.length; i++) d[i] = db[i] - other.at(hz[i]);
        return new ResponseCurve(hz, d);
    }

    /** This curve plus {@code dbAt(f)} at each point. */
    public ResponseCurve plus(java.util.function.DoubleUnaryOperator dbAt) {
        double[] d = new double[hz.length];
        for (int i = 0; i < d.length; i++) d[i] = db[i] + dbAt.applyAsDouble(hz[i]);
        return new ResponseCurve(hz, d);
    }

    /** Shifted so that its mean level (in dB, over log frequency) between {@code loHz} and {@code hiHz} is 0 dB. */
    public ResponseCurve normalised(double loHz, double hiHz) {
        double mean = meanDb(loHz, hiHz);
        double[] d = new double[hz.length];
        for (int i = 0; i < d.length; i++) d[i] = db[i] - mean;
        return new ResponseCurve(hz, d);
    }

    /** Mean level in dB between two frequencies, sampled evenly on a log-frequency axis. */
    public double meanDb(double loHz, double hiHz) {
        int n = 200;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += at(loHz * Math.pow(hiHz / loHz, (i + 0.5) / n));
        return sum / n;
    }

    /** Resampled onto a log grid of {@link #GRID_PER_OCTAVE} points an octave spanning this curve. */
    public ResponseCurve onLogGrid() {
        int n = (int) Math.floor(Math.log(maxHz() / minHz()) / Math.log(2) * GRID_PER_OCTAVE) + 1;
        double[] f = new double[n], d = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = minHz() * Math.pow(2, i / (double) GRID_PER_OCTAVE);
            d[i] = at(f[i]);
        }
        return new ResponseCurve(f, d);
    }

    /**
     * Fractional-octave smoothing: each point of a log grid becomes the mean level (dB) over a
     * window {@code octaves} wide centred on it (in log frequency). The width is
     * {@code baseOctaves} up to {@code wideFromHz}, then grows in proportion to log frequency to
     * {@code wideOctaves} at {@code wideAtHz} and beyond, so that less-trusted high-frequency
     * detail is smoothed harder. Near the ends the window is clipped to the data.
     */
    public ResponseCurve smoothed(double baseOctaves, double wideFromHz, double wideAtHz, double wideOctaves) {
        ResponseCurve g = onLogGrid();
        int n = g.hz.length;
        double[] out = new double[n];
        // Prefix sums for O(1) window means.
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) prefix[i + 1] = prefix[i] + g.db[i];
        for (int i = 0; i < n; i++) {
            double f = g.hz[i];
            double w;
            if (f <= wideFromHz) {
                w = baseOctaves;
            } else if (f >= wideAtHz) {
                w = wideOctaves;
            } else {
                double t = Math.log(f / wideFromHz) / Math.log(wideAtHz / wideFromHz);
                w = baseOctaves + t * (wideOctaves - baseOctaves);
            }
            int half = (int) Math.round(w * GRID_PER_OCTAVE / 2);
            int lo = Math.max(0, i - half), hi = Math.min(n - 1, i + half);
            out[i] = (prefix[hi + 1] - prefix[lo]) / (hi - lo + 1);
        }
        return new ResponseCurve(g.hz, out);
    }

    /** Fixed-width fractional-octave smoothing (see {@link #smoothed(double, double, double, double)}). */
    public ResponseCurve smoothed(double octaves) {
        return smoothed(octaves, Double.MAX_VALUE, Double.MAX_VALUE, octaves);
    }

    /** Levels below {@code floorDb} raised to it. */
    public ResponseCurve floored(double floorDb) {
        double[] d = new double[hz.length];
        for (int i = 0; i < d.length; i++) d[i] = Math.max(floorDb, db[i]);
        return new ResponseCurve(hz, d);
    }

    /** Frequency of the first point (from low to high) where the curve reaches {@code levelDb}, or NaN. */
    public double firstHzAtOrAbove(double levelDb) {
        for (int i = 0; i < hz.length; i++) if (db[i] >= levelDb) return hz[i];
        return Double.NaN;
    }

    @Override
    public double[] hz() { return hz.clone(); }

    @Override
    public double[] db() { return db.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResponseCurve c && Arrays.equals(hz, c.hz) && Arrays.equals(db, c.db);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(hz) + Arrays.hashCode(db); }

    @Override
    public String toString() { return "ResponseCurve[" + hz.length + " points, " + minHz() + "-" + maxHz() + " Hz]"; }
}
