package dev.signoff.analysis.technical;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DC offset of each channel. A constant offset wastes headroom, makes edits and starts click, and
 * shows a faulty converter or plug-in.
 *
 * <p>Method: the file is cut into one-second blocks; for each block the mean of every channel and
 * the AC power (variance around the mean, averaged over the channels) are kept. A constant offset
 * is there in the quiet passages as much as in the loud ones, whereas asymmetric waveforms (a kick
 * drum's first half-cycle, brass, a saturated bus) shift the mean in proportion to their level:
 * a clean SongSynth render averages -54 dBFS (20 s) to -51 dBFS (90 s) over the whole file with no
 * offset at all. So the offset is the mean over the quietest {@value #QUIET_SHARE_PERCENT} % of the
 * blocks by AC power (at least {@value #MIN_BLOCKS} blocks when the file has them, to average out
 * low-frequency noise), leaving out blocks of digital silence (every sample
 * exactly zero: an editor's padding carries no offset and says nothing about the music's).
 * A file that is digital silence throughout reads zero.
 *
 * <p>Input: every block; output: {@link DcOffsetResult} (linear and dBFS; an exactly zero offset
 * reads NaN dBFS). Memory: a few numbers per second of audio.
 */
public final class DcOffsetMeter implements Analyser {
    static final int QUIET_SHARE_PERCENT = 20;
    static final int MIN_BLOCKS = 3;

    private final int channels;
    private final int blockFrames;
    private final double[] sum, sumSq;
    private boolean nonZero;
    private int fill;
    /** Per closed block: {acPower, frames, mean of channel 0, mean of channel 1, ...}. */
    private final List<double[]> blocks = new ArrayList<>();
    private DcOffsetResult result;

    public DcOffsetMeter(StreamInfo info) {
        channels = info.channels();
        blockFrames = Math.max(1, info.sampleRate());
        sum = new double[channels];
        sumSq = new double[channels];
    }

    @Override
    public void accept(AudioBlock block) {
        int n = block.frames(), pos = 0;
        while (pos < n) {
            int len = Math.min(n - pos, blockFrames - fill);
            for (int c = 0; c < channels; c++) {
                float[] x = block.channel(c);
                double s = 0, q = 0;
                for (int i = pos, end = pos + len; i < end; i++) {
                    double v = x[i];
                    s += v;
                    q += v * v;
                }
                if (q > 0) nonZero = true;
                sum[c] += s;
                sumSq[c] += q;
            }
            fill += len;
            pos += len;
            if (fill == blockFrames) closeBlock();
        }
    }

    private void closeBlock() {
        if (nonZero) {
            double[] b = new double[2 + channels];
            double ac = 0;
            for (int c = 0; c < channels; c++) {
                double mean = sum[c] / fill;
                ac += Math.max(0, sumSq[c] / fill - mean * mean);
                b[2 + c] = mean;
            }
            b[0] = ac / channels;
            b[1] = fill;
            blocks.add(b);
        }
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(sumSq, 0);
        nonZero = false;
        fill = 0;
    }

    @Override
    public void finish() {
        if (fill > 0) closeBlock();
        List<double[]> quiet = new ArrayList<>(blocks);
        quiet.sort(Comparator.comparingDouble(b -> b[0]));
        int take = Math.max(MIN_BLOCKS, (int) Math.ceil(quiet.size() * QUIET_SHARE_PERCENT / 100.0));
        double[] mean = new double[channels], db = new double[channels];
        double frames = 0;
        for (int i = 0; i < Math.min(take, quiet.size()); i++) {
            double[] b = quiet.get(i);
            frames += b[1];
            for (int c = 0; c < channels; c++) mean[c] += b[2 + c] * b[1];
        }
        for (int c = 0; c < channels; c++) {
            mean[c] = frames == 0 ? 0 : mean[c] / frames;
            db[c] = mean[c] == 0 ? Double.NaN : 20 * Math.log10(Math.abs(mean[c]));
        }
        result = new DcOffsetResult(mean, db);
    }

    public DcOffsetResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
