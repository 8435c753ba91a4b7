package dev.signoff.analysis.diff;

import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.AnalysisPipeline;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.analysis.quiet.QuietPassageFinder;
import dev.signoff.analysis.sections.Section;
import dev.signoff.analysis.sections.SectionFinder;
import dev.signoff.analysis.sections.SectionsResult;
import dev.signoff.analysis.spectrum.SpectrumAnalyser;
import dev.signoff.analysis.spectrum.Stft;
import dev.signoff.analysis.stereo.StereoAnalyser;
import dev.signoff.analysis.technical.SampleCheckingReader;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.DoubleConsumer;
import java.util.function.LongConsumer;

/**
 * The `diff` job for two versions of a mix: what changed between them.
 *
 * <ol>
 *   <li>First pass, both files at once on two threads: a {@link BounceSketch} of each (onset envelope).</li>
 *   <li>{@link BounceAligner}: the lag, to the sample.</li>
 *   <li>Second pass: both files decoded side by side over the part they share
 *       ({@link PairedReader}), one decoding of each feeding, per version, a loudness meter, a long
 *       STFT with the spectrum and stereo analysers of `check` (and, for the new version, the
 *       section finder), a {@link QuietPassageFinder} (the stops and the hum in them), and a short
 *       STFT; the paired spectra feed {@link ChannelCorrelation} (polarity, null test) and
 *       {@link NoiseScanner}. Two lanes, as in {@link MixCheck}.</li>
 *   <li>{@link ChangeFinder} turns the measurements into {@link Change}s.</li>
 * </ol>
 * Both versions must have the same sample rate. Each is compared on its front pair (a mono version
 * as the same signal left and right).
 */
public final class VersionDiff {
    /** Below this much shared music there is nothing meaningful to compare. */
    static final double MIN_SHARED_S = 1.0;
    /** Frames quieter than this (dBFS, channels summed) count as silence when saying what was added at an end. */
    static final double SILENCE_DBFS = -70;
    /** A band whose power in a window is at least this much unexplained noise is left out of the other comparisons there, dB. */
    static final double NOISE_BAND_SHARE_DB = -10;

    private VersionDiff() {}

    /**
     * Share of the progress given to the first pass: for versions that line up as they are it is
     * the whole comparison; otherwise the paired pass runs again over the part they share.
     */
    static final double FIRST_PASS_SHARE = 0.5;

    /** Compares {@code newer} with {@code older}. */
    public static DiffResult run(Path older, Path newer) throws IOException {
        return run(older, newer, done -> { });
    }

    /**
     * Compares {@code newer} with {@code older}, telling {@code progress} the fraction done (0 to 1) as the passes advance.
     *
     * <p>One pass decodes both files, sketches each whole file for the alignment and, betting that
     * the versions line up as they are (a bounce of the same session, the usual revision), measures
     * them side by side from their first samples as the paired pass does. When the alignment finds
     * them in line to the sample, those are the comparison's measurements and each file was decoded
     * once; otherwise the paired pass runs again over the part they share, lined up.
     */
    public static DiffResult run(Path older, Path newer, DoubleConsumer progress) throws IOException {
        long t0 = System.nanoTime();
        BounceSketch oldSketch, newSketch;
        Measured asTheyAre;
        try (AudioReader oldFile = new SampleCheckingReader(AudioDecoders.open(older)); AudioReader newFile = new SampleCheckingReader(AudioDecoders.open(newer))) {
            checkRates(older, oldFile.info(), newer, newFile.info());
            BounceSketch.Sketcher oldSketcher = new BounceSketch.Sketcher(oldFile.info()), newSketcher = new BounceSketch.Sketcher(newFile.info());
            double shorter = Math.min(lengthForProgress(oldFile.info()), lengthForProgress(newFile.info()));
            Alignment inLine = new Alignment(0, oldFile.info().sampleRate(), 0, Double.NaN, true);
            ReadAhead o = new ReadAhead(oldFile, oldSketcher), n = new ReadAhead(newFile, newSketcher);
            try {
                Bet bet = new Bet(new PairedReader(o, n, inLine), oldSketcher, newSketcher);
                Measured measured = measure(bet, oldFile.info(), newFile.info(),
                        frames -> progress.accept(FIRST_PASS_SHARE * Math.min(1, frames / shorter)));
                asTheyAre = bet.lost ? null : measured;
                o.finish();
                n.finish();
            } finally {
                o.stop();
                n.stop();
            }
            oldSketch = oldSketcher.result(older);
            newSketch = newSketcher.result(newer);
        }
        Alignment alignment = align(oldSketch, newSketch);
        if (asTheyAre != null && alignment.oldSkipFrames() == 0 && alignment.newSkipFrames() == 0) {
            progress.accept(1);
            return describe(oldSketch, newSketch, alignment, asTheyAre, t0);
        }
        return run(oldSketch, newSketch, alignment, done -> progress.accept(FIRST_PASS_SHARE + (1 - FIRST_PASS_SHARE) * done), t0);
    }

