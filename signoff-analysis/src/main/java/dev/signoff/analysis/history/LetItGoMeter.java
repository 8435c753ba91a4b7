package dev.signoff.analysis.history;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.diff.Audibility;
import dev.signoff.analysis.diff.BounceSketch;
import dev.signoff.analysis.diff.Change;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.VersionDiff;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.vocal.VocalChoice;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;

/**
 * The "let it go" meter: across a project's versions, how much each one changed from the one
 * before, measured against what listeners can reliably hear, and whether the latest still has a
 * problem. When the recent changes are all below the just-noticeable difference and no problem is
 * open, it says plainly that the mix is being polished, not improved.
 *
 * <p>Input: the versions, oldest first (see {@link VersionOrder}). Each is sketched once
 * ({@link BounceSketch}) and compared with the one before ({@link VersionDiff}); the latest is also
 * checked ({@link MixCheck}). A step's size is its largest change in units of that change's JND
 * ({@link Audibility#index}; 1 = just noticeable): the size of what a listener would notice first.
 *
 * <p>Verdict, in this order:
 * <ol>
 *   <li>one version: nothing to compare yet;</li>
 *   <li>a finding of severity problem in the latest version: fix it first, whatever the trend;</li>
 *   <li>the last {@value #RECENT} steps (or the only one) all under 1 JND: let it go;</li>
 *   <li>the last step under 1 JND, the one before not: settling, one more like it and it is time;</li>
 *   <li>otherwise the mix is still changing audibly.</li>
 * </ol>
 * Two steps rather than one, because a single small step may be a careful fix; two in a row are the
 * polishing the field guide describes.
 */
public final class LetItGoMeter {
    /** How many of the latest steps must all be under the JND. */
    public static final int RECENT = 2;
    /** The latest version's check: every measure, no devices. */
    private static final MeasurementPlan CHECK = MeasurementPlan.forCheck(List.of());

    public enum Verdict { ONE_VERSION, FIX_PROBLEMS_FIRST, LET_IT_GO, SETTLING, STILL_CHANGING }

    /**
     * One version and how it changed from the one before.
     *
     * @param file         the version
     * @param fromPrevious how it changed from the one before, or null for the first
     * @param cached       whether that comparison was read from the {@link StepCache} rather than made
     */
    public record Step(Path file, Comparison fromPrevious, boolean cached) {
        /** Its largest change in JNDs (NaN for the first). */
        public double jnd() {
            return fromPrevious == null ? Double.NaN : fromPrevious.jnd();
        }

        /** That change, or null when nothing changed (or for the first). */
        public Change largest() {
            return fromPrevious == null ? null : fromPrevious.largest();
        }
    }

    /**
     * What the meter keeps of a comparison of two consecutive versions (all its reports show).
     *
     * @param jnd            the largest change in JNDs ({@link DiffResult#largestAudibilityIndex})
     * @param changes        how many changes
     * @param audibleChanges of which at least the JND
     * @param largest        the change of that size, or null when nothing changed
     */
    public record Comparison(double jnd, int changes, int audibleChanges, Change largest) {
        static Comparison of(DiffResult d) {
            return new Comparison(d.largestAudibilityIndex(), d.changes().size(), d.audibleChanges().size(),
                    d.changes().stream().max(Comparator.comparingDouble(Audibility::index)).orElse(null));
        }
    }

    /**
     * The meter's reading.
     *
     * @param steps       every version, oldest first
     * @param latestCheck the latest version checked
     * @param verdict     the verdict
     * @param message     the verdict in one or two plain sentences
     */
    public record Result(List<Step> steps, CheckResult latestCheck, Verdict verdict, String message) {}

    private LetItGoMeter() {}

    /** Reads the meter over {@code versions}, oldest first. */
    public static Result measure(List<Path> versions) throws IOException {
        return measure(versions, null, done -> { });
    }

