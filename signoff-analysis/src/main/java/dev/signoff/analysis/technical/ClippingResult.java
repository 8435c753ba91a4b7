package dev.signoff.analysis.technical;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs of consecutive samples at the file's full scale (a run of 3 or more is the classic
 * "clipped" signature of a flat-topped waveform), and the passages they form.
 *
 * @param runs          runs in time order (capped, see runCount: a clipped chorus has thousands)
 * @param runCount      total runs found
 * @param clippedFrames total samples inside runs, all channels
 * @param passages      all runs (not only the listed ones) grouped into passages: runs closer than
 *                      {@link #PASSAGE_GAP_S} s form one passage; in time order
 */
public record ClippingResult(List<Run> runs, int runCount, long clippedFrames, List<Passage> passages) {

    /** Runs closer than this (seconds) belong to one clipped passage. */
    public static final double PASSAGE_GAP_S = 2.0;

    public ClippingResult {
        runs = List.copyOf(runs);
        passages = List.copyOf(passages);
    }

    /** Result whose passages are derived from the listed runs alone (exact only when none were left off). */
    public ClippingResult(List<Run> runs, int runCount, long clippedFrames) {
        this(runs, runCount, clippedFrames, passagesOf(runs));
    }

    /** @param length consecutive samples at full scale */
    public record Run(double startS, double endS, int channel, int length) {}

    /**
     * A clipped passage.
     *
     * @param runs    runs inside it, all channels
     * @param samples samples inside those runs
     */
    public record Passage(double startS, double endS, int runs, long samples) {}

    /** Groups time-ordered runs into passages. */
    public static List<Passage> passagesOf(List<Run> runs) {
        List<Passage> out = new ArrayList<>();
        double start = 0, end = 0;
        int n = 0;
        long samples = 0;
        for (Run r : runs) {
            if (n > 0 && r.startS() - end > PASSAGE_GAP_S) {
                out.add(new Passage(start, end, n, samples));
                n = 0;
                samples = 0;
            }
            if (n == 0) {
                start = r.startS();
                end = r.endS();
            }
            end = Math.max(end, r.endS());
            n++;
            samples += r.length();
        }
        if (n > 0) out.add(new Passage(start, end, n, samples));
        return out;
    }
}
