package dev.signoff.analysis.technical;

import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/**
 * DC offset: the mean of each channel over the whole file. A constant offset wastes headroom,
 * makes edits and starts click, and shows a faulty converter or plug-in. Input: every block;
 * output: {@link DcOffsetResult} (linear and dBFS; an exactly zero mean reads NaN dBFS).
 */
public final class DcOffsetMeter implements Analyser {
    private final double[] sum;
    private long frames;
    private DcOffsetResult result;

    public DcOffsetMeter(StreamInfo info) {
        sum = new double[info.channels()];
    }

    @Override
    public void accept(AudioBlock block) {
        int n = block.frames();
        for (int c = 0; c < sum.length; c++) {
            float[] x = block.channel(c);
            double s = 0;
            for (int i = 0; i < n; i++) s += x[i];
            sum[c] += s;
        }
        frames += n;
    }

    @Override
    public void finish() {
        double[] mean = new double[sum.length], db = new double[sum.length];
        for (int c = 0; c < sum.length; c++) {
            mean[c] = frames == 0 ? 0 : sum[c] / frames;
            db[c] = mean[c] == 0 ? Double.NaN : 20 * Math.log10(Math.abs(mean[c]));
        }
        result = new DcOffsetResult(mean, db);
    }

    public DcOffsetResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
