package dev.signoff.analysis.album;

import dev.signoff.analysis.Measure;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.TimeSeries;
import dev.signoff.analysis.diff.Audibility;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.FindingCode;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.platforms.StreamingService;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * `signoff album`: every track measured through the normal {@link MeasurementPlan} (one decoding
 * pass each, tracks in parallel), lined up side by side, with the album's own loudness figures
 * (AES TD1008), what album-mode normalisation does to it, the joins between tracks, and the tracks
 * that stand out from the rest (ALBUM_OUTLIER).
 *
 * <p>A track stands out when it lies further from the median of the other tracks than both a
 * listener's threshold for that figure and {@value #SPREAD_FACTOR} times the other tracks' own
 * spread (their median absolute deviation, scaled to a standard deviation). The thresholds are
 * twice the just-noticeable differences the version comparison uses
 * ({@code diff.Audibility}: 1 dB of level, 1 dB of an octave-wide tonal change, 2 dB of side
 * against mid), because tracks are compared from memory across a gap, not switched instantly:
 * intensity resolution falls as the time between the sounds grows (Durlach and Braida 1969,
 * "Intensity perception. I. Preliminary theory of intensity resolution", JASA 46, trace mode).
 * The spread condition keeps an album whose tracks are meant to differ (a ballad among rockers,
 * an ambient interlude) from being read as inconsistent: only a track beyond what the album does
 * anyway is named. docs/album.md has the check on the real-music set.
 */
public final class Album {
    /** What each track's pass measures: no clipping, sections, drums, voice or quiet passages. */
    public static final Set<Measure> MEASURES = EnumSet.of(Measure.LOUDNESS, Measure.TRUE_PEAK, Measure.SPECTRUM, Measure.STEREO, Measure.EDGES);
    /** A fade shorter than this is a start or a stop. */
    public static final double FADE_MIN_S = 3.0;
    /** Louder or quieter than the rest by more than this (LU) can stand out. */
    public static final double LOUDNESS_THRESHOLD_LU = 2 * Audibility.LEVEL_JND_DB;
    /** Brighter or darker (2-16 kHz against the body) by more than this (dB). */
    public static final double BRIGHTNESS_THRESHOLD_DB = 2 * Audibility.TONAL_OCTAVE_JND_DB;
    /** Wider or narrower (side against mid) by more than this (dB). */
    public static final double WIDTH_THRESHOLD_DB = 2 * Audibility.WIDTH_JND_DB;
    /** And further from the others' median than this many of their standard deviations (robust: 1.4826 x MAD). */
    public static final double SPREAD_FACTOR = 3.0;

    private Album() {}

    /** Reports each track as its pass finishes. */
    @FunctionalInterface
    public interface TrackDone {
        void done(Path file);
    }

