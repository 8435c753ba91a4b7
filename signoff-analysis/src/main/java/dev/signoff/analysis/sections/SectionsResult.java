package dev.signoff.analysis.sections;

import dev.signoff.analysis.TimeSeries;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The song's structure: consecutive sections from the first to the last audible moment (leading
 * and trailing silence are left out; the edge checks report those).
 *
 * @param sections    in time order, without gaps
 * @param chorusLabel the label of the choruses, or null when no repeated label stands out in energy
 */
public record SectionsResult(List<Section> sections, String chorusLabel) {

    /** Sections louder than the rest of the song by at least this much may be choruses. */
    static final double CHORUS_MARGIN_DB = 1.0;

    public SectionsResult {
        sections = List.copyOf(sections);
    }

    public static SectionsResult empty() {
        return new SectionsResult(List.of(), null);
    }

    /** Sections with the given label, in order. */
    public List<Section> withLabel(String label) {
        return sections.stream().filter(s -> s.label().equals(label)).toList();
    }

    /** Section start times after the first: where the song changes. */
    public List<Double> boundariesS() {
        return sections.stream().skip(1).map(Section::startS).toList();
    }

    /**
     * The same sections with their loudness filled from the loudness meter's short-term series
     * (LUFS every 100 ms, value i for the 3 s window ending at (i + 1) * step), and energy ranks and
     * the chorus re-judged by loudness. A section's loudness is the energy mean of the values whose
     * window ends inside it; the 3 s window reaches back across the start, so the first values of a
     * section still carry some of the previous one, which is why only windows ending at least half
     * a window past the start are used when the section is long enough to have them.
     */
    public SectionsResult withLoudness(TimeSeries shortTermLufs) {
        List<Section> out = new ArrayList<>();
        for (Section s : sections) {
            double skip = s.durationS() > 3.0 ? 1.5 : 0;
            double sum = 0;
            int n = 0;
            for (int i = 0; i < shortTermLufs.size(); i++) {
                double t = shortTermLufs.timeOf(i);
                if (t <= s.startS() + skip || t > s.endS()) continue;
                double v = shortTermLufs.values()[i];
                n++;
                if (!Double.isNaN(v)) sum += Math.pow(10, v / 10);
            }
            double lufs = n == 0 || sum == 0 ? Double.NaN : 10 * Math.log10(sum / n);
            out.add(s.withLoudness(lufs));
        }
        return judge(out);
    }

    /** Ranks the sections by energy and flags the choruses. */
    static SectionsResult judge(List<Section> sections) {
        List<Integer> byEnergy = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) byEnergy.add(i);
        // NaN (silence) last; ties keep time order.
        byEnergy.sort(Comparator.comparingDouble((Integer i) -> {
            double e = sections.get(i).energyDb();
            return Double.isNaN(e) ? Double.NEGATIVE_INFINITY : e;
        }).reversed().thenComparingInt(i -> i));
        int[] rank = new int[sections.size()];
        for (int r = 0; r < byEnergy.size(); r++) rank[byEnergy.get(r)] = r + 1;
        String chorus = chorusLabel(sections);
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            out.add(s.withRankAndChorus(rank[i], s.label().equals(chorus)));
        }
        return new SectionsResult(out, chorus);
    }

    /**
     * The repeated label with the most energy (power mean over its sections, weighted by duration),
     * provided it is at least {@value #CHORUS_MARGIN_DB} dB above the rest of the music: a song
     * whose repeated parts are all alike in energy has no chorus to point at.
     */
    private static String chorusLabel(List<Section> sections) {
        Map<String, double[]> perLabel = new HashMap<>();   // {energy * duration, duration, count}
        double allE = 0, allD = 0;
        for (Section s : sections) {
            if (s.quiet() || Double.isNaN(s.energyDb())) continue;
            double e = Math.pow(10, s.energyDb() / 10) * s.durationS();
            double[] acc = perLabel.computeIfAbsent(s.label(), k -> new double[3]);
            acc[0] += e;
            acc[1] += s.durationS();
            acc[2]++;
            allE += e;
            allD += s.durationS();
        }
        String best = null;
        double bestDb = Double.NEGATIVE_INFINITY;
        for (var en : perLabel.entrySet()) {
            double[] a = en.getValue();
            if (a[2] < 2) continue;
            double db = 10 * Math.log10(a[0] / a[1]);
            if (db > bestDb) {
                bestDb = db;
                best = en.getKey();
            }
        }
        if (best == null) return null;
        double[] b = perLabel.get(best);
        double restD = allD - b[1];
        if (restD <= 0) return null;
        double restDb = 10 * Math.log10((allE - b[0]) / restD);
        return bestDb - restDb >= CHORUS_MARGIN_DB ? best : null;
    }
}
