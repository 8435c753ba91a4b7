package dev.signoff.analysis.quiet;

import dev.signoff.analysis.SpillingSeries;

import java.util.ArrayDeque;

/**
 * Mains hum on 1 s windows: the power of the 50 and 60 Hz lines and their harmonics against the
 * spectrum beside them, and which family stands out over a stretch of time.
 *
 * <p>Hum needs finer frequency resolution than a 100 ms block gives (10 Hz), so it is measured on
 * {@value #WINDOW_S} s Hann windows with half a window's hop (1 Hz bins): each channel is
 * low-passed at {@value #DECIMATE_LP_HZ} Hz (4th-order Butterworth) and decimated to about
 * {@value #DECIMATED_HZ} Hz, then Goertzel filters read the power at each line, half a bin either
 * side (a line must peak on the mains frequency, which rejects a bass note at 49 Hz) and 3-4 Hz
 * either side (the local floor). Per window and line the loudest channel's three powers are kept:
 * 24 numbers per 0.5 s, in a {@link SpillingSeries} so that a long file costs no more heap.
 *
 * <p>Blocks that need no hum ({@code needed} false) are only counted; the windows they touch are
 * recorded as NaN and never count as hum. The low-pass starts from rest when it resumes.
 */
final class HumMeter {
    // Parameters. Input: the blocks the finder passes on. Output: the windows' line powers, and
    // hum(startS, endS). docs/findings.md, "Quiet passages" and "HUM", cites them.
    /** Hz: the two mains frequencies in use (IEC 60038). */
    private static final double[] MAINS_HZ = {50, 60};
    /** The fundamental and harmonics 2-4: the buzz small speakers play when the fundamental is lost. */
    private static final int HARMONICS = 4;
    /** Hz from each line: the line, half a bin either side (a line peaks on the mains frequency), 3 and 4 bins either side (the local floor, clear of the window's main lobe). */
    private static final double[] OFFSETS_HZ = {0, -0.5, 0.5, -3, -4, 3, 4};
    private static final int LINES = MAINS_HZ.length * HARMONICS;
    /** s: one window, 1 Hz bins (the finest resolution that still fits a 1 s stop). */
    static final double WINDOW_S = 1.0;
    /** Hz: the anti-alias low-pass before decimation, above the 4th harmonic of 60 Hz (240 Hz). */
    static final double DECIMATE_LP_HZ = 400.0;
    /** Hz: about the rate after decimation (an integer factor of the file's rate; 400 Hz stays far below its Nyquist). */
    static final int DECIMATED_HZ = 2000;
    /** Power ratio: a counted line is this far above its local floor (6 dB). Chosen on the synthesized hum (docs/findings.md, HUM). */
    private static final double LINE_OVER_FLOOR = 4.0;
    /** Power ratio: a family's lines together this far above their floors (10 dB), one line at least as far. Same source. */
    private static final double FAMILY_OVER_FLOOR = 10.0;
    /** Values kept per window: line power, larger half-bin neighbour, local floor, for each line. */
    private static final int PER_WINDOW = 3 * LINES;
    /** Full chunks of the window series kept in the heap: 4 x 4096 values, about 11 minutes. */
    private static final int MEMORY_CHUNKS = 4;

    private final int channels, decimation;
    private final double decimatedRate;
    private final Butterworth4[] lowPass;
    private boolean running;
    private final int length, hop;
    private final double[] window, goertzelCoeff;
    private final double windowSum;
    private final float[][] decimated;
    private long decimatedIndex, nextStart;
    private final ArrayDeque<Window> open = new ArrayDeque<>();
    private final SpillingSeries series;

    /** A series for the windows' powers that keeps about 11 minutes of them in the heap. */
    static SpillingSeries windowSeries() {
        return new SpillingSeries(MEMORY_CHUNKS);
    }

