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
 * <p>Input: every block. Parameters: the full-scale ceiling of integer PCM is
 * (2^(bits-1) - 1) / 2^(bits-1) on the positive side; floats use 1.0. Output: {@link ClippingResult}
 * with at most {@value #MAX_RUNS} runs listed and all counted.
 */
public final class ClippingDetector implements Analyser {
    static final int MIN_RUN = 3;
    static final int MAX_RUNS = 500;
    /** -1 dBFS: flat runs below this are left alone (square-wave synths, test tones). */
    private static final float FLAT_FLOOR = 0.891f;

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
        int ch = info.channels();
        runLength = new int[ch];
        runStart = new long[ch];
        runValue = new float[ch];
        runFlatOnly = new boolean[ch];
    }

    @Override
    public void accept(AudioBlock block) {
        int n = block.frames();
        for (int c = 0; c < block.channels(); c++) {
            float[] x = block.channel(c);
            int len = runLength[c];
            float prev = runValue[c];
            for (int i = 0; i < n; i++) {
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
        if (len >= MIN_RUN) {
            runCount++;
            clippedSamples += len;
            if (runs.size() < MAX_RUNS) {
                runs.add(new ClippingResult.Run(runStart[c] / sampleRate, (runStart[c] + len) / sampleRate, c, len));
            }
        }
    }

    @Override
    public void finish() {
        for (int c = 0; c < runLength.length; c++) if (runLength[c] > 0) endRun(c, runLength[c]);
        runs.sort(java.util.Comparator.comparingDouble(ClippingResult.Run::startS));
        result = new ClippingResult(List.copyOf(runs), runCount, clippedSamples);
    }

    public ClippingResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