    /**
     * Reads the meter over {@code versions}, oldest first, telling {@code progress} the fraction
     * done (0 to 1): each version's sketch, each comparison and the latest version's check count
     * in proportion to the passes over the audio they make (1, 3 and 2). With a {@code cache}, a
     * pair compared before is read from it (and needs no sketch), and each new comparison is kept.
     * The latest version is checked first, and sketched in the same decoding when it is compared.
     */
    public static Result measure(List<Path> versions, StepCache cache, DoubleConsumer progress) throws IOException {
        if (versions.isEmpty()) throw new IllegalArgumentException("no versions to compare");
        double total = versions.size() + 3.0 * (versions.size() - 1) + 2;
        double[] done = {0};
        int last = versions.size() - 1;
        List<Comparison> kept = new ArrayList<>();
        for (int i = 1; i <= last; i++) kept.add(cache == null ? null : cache.get(versions.get(i - 1), versions.get(i)).orElse(null));
        // The latest version is checked first: when its comparison is to be made, the check's
        // decoding sketches it as well.
        Path latestFile = versions.get(last);
        BounceSketch.Sketcher[] latestSketcher = {null};
        boolean sketchLatest = last > 0 && kept.get(last - 1) == null;
        long t0 = System.nanoTime();
        Measurements measured = CHECK.measure(latestFile,
                info -> sketchLatest ? List.of(latestSketcher[0] = new BounceSketch.Sketcher(info)) : List.of(), (info, frames) -> {
                    if (info.frames() > 0) progress.accept(2.0 * Math.min(frames, info.frames()) / info.frames() / total);
                });
        CheckResult latest = MixCheck.judge(latestFile, measured, List.of(), List.of(), VocalChoice.DETECT, t0);
        done[0] += sketchLatest ? 3 : 2;
        progress.accept(done[0] / total);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(versions.get(0), null, false));
        BounceSketch previous = null;
        for (int i = 1; i <= last; i++) {
            Path older = versions.get(i - 1), newer = versions.get(i);
            if (kept.get(i - 1) != null) {
                steps.add(new Step(newer, kept.get(i - 1), true));
                previous = null;
                done[0] += 4 + (i == 1 ? 1 : 0);
                progress.accept(done[0] / total);
                continue;
            }
            if (previous == null) {
                previous = BounceSketch.of(older);
                if (i == 1) progress.accept(++done[0] / total);   // later, the cache hit before counted it
            }
            BounceSketch sketch;
            if (i == last) {
                sketch = latestSketcher[0].result(newer);
            } else {
                sketch = BounceSketch.of(newer);
                progress.accept(++done[0] / total);
            }
            double before = done[0];
            DiffResult d = VersionDiff.run(previous, sketch, f -> progress.accept((before + 3 * f) / total));
            done[0] += 3;
            Comparison c = Comparison.of(d);
            if (cache != null) cache.put(older, newer, c);
            steps.add(new Step(newer, c, false));
            previous = sketch;
        }
        progress.accept(1);
        List<Finding> problems = latest.findings().stream().filter(f -> f.severity() == Severity.PROBLEM).toList();
        double[] jnd = steps.stream().mapToDouble(Step::jnd).toArray();
        Verdict verdict = judge(jnd, !problems.isEmpty());
        return new Result(steps, latest, verdict, message(verdict, steps, problems));
    }

    /** The verdict from each version's step in JNDs (the first NaN) and whether the latest has a problem. */
    public static Verdict judge(double[] jnd, boolean problemOpen) {
        if (jnd.length < 2) return Verdict.ONE_VERSION;
        if (problemOpen) return Verdict.FIX_PROBLEMS_FIRST;
        int recent = Math.min(RECENT, jnd.length - 1);
        boolean allSmall = true;
        for (int i = jnd.length - recent; i < jnd.length; i++) if (!(jnd[i] < 1)) allSmall = false;
        if (allSmall) return Verdict.LET_IT_GO;
        return jnd[jnd.length - 1] < 1 ? Verdict.SETTLING : Verdict.STILL_CHANGING;
    }

    static String message(Verdict v, List<Step> steps, List<Finding> problems) {
        Change c = steps.get(steps.size() - 1).largest();
        return message(v, steps.size(), c == null ? null : c.message(), problems.size(),
                problems.stream().map(f -> f.code().name()).distinct().toList());
    }

    /**
     * The verdict in plain words, from what is known about the versions without their files (the
     * review server keeps each step's size and largest change).
     *
     * @param versions      how many versions the meter read
     * @param latestLargest the message of the latest step's largest change, or null
     * @param problems      findings of severity problem in the latest version
     * @param problemCodes  their codes, each once
     */
    public static String message(Verdict v, int versions, String latestLargest, int problems, List<String> problemCodes) {
        int n = versions;
        return switch (v) {
            case ONE_VERSION -> "One version so far: nothing to compare it with yet.";
            case FIX_PROBLEMS_FIRST -> String.format(Locale.ROOT, "%d %s open in the latest version (%s): fix %s before signing off.",
                    problems, problems == 1 ? "problem is" : "problems are",
                    String.join(", ", problemCodes), problems == 1 ? "it" : "them");
            case LET_IT_GO -> (n == 2 ? "The latest version changed" : "The last " + Math.min(RECENT, n - 1) + " versions changed")
                    + " less than listeners can reliably hear, and no problems are open: the mix is being polished, not improved - time to sign it off.";
            case SETTLING -> "The latest version changed less than listeners can reliably hear. If the next one does too, it is time to sign it off.";
            case STILL_CHANGING -> "The latest version still changes audibly"
                    + (latestLargest == null ? "" : " (" + lowerFirst(latestLargest).replaceAll("\\.$", "") + ")")
                    + ": the mix is still moving.";
        };
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1))) ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
