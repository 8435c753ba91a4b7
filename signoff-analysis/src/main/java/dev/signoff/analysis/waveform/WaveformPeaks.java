package dev.signoff.analysis.waveform;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Min/max peaks of every channel at several zoom levels, for drawing a waveform: each point of a
 * level holds the lowest and the highest sample of {@code samplesPerPoint} consecutive frames
 * (the last point covers what is left). This is the data BBC audiowaveform and peaks.js draw.
 *
 * <p>Method: one streaming pass. Only the finest level looks at samples; each coarser level is
 * folded from the points of the one before it, so every level must be a whole multiple of the
 * previous one (the default {@link #DEFAULT_ZOOMS} are). A coarse point therefore holds exactly
 * the extremes of the frames it covers, the same as a pass over the samples would find.
 *
 * <p>Input: every block; output: {@link WaveformResult}. Memory: 16 bytes per channel and point of
 * the finest level (a 4-minute 48 kHz stereo song at 256 frames a point: 1.4 MB), less for the rest.
 */
public final class WaveformPeaks implements Analyser {
    /** Frames per point of the default levels: from about 5 ms a point (zoomed in) to a whole song on a phone. */
    public static final int[] DEFAULT_ZOOMS = {256, 1024, 4096, 16384};

    private final StreamInfo info;
    private final int channels;
    private final Builder[] levels;
    private long frames;
    private WaveformResult result;

    public WaveformPeaks(StreamInfo info) {
        this(info, DEFAULT_ZOOMS);
    }

    /** @param samplesPerPoint ascending, each a whole multiple of the one before */
    public WaveformPeaks(StreamInfo info, int... samplesPerPoint) {
        if (samplesPerPoint.length == 0) throw new IllegalArgumentException("at least one zoom level");
        this.info = info;
        this.channels = info.channels();
        levels = new Builder[samplesPerPoint.length];
        long expectedFrames = info.frames() > 0 ? info.frames() : 0;
        for (int i = 0; i < samplesPerPoint.length; i++) {
            int z = samplesPerPoint[i];
            if (z < 1) throw new IllegalArgumentException("samples per point must be positive");
            if (i > 0 && (z <= samplesPerPoint[i - 1] || z % samplesPerPoint[i - 1] != 0))
                throw new IllegalArgumentException("zoom levels must ascend, each a multiple of the one before: " + Arrays.toString(samplesPerPoint));
            int fold = i == 0 ? z : z / samplesPerPoint[i - 1];
            levels[i] = new Builder(z, fold, channels, (int) Math.min(Integer.MAX_VALUE - 8, expectedFrames / z + 1));
        }
    }

    @Override
    public void accept(AudioBlock block) {
        Builder finest = levels[0];
        int n = block.frames();
        // A channel's run up to the point's end at a time, in locals: a tight loop the JIT compiles small.
        for (int pos = 0; pos < n; ) {
            int end = Math.min(n, pos + finest.fold - finest.fill);
            for (int c = 0; c < channels; c++) {
                float[] x = block.channel(c);
                float mn = finest.curMin[c], mx = finest.curMax[c];
                for (int i = pos; i < end; i++) {
                    float v = x[i];
                    mn = v < mn ? v : mn;
                    mx = v > mx ? v : mx;
                }
                finest.curMin[c] = mn;
                finest.curMax[c] = mx;
            }
            finest.fill += end - pos;
            pos = end;
            if (finest.fill == finest.fold) closePoint(0);
        }
        frames += n;
    }

    /** Closes the current point of level {@code l} and folds it into the next level. */
    private void closePoint(int l) {
        Builder b = levels[l];
        b.append();
        if (l + 1 < levels.length) {
            Builder up = levels[l + 1];
            int last = b.points - 1;
            for (int c = 0; c < channels; c++) {
                up.curMin[c] = Math.min(up.curMin[c], b.min[c][last]);
                up.curMax[c] = Math.max(up.curMax[c], b.max[c][last]);
            }
            if (++up.fill == up.fold) closePoint(l + 1);
        }
    }

    @Override
    public void finish() {
        // Partial points, finest first so each folds into the next before that one closes.
        for (int l = 0; l < levels.length; l++) if (levels[l].fill > 0) closePoint(l);
        List<WaveformResult.Level> out = new ArrayList<>();
        for (Builder b : levels) out.add(b.build());
        result = new WaveformResult(info.sampleRate(), channels, frames, out);
    }

    public WaveformResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }

    /** One level being filled: finished points, and the extremes of the one in progress. */
    private static final class Builder {
        final int samplesPerPoint, fold;
        final float[] curMin, curMax;
        float[][] min, max;
        int points, fill;

        Builder(int samplesPerPoint, int fold, int channels, int capacity) {
            this.samplesPerPoint = samplesPerPoint;
            this.fold = fold;
            curMin = new float[channels];
            curMax = new float[channels];
            reset();
            min = new float[channels][Math.max(16, capacity)];
            max = new float[channels][Math.max(16, capacity)];
        }

        void append() {
            if (points == min[0].length) {
                int grown = min[0].length * 2;
                for (int c = 0; c < min.length; c++) {
                    min[c] = Arrays.copyOf(min[c], grown);
                    max[c] = Arrays.copyOf(max[c], grown);
                }
            }
            for (int c = 0; c < min.length; c++) {
                min[c][points] = curMin[c];
                max[c][points] = curMax[c];
            }
            points++;
            reset();
        }

        private void reset() {
            Arrays.fill(curMin, Float.POSITIVE_INFINITY);
            Arrays.fill(curMax, Float.NEGATIVE_INFINITY);
            fill = 0;
        }

        WaveformResult.Level build() {
            float[][] mn = new float[min.length][], mx = new float[min.length][];
            for (int c = 0; c < min.length; c++) {
                mn[c] = Arrays.copyOf(min[c], points);
                mx[c] = Arrays.copyOf(max[c], points);
            }
            return new WaveformResult.Level(samplesPerPoint, points, mn, mx);
        }
    }
}