    /**
     * Measures {@code files} in album order, {@code threads} at a time, and lines them up.
     *
     * @throws IOException the first track that cannot be read (the album is not judged without it)
     */
    public static AlbumResult measure(List<Path> files, int threads, TrackDone progress) throws IOException, InterruptedException {
        MeasurementPlan plan = MeasurementPlan.of(MEASURES);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, files.size())));
        try {
            List<Future<AlbumTrack>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    try {
                        return AlbumTrack.of(f, plan.measure(f, (info, done) -> { }));
                    } finally {
                        progress.done(f);
                    }
                }));
            }
            List<AlbumTrack> tracks = new ArrayList<>();
            for (Future<AlbumTrack> fu : futures) {
                try {
                    tracks.add(fu.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) throw io;
                    if (e.getCause() instanceof UncheckedIOException io) throw io.getCause();
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    throw new IllegalStateException(e.getCause());
                }
            }
            return lineUp(tracks);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The album figures, joins and outliers of tracks already measured. */
    public static AlbumResult lineUp(List<AlbumTrack> tracks) {
        List<TimeSeries> momentary = new ArrayList<>(), shortTerm = new ArrayList<>();
        double truePeak = Double.NEGATIVE_INFINITY;
        double[] lufs = new double[tracks.size()], truePeaks = new double[tracks.size()], samplePeaks = new double[tracks.size()];
        for (int i = 0; i < tracks.size(); i++) {
            AlbumTrack t = tracks.get(i);
            momentary.add(t.measurements().loudness().momentary());
            shortTerm.add(t.measurements().loudness().shortTerm());
            truePeak = Math.max(truePeak, t.truePeakDbtp());
            lufs[i] = t.integratedLufs();
            truePeaks[i] = t.truePeakDbtp();
            samplePeaks[i] = t.measurements().peaks().samplePeakDbfs();
        }
        List<AlbumResult.Transition> joins = new ArrayList<>();
        for (int i = 0; i + 1 < tracks.size(); i++) {
            AlbumTrack a = tracks.get(i), b = tracks.get(i + 1);
            joins.add(new AlbumResult.Transition(i, a.tailSilenceS() + b.headSilenceS(), a.fadeOutS(), b.fadeInS(), a.cut()));
        }
        return new AlbumResult(tracks, gatedLoudness(momentary), loudnessRange(shortTerm, momentary), truePeak,
                albumModes(lufs, truePeaks, samplePeaks), joins, outliers(tracks));
    }

    /**
     * Every streaming service of {@code check --platforms} playing the album at one gain: its own
     * rule ({@link StreamingService#gainDb}) applied to the loudest track's loudness and the
     * album's highest true peak, so the tracks keep their differences (docs/album.md: which
     * services say they do this). Spotify Loud's limiter is not run here: its figures are before
     * the limiter, and {@link AlbumResult.AlbumMode#limiterEngages()} says when it would act.
     * Tracks without a measurable loudness (silence) are left out; empty when none has one.
     */
    static List<AlbumResult.AlbumMode> albumModes(double[] lufs, double[] truePeakDbtp, double[] samplePeakDbfs) {
        int loudest = -1, quietest = -1;
        double albumTruePeak = Double.NEGATIVE_INFINITY, albumSamplePeak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < lufs.length; i++) {
            albumTruePeak = Math.max(albumTruePeak, truePeakDbtp[i]);
            albumSamplePeak = Math.max(albumSamplePeak, samplePeakDbfs[i]);
            if (!Double.isFinite(lufs[i])) continue;
            if (loudest < 0 || lufs[i] > lufs[loudest]) loudest = i;
            if (quietest < 0 || lufs[i] < lufs[quietest]) quietest = i;
        }
        if (loudest < 0) return List.of();
        List<AlbumResult.AlbumMode> out = new ArrayList<>();
        for (StreamingService s : StreamingService.values()) {
            double gain = s.gainDb(lufs[loudest], albumTruePeak);
            boolean limiter = s.raise() == StreamingService.Raise.THROUGH_LIMITER
                    && albumSamplePeak + gain > StreamingService.LOUD_LIMITER.ceilingDb();
            out.add(new AlbumResult.AlbumMode(s, gain,
                    loudest, lufs[loudest] + gain, truePeakDbtp[loudest] + gain,
                    quietest, lufs[quietest] + gain, truePeakDbtp[quietest] + gain,
                    albumTruePeak + gain, limiter));
        }
        return List.copyOf(out);
    }

    /** BS.1770-4 gating (absolute -70 LUFS, relative -10 LU) over the 400 ms blocks of every track together. */
    static double gatedLoudness(List<TimeSeries> momentary) {
        double[] blocks = complete(momentary, 0.4);
        if (blocks.length == 0) return Double.NaN;
        double relativeGate = meanLoudness(blocks, Double.NEGATIVE_INFINITY) - 10;
        return meanLoudness(blocks, relativeGate);
    }

    /** The loudness of the windows of {@code windowS} across each join, from the momentary series on both sides (NaN, silence, as no power). */
    static double[] straddling(List<TimeSeries> momentary, double windowS) {
        List<Double> out = new ArrayList<>();
        for (int k = 1; k < momentary.size(); k++) {
            TimeSeries before = momentary.get(k - 1), after = momentary.get(k);
            if (Math.abs(before.stepS() - after.stepS()) > 1e-9) continue;   // decimated series of very long tracks: no common slot
            int slots = (int) Math.round(windowS / after.stepS());
            if (before.size() < slots || after.size() < slots) continue;
            // a window ending at after's slot i (0-based) holds its slots 0..i and before's last slots - i - 1
            for (int i = 0; i < slots - 1; i++) {
                double p = 0;
                for (int j = 0; j <= i; j++) p += power(after.values()[j]);
                for (int j = before.size() - (slots - i - 1); j < before.size(); j++) p += power(before.values()[j]);
                out.add(p == 0 ? Double.NaN : -0.691 + 10 * Math.log10(p / slots));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double power(double lufs) {
        return Double.isFinite(lufs) ? Math.pow(10, (lufs + 0.691) / 10) : 0;
    }

    /** The values above -70 LUFS of windows of {@code windowS} that lie wholly inside their track (the meter's first ones are partial). */
    private static double[] complete(List<TimeSeries> series, double windowS) {
        return series.stream().flatMapToDouble(ts -> java.util.stream.IntStream.range(0, ts.size())
                        .filter(i -> ts.timeOf(i) >= windowS - 1e-9).mapToDouble(i -> ts.values()[i]))
                .filter(v -> v > -70).toArray();
    }

    private static double meanLoudness(double[] lufs, double gate) {
        double p = 0;
        int n = 0;
        for (double v : lufs) {
            if (v > gate) {
                p += Math.pow(10, (v + 0.691) / 10);
                n++;
            }
        }
        return n == 0 ? Double.NaN : -0.691 + 10 * Math.log10(p / n);
    }

    /**
     * EBU Tech 3342 over the album as one programme: short-term values above -70 LUFS and above
     * 20 LU under their mean, 10th to 95th percentile. The 3 s windows that straddle a join (the end
     * of one track and the start of the next) are not in any track's own series; they are rebuilt
     * from the momentary loudness on both sides of the join, each 100 ms step standing in for the
     * power of its own slot. Without them, the quiet windows across fades and gaps would be missing
     * and the album's range would read too small.
     */
    static double loudnessRange(List<TimeSeries> shortTerm, List<TimeSeries> momentary) {
        double[] st = java.util.stream.DoubleStream.concat(Arrays.stream(complete(shortTerm, 3.0)),
                Arrays.stream(straddling(momentary, 3.0))).filter(v -> v > -70).toArray();
        if (st.length == 0) return Double.NaN;
        double gate = meanLoudness(st, Double.NEGATIVE_INFINITY) - 20;
        double[] kept = Arrays.stream(st).filter(v -> v > gate).sorted().toArray();
        if (kept.length == 0) return Double.NaN;
        return percentile(kept, 0.95) - percentile(kept, 0.10);
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(q * (sorted.length - 1)))];
    }

    /** What an album is lined up by, with the threshold past which a track stands out. */
    enum Aspect {
        LOUDNESS(LOUDNESS_THRESHOLD_LU, "LU", "louder", "quieter", "integrated loudness"),
        BRIGHTNESS(BRIGHTNESS_THRESHOLD_DB, "dB", "brighter", "darker", "2-16 kHz against the 500 Hz-1.6 kHz body"),
        WIDTH(WIDTH_THRESHOLD_DB, "dB", "wider", "narrower", "side against mid");

        final double threshold;
        final String unit, more, less, figure;

        Aspect(double threshold, String unit, String more, String less, String figure) {
            this.threshold = threshold;
            this.unit = unit;
            this.more = more;
            this.less = less;
            this.figure = figure;
        }

        double of(AlbumTrack t) {
            return switch (this) {
                case LOUDNESS -> t.integratedLufs();
                case BRIGHTNESS -> t.brightnessDb();
                case WIDTH -> t.widthDb();
            };
        }
    }

    static List<AlbumResult.TrackFinding> outliers(List<AlbumTrack> tracks) {
        List<AlbumResult.TrackFinding> out = new ArrayList<>();
        for (int k = 0; k < tracks.size(); k++) {
            for (Aspect a : Aspect.values()) {
                double v = a.of(tracks.get(k));
                if (!Double.isFinite(v)) continue;
                List<Double> others = new ArrayList<>();
                for (int j = 0; j < tracks.size(); j++) {
                    double o = a.of(tracks.get(j));
                    if (j != k && Double.isFinite(o)) others.add(o);
                }
                // Against one other track, "the rest" is that track: each would be the outlier of the other.
                if (others.size() < 2) continue;
                double median = median(others);
                double spread = 1.4826 * median(others.stream().map(o -> Math.abs(o - median)).toList());
                double difference = v - median;
                if (Math.abs(difference) <= a.threshold || Math.abs(difference) <= SPREAD_FACTOR * spread) continue;
                out.add(new AlbumResult.TrackFinding(k, finding(a, k, tracks, v, median, spread, difference, others)));
            }
        }
        return out;
    }

    private static Finding finding(Aspect a, int k, List<AlbumTrack> tracks, double v, double median, double spread, double difference,
                                   List<Double> others) {
        String name = "Track " + (k + 1) + " (" + fileName(tracks.get(k).file()) + ")";
        String direction = difference > 0 ? a.more : a.less;
        double lo = others.stream().mapToDouble(Double::doubleValue).min().orElse(median), hi = others.stream().mapToDouble(Double::doubleValue).max().orElse(median);
        String message = String.format(Locale.ROOT, "%s is %.1f %s %s than the other tracks (%s: %s against their median %s, range %s to %s).",
                name, Math.abs(difference), a.unit, direction, a.figure, fmt(v, a), fmt(median, a), fmt(lo, a), fmt(hi, a));
        String neighbours = k == 0 ? "into track 2" : "from track " + k + " into track " + (k + 1);
        String hint = switch (a) {
            case LOUDNESS -> "Listen " + neighbours + ": services play an album at one gain, so this jump reaches the listener as it is. "
                    + "If the track is not meant to stand out, bring its master in line.";
            case BRIGHTNESS -> "Listen " + neighbours + ": the ear adapts to the album's tone, so a " + direction
                    + " track sounds " + (difference > 0 ? "thin and edgy" : "dull and small") + " beside the rest. Check its master EQ against its neighbours.";
            case WIDTH -> "Listen " + neighbours + " on headphones: the stereo image " + (difference > 0 ? "opens up" : "collapses")
                    + " at the change. If that is not meant, check the track's stereo processing.";
        };
        return Finding.whole(FindingCode.ALBUM_OUTLIER, Severity.WARNING, message, hint, Map.of(
                "value", v, "others_median", median, "difference", difference, "others_spread", spread, "threshold", a.threshold));
    }

    private static String fmt(double v, Aspect a) {
        return a == Aspect.LOUDNESS ? String.format(Locale.ROOT, "%.1f LUFS", v) : String.format(Locale.ROOT, "%+.1f dB", v);
    }

    static String fileName(Path p) {
        Path n = p.getFileName();
        return n == null ? p.toString() : n.toString();
    }

    static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
