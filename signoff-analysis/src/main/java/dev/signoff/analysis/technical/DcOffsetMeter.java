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
 * reads NaN dBFS). Memory: a few numbers per block, at most {@value #MAX_BLOCKS} blocks: when
 * they are full (after 34 minutes), neighbouring blocks are merged in pairs, exactly (the pair's
 * mean and AC power are those of its samples), and later blocks are twice as long. A song's
 * result is unchanged; a longer file's quiet share is then chosen among 2, 4 ... second blocks.
 */
public final class DcOffsetMeter implements Analyser {
    // Parameters (docs/findings.md, "DC_OFFSET": clean renders read below -89 dBFS this way).
    /** Percent: the quietest share of one-second blocks, by AC power, the offset is averaged over. */
    static final int QUIET_SHARE_PERCENT = 20;
    /** One-second blocks averaged at least, to average out low-frequency noise. */
    static final int MIN_BLOCKS = 3;
    /** Blocks kept: 2048 one-second blocks, 34 minutes, about 0.1 MB for stereo. */
    static final int MAX_BLOCKS = 2048;

    private final int channels;
    private final int maxBlocks;
    private int blockFrames;
    private final double[] sum, sumSq;
    private boolean nonZero;
    private int fill;
    /** Per closed block: {acPower, frames, mean of channel 0, mean of channel 1, ...}. */
    private final List<double[]> blocks = new ArrayList<>();
    private DcOffsetResult result;

    public DcOffsetMeter(StreamInfo info) {
        this(info, MAX_BLOCKS);
    }

    /** @param maxBlocks blocks kept before pairs are merged (MAX_BLOCKS but in tests) */
    DcOffsetMeter(StreamInfo info, int maxBlocks) {
        this.maxBlocks = maxBlocks;
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
            if (blocks.size() == maxBlocks) mergePairs();
        }
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(sumSq, 0);
        nonZero = false;
        fill = 0;
    }

    /** Halves the blocks kept by merging neighbours, and doubles the length of the blocks to come. */
    private void mergePairs() {
        List<double[]> merged = new ArrayList<>(maxBlocks);
        for (int i = 0; i + 1 < blocks.size(); i += 2) merged.add(merge(blocks.get(i), blocks.get(i + 1)));
        if (blocks.size() % 2 == 1) merged.add(blocks.get(blocks.size() - 1));
        blocks.clear();
        blocks.addAll(merged);
        blockFrames *= 2;
    }

    /** The block of both blocks' samples: frame-weighted means, and AC power from each channel's mean square. */
    private double[] merge(double[] a, double[] b) {
        double fa = a[1], fb = b[1], f = fa + fb;
        double[] m = new double[2 + channels];
        double ac = 0;
        for (int c = 0; c < channels; c++) {
            double ma = a[2 + c], mb = b[2 + c], mean = (fa * ma + fb * mb) / f;
            // A channel's variance over both blocks: their variances weighted, plus the spread of their means.
            double spread = (fa * ma * ma + fb * mb * mb) / f - mean * mean;
            ac += spread;
            m[2 + c] = mean;
        }
        m[0] = (fa * a[0] + fb * b[0]) / f + ac / channels;
        m[1] = f;
        return m;
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

    /** Blocks held now: at most the limit, whatever the length. */
    int blocksKept() {
        return blocks.size();
    }

    public DcOffsetResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
