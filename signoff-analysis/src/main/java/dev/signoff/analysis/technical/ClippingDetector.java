package dev.signoff.analysis.technical;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds clipped passages: runs of {@value #MIN_RUN} or more consecutive samples that are either
 * at the format's full scale (or beyond it, as decoded lossy files and float files can be), or
 * stuck at one identical value above -1 dBFS. Both are the flat tops a clipped waveform leaves;
 * the second catches a clipped mix that was turned down afterwards. A real limiter never holds
 * identical consecutive values, and isolated peaks at 0 dBFS are not runs, so clean loud masters
 * pass.
 *
 * <p>A stuck run below full scale must also be longer than the plateau a smooth waveform shows
 * after quantisation: at 16 bits a 20 Hz sine peaking at -0.1 dBFS holds the same sample value
 * for about 6 samples at 48 kHz (its top rounds to one code), which is not clipping. The minimum
 * length of such runs is therefore the plateau of a {@value #LOWEST_HZ} Hz sine at -1 dBFS at the
 * file's resolution and rate (7 samples for 16-bit 48 kHz, {@value #MIN_RUN} for 24-bit and float
 * files, whose plateaus are shorter than a sample). Runs at full scale need only {@value #MIN_RUN}.
 *
 * <p>Input: every block. Parameters: the full-scale ceiling of integer PCM is
 * (2^(bits-1) - 1) / 2^(bits-1) on the positive side; floats use 1.0. Output: {@link ClippingResult}
 * with at most {@value #MAX_RUNS} runs listed, all counted, and all grouped into passages.
 */
public final class ClippingDetector implements Analyser {
    // Parameters (docs/findings.md, "CLIPPING", says why each).
    /** Samples: the shortest flat top counted; a clean limiter never holds three identical values. */
    static final int MIN_RUN = 3;
    /** Runs listed in the result (all are counted and grouped into passages). */
    static final int MAX_RUNS = 500;
    /** -1 dBFS: flat runs below this are left alone (square-wave synths, test tones). */
    private static final float FLAT_FLOOR = 0.891f;
    private static final int FLAT_FLOOR_BITS = Float.floatToRawIntBits(FLAT_FLOOR);
    /** Lowest frequency whose quantised peak plateau must not count as a stuck run. */
    static final double LOWEST_HZ = 20.0;

    private final int minFlatRun;
    private final java.util.TreeMap<Double, double[]> passages = new java.util.TreeMap<>();   // start -> {start, end, runs, samples}

    private final float ceiling;
    private final double sampleRate;
    private final int[] runLength;
    private final long[] runStart;
    private final float[] runValue;
    private final boolean[] runFlatOnly;
    private final List<ClippingResult.Run> runs = new ArrayList<>();
    private int runCount;
    private long clippedSamples;
    private long frame;
    private ClippingResult result;

    public ClippingDetector(StreamInfo info) {
        int bits = info.bitsPerSample();
        // Half an LSB under the positive maximum, so 16/24-bit full scale is caught exactly.
        ceiling = info.floatingPoint() || bits <= 0 || bits > 24
                ? 0.99999f
                : (float) ((Math.pow(2, bits - 1) - 1.5) / Math.pow(2, bits - 1));
        sampleRate = info.sampleRate();
        minFlatRun = minFlatRun(info);
        int ch = info.channels();
        runLength = new int[ch];
        runStart = new long[ch];
        runValue = new float[ch];
        runFlatOnly = new boolean[ch];
    }

    /**
     * Samples a {@value #LOWEST_HZ} Hz sine peaking at -1 dBFS stays within one quantisation step
     * of its top: A (1 - cos(w k)) < 1 LSB for |k| < sqrt(2 / A) / w, A the amplitude in LSB.
     */
    static int minFlatRun(StreamInfo info) {
        int bits = info.bitsPerSample();
        double lsbs = FLAT_FLOOR * Math.pow(2, (info.floatingPoint() || bits <= 0 || bits > 24 ? 24 : bits) - 1);
        double w = 2 * Math.PI * LOWEST_HZ / info.sampleRate();
        int plateau = (int) Math.floor(2 * Math.sqrt(2 / lsbs) / w) + 1;
        return Math.max(MIN_RUN, plateau);
    }

    @Override
    public void accept(AudioBlock block) {
        int n = block.frames();
        for (int c = 0; c < block.channels(); c++) {
            float[] x = block.channel(c);
            int len = runLength[c];
            float prev = runValue[c];
            for (int i = 0; i < n; i++) {
                if (len == 0) {
                    // Outside a run, samples under the floor change nothing: skipped on their bits
                    // (|v| < FLAT_FLOOR as an integer compare, a short loop on C1).
                    while (i < n && (Float.floatToRawIntBits(x[i]) & 0x7fffffff) < FLAT_FLOOR_BITS) i++;
                    if (i == n) break;
                }
                float v = x[i];
                float a = Math.abs(v);
                if (a < FLAT_FLOOR) {
                    if (len > 0) {
                        endRun(c, len);
                        len = 0;
                    }
                    continue;
                }
                boolean full = a >= ceiling;
                boolean same = len > 0 && v == prev;
                if (len > 0 && (full && (Math.signum(v) == Math.signum(prev)) && !runFlatOnly[c] || same)) {
                    len++;
                    if (!full) runFlatOnly[c] = true;
                } else {
                    if (len > 0) endRun(c, len);
                    len = 1;
                    runStart[c] = frame + i;
                    runFlatOnly[c] = !full;
                }
                prev = v;
            }
            runLength[c] = len;
            runValue[c] = prev;
        }
        frame += n;
    }

    private void endRun(int c, int len) {
        if (len >= (runFlatOnly[c] ? minFlatRun : MIN_RUN)) {
            runCount++;
            clippedSamples += len;
            double start = runStart[c] / sampleRate, end = (runStart[c] + len) / sampleRate;
            if (runs.size() < MAX_RUNS) runs.add(new ClippingResult.Run(start, end, c, len));
            addToPassage(start, end, len);
        }
    }

    /** Merges a run into the passages (disjoint, more than the gap apart), whatever the order runs end in. */
    private void addToPassage(double start, double end, int len) {
        double runsIn = 1, samples = len;
        while (true) {
            var e = passages.floorEntry(end + ClippingResult.PASSAGE_GAP_S);
            if (e == null || e.getValue()[1] < start - ClippingResult.PASSAGE_GAP_S) break;
            double[] p = passages.remove(e.getKey());
            start = Math.min(start, p[0]);
            end = Math.max(end, p[1]);
            runsIn += p[2];
            samples += p[3];
        }
        passages.put(start, new double[]{start, end, runsIn, samples});
    }

    @Override
    public void finish() {
        for (int c = 0; c < runLength.length; c++) if (runLength[c] > 0) endRun(c, runLength[c]);
        runs.sort(java.util.Comparator.comparingDouble(ClippingResult.Run::startS));
        List<ClippingResult.Passage> grouped = new ArrayList<>();
        for (double[] p : passages.values()) grouped.add(new ClippingResult.Passage(p[0], p[1], (int) p[2], (long) p[3]));
        result = new ClippingResult(List.copyOf(runs), runCount, clippedSamples, grouped);
    }

    public ClippingResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