    /**
     * The first pass's side-by-side reading, given up once the versions' onsets over the first
     * {@value #BET_CHECK_S} s put them clearly out of line (by two sketch frames or more): it ends
     * there, and the sketches go on to the end of the files without measuring the rest for nothing.
     * A wrong call costs time, not results: when the alignment finds the versions in line after all,
     * the paired pass runs.
     */
    private static final class Bet implements AudioReader {
        private final PairedReader paired;
        private final BounceSketch.Sketcher older, newer;
        private final long checkAt;
        private long position;
        private boolean checked;
        boolean lost;

        Bet(PairedReader paired, BounceSketch.Sketcher older, BounceSketch.Sketcher newer) {
            this.paired = paired;
            this.older = older;
            this.newer = newer;
            checkAt = Math.round(BET_CHECK_S * paired.info().sampleRate());
        }

        @Override
        public StreamInfo info() {
            return paired.info();
        }

        @Override
        public AudioBlock read(int maxFrames) throws IOException {
            if (lost) return null;
            if (!checked && position >= checkAt) {
                checked = true;
                float[] x = older.fluxSoFar(), y = newer.fluxSoFar();
                int common = Math.min(x.length, y.length);
                int lag = BounceAligner.coarseLags(Arrays.copyOf(x, common), Arrays.copyOf(y, common), 1)[0];
                if (Math.abs(lag) >= 2) {
                    lost = true;
                    return null;
                }
            }
            AudioBlock block = paired.read(maxFrames);
            if (block != null) position += block.frames();
            return block;
        }

        @Override
        public void close() throws IOException {
            paired.close();
        }
    }

    /** Seconds into the files at which the first pass checks that the versions line up as they are. */
    static final double BET_CHECK_S = 30;

    /** A stream's length in frames, or the largest there is when its header does not say (the progress then waits for the end). */
    private static double lengthForProgress(StreamInfo info) {
        return info.frames() > 0 ? info.frames() : Double.MAX_VALUE;
    }