    /**
     * @param maxBlock the longest block that {@link #accept} will be given, in frames
     * @param windows  where the windows' powers go: {@link #windowSeries()} (one that spills soon, in tests)
     */
    HumMeter(int sampleRate, int channels, int maxBlock, SpillingSeries windows) {
        this.channels = channels;
        series = windows;
        decimation = Math.max(1, sampleRate / DECIMATED_HZ);
        decimatedRate = sampleRate / (double) decimation;
        lowPass = new Butterworth4[channels];
        for (int c = 0; c < channels; c++) lowPass[c] = new Butterworth4(sampleRate, DECIMATE_LP_HZ);
        length = 2 * (int) Math.round(decimatedRate * WINDOW_S / 2);
        hop = length / 2;
        window = new double[length];
        double ws = 0;
        for (int i = 0; i < length; i++) {
            window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / length);
            ws += window[i];
        }
        windowSum = ws;
        goertzelCoeff = new double[LINES * OFFSETS_HZ.length];
        for (int line = 0; line < LINES; line++) {
            double hz = MAINS_HZ[line / HARMONICS] * (line % HARMONICS + 1);
            for (int o = 0; o < OFFSETS_HZ.length; o++) {
                goertzelCoeff[line * OFFSETS_HZ.length + o] = 2 * Math.cos(2 * Math.PI * (hz + OFFSETS_HZ[o]) / decimatedRate);
            }
        }
        decimated = new float[channels][maxBlock / decimation + 2];
    }

    /**
     * Low-passes and decimates x[c][0..len), the frames from {@code firstFrame} on, feeding the open
     * windows; when not {@code needed}, only counts the decimated samples and marks the windows it
     * touches skipped.
     */
    void accept(float[][] x, int len, long firstFrame, boolean needed) {
        int produced;
        if (needed) {
            if (!running) {
                for (Butterworth4 lp : lowPass) lp.reset();
                running = true;
            }
            int first = (int) Math.floorMod(-firstFrame, (long) decimation);
            produced = 0;
            for (int c = 0; c < channels; c++) produced = lowPass[c].decimate(x[c], len, first, decimation, decimated[c]);
        } else {
            running = false;
            produced = (int) (Math.floorDiv(firstFrame + len - 1, (long) decimation) - Math.floorDiv(firstFrame - 1, (long) decimation));
            for (Window w : open) w.skipped = true;
        }
        for (int j = 0; j < produced; j++) {
            if (decimatedIndex == nextStart) {
                open.add(new Window(decimatedIndex, !needed));
                nextStart += hop;
            }
            if (needed) {
                for (Window w : open) if (!w.skipped) w.feed(decimated, j, (int) (decimatedIndex - w.start));
            }
            Window first = open.peekFirst();
            if (first != null && decimatedIndex - first.start == length - 1) {
                first.close();
                open.removeFirst();
            }
            decimatedIndex++;
        }
    }

    /**
     * {mains Hz, hum level dBFS} over the windows inside startS..endS (0.1 s of slack), or NaNs when
     * no family stands out. A stretch shorter than a window plus a hop may hold none whole: then the
     * best-covered window counts if it lies at least three quarters inside.
     */
    double[] hum(double startS, double endS) {
        long windows = series.size() / PER_WINDOW;
        double hopS = hop / decimatedRate, lengthS = length / decimatedRate;
        double[] line = new double[LINES], side = new double[LINES], floor = new double[LINES];
        int used = 0;
        long best = -1;
        double bestOverlap = 0;
        for (long w = 0; w < windows; w++) {
            double ws = w * hopS, we = ws + lengthS;
            double overlap = Math.min(we, endS) - Math.max(ws, startS);
            if (overlap > bestOverlap) { bestOverlap = overlap; best = w; }
            if (ws >= startS - 0.1 && we <= endS + 0.1) {
                addWindow(w, line, side, floor);
                used++;
            }
        }
        if (used == 0 && best >= 0 && bestOverlap >= 0.75 * lengthS) {
            addWindow(best, line, side, floor);
            used = 1;
        }
        double[] none = {Double.NaN, Double.NaN};
        if (used == 0) return none;
        double bestPower = 0, bestHz = Double.NaN;
        for (int f = 0; f < MAINS_HZ.length; f++) {
            double lines = 0, floors = 0;
            boolean strong = false;
            for (int h = 0; h < HARMONICS; h++) {
                int l = f * HARMONICS + h;
                floors += floor[l];
                // A line counts when it stands above its floor and peaks on the mains frequency itself.
                if (line[l] >= LINE_OVER_FLOOR * floor[l] && line[l] >= side[l] && line[l] > 0) {
                    lines += line[l] - floor[l];
                    if (line[l] >= FAMILY_OVER_FLOOR * floor[l]) strong = true;
                }
            }
            if (strong && lines >= FAMILY_OVER_FLOOR * floors && lines / used > bestPower) {
                bestPower = lines / used;
                bestHz = MAINS_HZ[f];
            }
        }
        if (Double.isNaN(bestHz)) return none;
        return new double[]{bestHz, 10 * Math.log10(bestPower)};
    }

    private void addWindow(long w, double[] line, double[] side, double[] floor) {
        long base = w * PER_WINDOW;
        for (int l = 0; l < LINES; l++) {
            line[l] += series.get(base + 3 * l);
            side[l] += series.get(base + 3 * l + 1);
            floor[l] += series.get(base + 3 * l + 2);
        }
    }

    /** Lets the window series' temporary file go. */
    void close() {
        series.close();
    }

    /** Windowed Goertzel filters for one window, every channel and frequency. */
    private final class Window {
        final long start;
        /** Some of its samples were skipped: its powers are recorded as NaN. */
        boolean skipped;
        double[][] s1, s2;

        Window(long start, boolean skipped) {
            this.start = start;
            this.skipped = skipped;
            if (!skipped) {
                s1 = new double[channels][goertzelCoeff.length];
                s2 = new double[channels][goertzelCoeff.length];
            }
        }

        void feed(float[][] x, int j, int i) {
            double w = window[i];
            for (int c = 0; c < channels; c++) {
                double v = x[c][j] * w;
                double[] a = s1[c], b = s2[c];
                for (int k = 0; k < goertzelCoeff.length; k++) {
                    double s0 = v + goertzelCoeff[k] * a[k] - b[k];
                    b[k] = a[k];
                    a[k] = s0;
                }
            }
        }

        void close() {
            if (skipped) {
                for (int i = 0; i < PER_WINDOW; i++) series.add(Double.NaN);
                return;
            }
            // 2 |X|^2 / (sum w)^2 reads a sine at the bin frequency as its mean square (A^2 / 2).
            double scale = 2.0 / (windowSum * windowSum);
            int m = OFFSETS_HZ.length;
            for (int line = 0; line < LINES; line++) {
                double bestLine = 0, bestSide = 0, bestFloor = 0, bestExcess = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < channels; c++) {
                    double[] p = new double[m];
                    for (int o = 0; o < m; o++) {
                        int k = line * m + o;
                        double a = s1[c][k], b = s2[c][k];
                        p[o] = Math.max(0, a * a + b * b - goertzelCoeff[k] * a * b) * scale;
                    }
                    double floor = (p[3] + p[4] + p[5] + p[6]) / 4;
                    if (p[0] - floor > bestExcess) {
                        bestExcess = p[0] - floor;
                        bestLine = p[0];
                        bestSide = Math.max(p[1], p[2]);
                        bestFloor = floor;
                    }
                }
                series.add(bestLine);
                series.add(bestSide);
                series.add(bestFloor);
            }
        }
    }
}
