package dev.signoff.analysis.technical;

import dev.signoff.analysis.Decibels;
import dev.signoff.analysis.Analyser;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.StreamInfo;

/**
 * Looks at the very start and end of the file: how long the silence before the music and after
 * it lasts, and whether the music is cut off at its end (a bounce range that stopped too early,
 * a reverb tail chopped off by a region end).
 *
 * <p>Method: a DC offset is taken out first (a one-pole high-pass at {@value #DC_CUTOFF_HZ} Hz, started
 * at the first sample's value so that an offset present from the start reads as silence at once):
 * an offset is no sound, and a file with one whose music fades out properly must not read as cut
 * off while "still sounding" at the offset's level. The signal is then summarised as 10 ms RMS
 * windows (mean of the channels' mean squares).
 * "Sound" is any sample above {@value #SILENCE_DBFS} dBFS. At the last sound, the level of the
 * final 50 ms is compared with the loudest second of the file and with the half second before:
 * a natural ending or fade has decayed towards the threshold by then; a cut ending is still within
 * {@value #CUT_BELOW_BODY_DB} dB of the body and not falling.
 *
 * <p>Output: {@link EdgesResult}. Memory: a ring of the last 60 windows.
 */
public final class EdgeInspector implements Analyser {
    // Parameters (docs/findings.md, "TAIL_CUT" and "HEAD_SILENCE", with the songs that check them).
    /** dBFS: a sample above this is sound; below it, silence before the music or after it. */
    static final double SILENCE_DBFS = -60.0;
    /** dB: a last 50 ms within this of the loudest second has not decayed, the ending is cut. */
    static final double CUT_BELOW_BODY_DB = 25.0;
    /** A tail falling by at least this much over the last half second is decaying, not cut. */
    static final double DECAY_DB = 6.0;
    /** Cut-off of the DC blocker: far under music, fast enough (32 ms time constant) to settle within a window or two. */
    static final double DC_CUTOFF_HZ = 5.0;
    private static final int RING = 64;
    private static final int TAIL_WINDOWS = 5, BEFORE_WINDOWS = 50, BODY_WINDOWS = 100;

    private final float threshold = (float) Math.pow(10, SILENCE_DBFS / 20);
    private final double sampleRate;
    private final int windowFrames;
    private final int channels;
    private final double dcPole;
    /** Per channel, the DC blocker's last input and output; NaN before the first sample. */
    private final double[] lastIn, lastOut;
    /** Per channel, the current block without its DC offset (where a window's sound starts and ends is searched in it). */
    private final float[][] blocked;

    private long frame;
    private long firstSound = -1, lastSound = -1;
    private double windowSum;
    private int windowFill;
    private long windowIndex;
    private final double[] ring = new double[RING];           // mean square of recent windows
    private final double[] bodyRing = new double[BODY_WINDOWS];
    private double bodySum, bodyMax;
    private double tailAtLastSound = Double.NaN, beforeAtLastSound = Double.NaN;
    private boolean windowHasSound;
    private EdgesResult result;

    public EdgeInspector(StreamInfo info) {
        sampleRate = info.sampleRate();
        windowFrames = Math.max(1, (int) Math.round(sampleRate / 100));
        channels = info.channels();
        dcPole = Math.exp(-2 * Math.PI * DC_CUTOFF_HZ / sampleRate);
        lastIn = new double[channels];
        lastOut = new double[channels];
        java.util.Arrays.fill(lastIn, Double.NaN);
        blocked = new float[channels][0];
    }

    @Override
    public void accept(AudioBlock block) {
        int n = block.frames(), pos = 0;
        for (int c = 0; c < channels; c++) {
            if (blocked[c].length < n) blocked[c] = new float[n];
            if (Double.isNaN(lastIn[c])) lastIn[c] = n > 0 ? block.channel(c)[0] : 0;
        }
        while (pos < n) {
            int len = Math.min(n - pos, windowFrames - windowFill);
            double s = 0;
            for (int c = 0; c < channels; c++) {
                // The DC blocker and the window's sums in one loop: two independent chains of additions.
                // The peak is an integer maximum of |v|'s bits (the order of non-negative floats):
                // C1 does not inline Math.max(float, float), which cost a call a sample.
                float[] x = block.channel(c), y = blocked[c];
                double in = lastIn[c], out = lastOut[c], pole = dcPole;
                int peakBits = 0;
                for (int i = pos, end = pos + len; i < end; i++) {
                    float xi = x[i];
                    out = xi - in + pole * out;
                    in = xi;
                    float v = (float) out;
                    y[i] = v;
                    s += v * v;
                    peakBits = Math.max(peakBits, Float.floatToRawIntBits(v) & 0x7fffffff);
                }
                lastIn[c] = in;
                lastOut[c] = out;
                // Only a window with sound is searched for where it starts and ends.
                if (Float.intBitsToFloat(peakBits) > threshold) {
                    windowHasSound = true;
                    int first = pos, last = pos + len - 1;
                    while (Math.abs(y[first]) <= threshold) first++;
                    while (Math.abs(y[last]) <= threshold) last--;
                    long a = frame + first - pos, b = frame + last - pos;
                    if (firstSound < 0 || a < firstSound) firstSound = a;
                    if (b > lastSound) lastSound = b;
                }
            }
            windowSum += s;
            windowFill += len;
            pos += len;
            frame += len;
            if (windowFill == windowFrames) closeWindow();
        }
    }

    private void closeWindow() {
        double ms = windowSum / (windowFill * (double) channels);
        ring[(int) (windowIndex % RING)] = ms;
        int b = (int) (windowIndex % BODY_WINDOWS);
        bodySum += ms - bodyRing[b];
        bodyRing[b] = ms;
        if (windowIndex >= BODY_WINDOWS - 1) bodyMax = Math.max(bodyMax, Math.max(0, bodySum) / BODY_WINDOWS);
        if (windowHasSound) {
            tailAtLastSound = mean(0, TAIL_WINDOWS);
            beforeAtLastSound = mean(TAIL_WINDOWS, BEFORE_WINDOWS);
        }
        windowIndex++;
        windowSum = 0;
        windowFill = 0;
        windowHasSound = false;
    }

    /** Mean square of the windows from {@code skip} to {@code skip + count} back from the newest. */
    private double mean(int skip, int count) {
        double s = 0;
        int k = 0;
        for (int i = skip; i < skip + count && i <= windowIndex; i++) {
            s += ring[(int) ((windowIndex - i) % RING)];
            k++;
        }
        return k == 0 ? 0 : s / k;
    }

    @Override
    public void finish() {
        if (windowFill > 0) closeWindow();
        // Shorter than a second: the "loudest second" is the whole file.
        if (windowIndex > 0 && windowIndex < BODY_WINDOWS) bodyMax = Math.max(0, bodySum) / windowIndex;
        double duration = frame / sampleRate;
        double head = firstSound < 0 ? duration : firstSound / sampleRate;
        double tail = lastSound < 0 ? duration : (frame - 1 - lastSound) / sampleRate;
        double tailDb = Decibels.power(tailAtLastSound), beforeDb = Decibels.power(beforeAtLastSound), bodyDb = Decibels.power(bodyMax);
        boolean cut = lastSound >= 0 && duration > 2.0
                && tailDb > bodyDb - CUT_BELOW_BODY_DB
                && tailDb > beforeDb - DECAY_DB;
        result = new EdgesResult(duration, head, tail, tailDb, bodyDb, cut);
    }

    public EdgesResult result() {
        if (result == null) throw new IllegalStateException("finish() first");
        return result;
    }
}