    private static void checkRates(Path older, StreamInfo oldInfo, Path newer, StreamInfo newInfo) {
        if (newInfo.sampleRate() != oldInfo.sampleRate()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s is %s Hz and %s %s Hz: bounce both at the same sample rate to compare them",
                    name(older), oldInfo.sampleRate(), name(newer), newInfo.sampleRate()));
        }
    }

    /** Work on a file that may fail with an {@link IOException}. */
    interface IoTask<T> {
        T run() throws IOException;
    }

    /** Runs {@code second} on another thread while this one runs {@code first}; their results in that order (either may be null). */
    static <T> List<T> inParallel(IoTask<T> first, IoTask<T> second) throws IOException {
        CompletableFuture<T> other = CompletableFuture.supplyAsync(() -> {
            try {
                return second.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        T mine = first.run();
        try {
            return java.util.Arrays.asList(mine, other.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** Compares two already sketched versions (a history sketches each version once for two comparisons). */
    public static DiffResult run(BounceSketch older, BounceSketch newer) throws IOException {
        return run(older, newer, done -> { });
    }

    /** As {@link #run(BounceSketch, BounceSketch)}, telling {@code progress} the fraction of the paired pass done. */
    public static DiffResult run(BounceSketch older, BounceSketch newer, DoubleConsumer progress) throws IOException {
        long t0 = System.nanoTime();
        checkRates(older.file(), older.info(), newer.file(), newer.info());
        return run(older, newer, align(older, newer), progress, t0);
    }

    /** The alignment, once it is clear the versions share enough music to compare. */
    private static Alignment align(BounceSketch older, BounceSketch newer) throws IOException {
        Alignment alignment = BounceAligner.align(older, newer);
        if (shared(older, newer, alignment) < MIN_SHARED_S * older.info().sampleRate()) {
            throw new IllegalArgumentException(name(older.file()) + " and " + name(newer.file()) + " share less than a second of music: nothing to compare");
        }
        return alignment;
    }

    private static long shared(BounceSketch older, BounceSketch newer, Alignment alignment) {
        return Math.min(older.frames() - alignment.oldSkipFrames(), newer.frames() - alignment.newSkipFrames());
    }

    /** The paired pass over the part the versions share, lined up, and the changes. */
    private static DiffResult run(BounceSketch older, BounceSketch newer, Alignment alignment, DoubleConsumer progress, long t0) throws IOException {
        double shared = shared(older, newer, alignment);
        Measured measured;
        try (AudioReader o = new ReadAhead(new SampleCheckingReader(AudioDecoders.open(older.file())), null);
             AudioReader n = new ReadAhead(new SampleCheckingReader(AudioDecoders.open(newer.file())), null);
             PairedReader paired = new PairedReader(o, n, alignment)) {
            measured = measure(paired, older.info(), newer.info(), done -> progress.accept(Math.min(1, done / shared)));
        }
        return describe(older, newer, alignment, measured, t0);
    }

    /** What a paired pass measured: each version's measures and the paired listeners'. */
    private record Measured(VersionMeasures oldSide, VersionMeasures newSide, ChannelCorrelation correlation, NoiseScanner noise,
                            SampleDifference difference) {}

    /**
     * One paired pass: each version is measured on a lane (a core) of its own, the paired
     * listeners on the new version's; the reader pairs the blocks and compares their samples.
     */
    private static Measured measure(AudioReader paired, StreamInfo older, StreamInfo newer, LongConsumer progress) throws IOException {
        VersionMeasures oldSide = new VersionMeasures(PairedReader.versionInfo(older), false);
        VersionMeasures newSide = new VersionMeasures(PairedReader.versionInfo(newer), true);
        SpectraPairs longPairs = new SpectraPairs();
        ChannelCorrelation correlation = new ChannelCorrelation();
        longPairs.addListener(correlation);
        oldSide.longStft.addListener(longPairs.olderSide());
        newSide.longStft.addListener(longPairs.newerSide());
        SpectraPairs shortPairs = new SpectraPairs();
        NoiseScanner noise = new NoiseScanner(newSide.shortStft, older.sampleRate());
        shortPairs.addListener(noise);
        oldSide.shortStft.addListener(shortPairs.olderSide());
        newSide.shortStft.addListener(shortPairs.newerSide());
        SampleDifference difference = new SampleDifference();
        AnalysisPipeline pipeline = new AnalysisPipeline(List.of(difference),
                List.of(new VersionChannels(PairedReader.OLD, oldSide.analysers())),
                List.of(new VersionChannels(PairedReader.NEW, newSide.analysers())));
        pipeline.run(paired, MixCheck.BLOCK_FRAMES, progress);
        return new Measured(oldSide, newSide, correlation, noise, difference);
    }

    /** The changes, from a paired pass's measurements. */
    private static DiffResult describe(BounceSketch older, BounceSketch newer, Alignment alignment, Measured m, long t0) {
        int fs = older.info().sampleRate();
        long shared = shared(older, newer, alignment);
        double offsetS = alignment.newSkipFrames() / (double) fs;
        LoudnessMeter oldLoudness = m.oldSide().loudness, newLoudness = m.newSide().loudness;
        StereoAnalyser oldStereo = m.oldSide().stereo, newStereo = m.newSide().stereo;
        SpectrumAnalyser oldSpectrum = m.oldSide().spectrum, newSpectrum = m.newSide().spectrum;
        QuietPassageFinder oldQuiet = m.oldSide().quiet, newQuiet = m.newSide().quiet;
        SectionFinder sectionFinder = m.newSide().sections;
        ChannelCorrelation correlation = m.correlation();
        NoiseScanner noise = m.noise();
        SampleDifference difference = m.difference();

        SectionsResult sharedSections = sectionFinder.result().withLoudness(newLoudness.result().shortTerm());
        DiffGrid grid = new DiffGrid(oldSpectrum.result(), newSpectrum.result(), oldStereo.result(), newStereo.result(),
                oldStereo.bandSumsOverTime(), newStereo.bandSumsOverTime(), StereoAnalyser.bandEdgesHz());
        SectionsResult sections = shifted(sharedSections, offsetS);
        double[] corr = {correlation.correlation(0), correlation.correlation(1)};
        double[] swapped = {correlation.swappedCorrelation(0), correlation.swappedCorrelation(1)};

        List<Change> changes = new ArrayList<>(timing(older, newer, alignment));
        List<Change> noiseChanges = new ArrayList<>(ChangeFinder.noise(noise.result(), offsetS, newer.durationS()));
        noiseChanges.addAll(ChangeFinder.hum(oldQuiet.result(), newQuiet.result(), offsetS));
        changes.addAll(noiseChanges);
        // Noise explains the passages it is in; they are left out of the other comparisons. What a
        // noisy part's move leaves unexplained reads as noise too: the scope check may read a part
        // there after all (ChangeProbe#includingNoise).
        DiffGrid withNoise = grid.copy();
        double half = noise.result().windowS() / 2;
        for (Change c : noiseChanges) if (c.noise().humHz() == null) for (Span s : c.spans()) grid.exclude(s.startS() - offsetS - half, s.endS() - offsetS + half);
        grid.excludeNoise(noise.result(), NOISE_BAND_SHARE_DB);
        for (Change c : noiseChanges) {
            NoiseChange n = c.noise();
            if (n.humHz() == null) continue;
            boolean inNew = n.direction() != NoiseChange.Direction.REMOVED && n.direction() != NoiseChange.Direction.QUIETER;
            grid.excludeHum(n.humHz(), inNew, NOISE_BAND_SHARE_DB);
            withNoise.excludeHum(n.humHz(), inNew, NOISE_BAND_SHARE_DB);
        }
        ChangeFinder finder = new ChangeFinder(grid, sharedSections.sections(), sections.sections(), offsetS, newer.durationS());
        changes.addAll(finder.polarity(corr, swapped));
        // A flipped channel turns the mid into the side and back: the polarity change says it all.
        if (!finder.oneChannelInverted(corr)) {
            changes.addAll(finder.level(oldLoudness.result().integratedLufs(), newLoudness.result().integratedLufs()));
            changes.addAll(finder.tonal());
            changes.addAll(finder.width());
        }
        changes.addAll(finder.balance());
        changes.sort(ORDER);

        // With one channel flipped the mid compares nothing like-for-like: no level then.
        double level = finder.oneChannelInverted(corr) ? Double.NaN : finder.levelBaselineDb;
        boolean identical = difference.max() == 0;
        double gain = correlation.nullGain();
        double residual = identical ? Double.NEGATIVE_INFINITY : correlation.residualDb(Double.isFinite(gain) ? gain : 1);
        ChangeMap map = new ChangeMap(offsetS, grid.stepS, grid.centre.clone(), grid.map(Double.isFinite(level) ? level : 0));
        return new DiffResult(older.file(), newer.file(), older.info(), newer.info(), older.durationS(), newer.durationS(),
                alignment, offsetS, shared / (double) fs, level,
                oldLoudness.result().integratedLufs(), newLoudness.result().integratedLufs(), residual, identical,
                corr, changes, map, sections, new ChangeProbe(grid, withNoise, offsetS),
                (System.nanoTime() - t0) / 1e9);
    }

    /**
     * What the paired pass measures of one version: a BS.1770 loudness meter with the stops (and
     * the hum in them) as `check` reads them; the long STFT with the stereo picture, the mid's band
     * levels and, for the new version, the sections; and the noise scanner's short STFT.
     */
    private static final class VersionMeasures {
        final LoudnessMeter loudness;
        final QuietPassageFinder quiet;
        final Stft longStft, shortStft;
        final StereoAnalyser stereo;
        final SpectrumAnalyser spectrum;
        final SectionFinder sections;

        VersionMeasures(StreamInfo info, boolean withSections) {
            loudness = new LoudnessMeter(info);
            quiet = new QuietPassageFinder(info, loudness);
            longStft = new Stft(info);
            stereo = new StereoAnalyser(info, longStft);
            longStft.addListener(stereo);
            spectrum = new SpectrumAnalyser(info, longStft);
            longStft.addListener(new MidSpectra(longStft, spectrum));
            sections = withSections ? new SectionFinder(info, longStft) : null;
            if (sections != null) longStft.addListener(sections);
            shortStft = NoiseScanner.stftFor(info);
        }

        /** In the order they must run: the quiet-passage finder reads the loudness meter's blocks. */
        List<Analyser> analysers() {
            return List.of(loudness, quiet, longStft, shortStft);
        }
    }

    /** Audible changes first; then by kind in the enum's order; then the biggest first. */
    static final Comparator<Change> ORDER = Comparator.comparing((Change c) -> !c.audible())
            .thenComparing(Change::kind)
            .thenComparing(c -> -Audibility.index(c));

    /** Time added or taken away at the start and the end, and an alignment that could not be refined. */
    static List<Change> timing(BounceSketch older, BounceSketch newer, Alignment a) {
        List<Change> out = new ArrayList<>();
        int fs = older.info().sampleRate();
        long lag = a.lagFrames();
        if (Math.abs(lag) >= ChangeFinder.MIN_TIMING_S * fs) {
            double s = Math.abs(lag) / (double) fs;
            boolean added = lag > 0;
            boolean silent = added ? silent(newer, 0, lag) : silent(older, 0, -lag);
            String what = silent ? "silence" : "music";
            String msg = String.format(Locale.ROOT, "The music starts %s s %s: %s s of %s %s the start.",
                    seconds(s), added ? "later" : "earlier", seconds(s), what, added ? "added at" : "taken from");
            List<Span> spans = added ? List.of(new Span(0, s)) : List.of();
            out.add(new Change(ChangeKind.TIMING, null, null, null, spans, null, added ? s : -s, "at the start", msg, !silent));
        }
        long oldEndInNew = older.frames() + lag;
        long tail = newer.frames() - oldEndInNew;
        if (Math.abs(tail) >= ChangeFinder.MIN_TIMING_S * fs) {
            double s = Math.abs(tail) / (double) fs;
            boolean added = tail > 0;
            boolean silent = added ? silent(newer, oldEndInNew, newer.frames()) : silent(older, newer.frames() - lag, older.frames());
            String what = silent ? "silence" : "music";
            String msg = String.format(Locale.ROOT, "The new version %s: %s s of %s %s the end.",
                    added ? "runs " + seconds(s) + " s longer" : "ends " + seconds(s) + " s sooner", seconds(s), what, added ? "added at" : "taken from");
            List<Span> spans = added ? List.of(new Span(oldEndInNew / (double) fs, newer.durationS())) : List.of();
            out.add(new Change(ChangeKind.TIMING, null, null, null, spans, null, added ? s : -s, "at the end", msg, !silent));
        }
        if (!a.refined()) {
            out.add(new Change(ChangeKind.TIMING, null, null, null, List.of(), null, null, "whole song",
                    "The versions do not line up sample for sample: part of the music was re-recorded, edited or re-timed. They are compared as "
                            + "lined up by their onsets (to about 20 ms); the null test and the noise reading mean little.", true));
        }
        return out;
    }

    /** Whether every sketch frame overlapping samples [from, to) is quieter than {@value #SILENCE_DBFS} dBFS. */
    static boolean silent(BounceSketch s, long from, long to) {
        // Frames wholly inside the stretch: the frame where the music begins is not part of it.
        int a = (int) Math.max(0, (from + s.hopFrames() - 1) / s.hopFrames()), b = (int) Math.min(s.levelDb().length, to / s.hopFrames());
        for (int i = a; i < b; i++) if (s.levelDb()[i] > SILENCE_DBFS) return false;
        return true;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, s < 10 ? "%.3f" : "%.1f", s);
    }

    static SectionsResult shifted(SectionsResult r, double offsetS) {
        List<Section> out = new ArrayList<>();
        for (Section s : r.sections()) {
            out.add(new Section(s.startS() + offsetS, s.endS() + offsetS, s.label(), s.quiet(), s.levelDb(), s.loudnessLufs(), s.energyRank(), s.chorus()));
        }
        return new SectionsResult(out, r.chorusLabel());
    }

    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

}
