package dev.signoff.analysis.revisions;

import dev.signoff.analysis.diff.Audibility;
import dev.signoff.analysis.diff.Change;
import dev.signoff.analysis.diff.ChangeKind;
import dev.signoff.analysis.diff.ChangeProbe;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.Span;
import dev.signoff.analysis.diff.Where;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Prose;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scope check: what was asked for in a round against what changed between two versions, so
 * the engineer sees which requests were done, which were not, and which changes nobody asked for
 * (the re-tweaking the field guide warns about).
 *
 * <p>Input: a {@link DiffResult} and the round's {@link RevisionItem}s. Each item is read by the
 * {@link RequestParser}; its scope becomes stretches of the new version through the song's sections
 * ({@link Scope#spans}). The status comes from what the {@link ChangeProbe} measures there, never
 * from a listed change alone (a change nearby that happens to fit would otherwise call a request
 * done when nothing it asked for moved): a part's move where it plays ({@link ChangeProbe#part}),
 * a frequency range against the level, the level, the width or the balance. Under
 * {@value #PROBE_FLOOR_DB} dB (or 3 standard errors) the request is not found; against the asked
 * direction, done the other way, whether or not it gave an amount; the asked way, done only when
 * at least the just-noticeable difference of what it is about or half the asked amount
 * ({@link #neededDb}), otherwise not found. The listed changes that go the measured way and fit
 * what the request is about (a frequency range: a tonal change whose range overlaps it; the whole
 * mix: a level change; width or reverb: a width change; balance: a balance change) answer it.
 *
 * <p>Output: per request a status (done, done the other way, not found, not measurable by Signoff,
 * not understood) with the reading and the changes that answer it; and the changes no request
 * accounts for.
 */
public final class ScopeCheck {
    /** A probed change is read at all when at least this big (and 3 standard errors): the tonal reporting floor, since a region read against the level moves by a few tenths when other ranges changed. */
    static final double PROBE_FLOOR_DB = 0.5;
    /** A change's frequency range must overlap a request's by this share of the narrower of the two (in octaves). */
    static final double MIN_OVERLAP = 0.25;
    /** For a level request with an amount: a difference beyond this is pointed out, dB. */
    static final double AMOUNT_TOLERANCE_DB = 0.5;

    public enum Status { DONE, OPPOSITE, NOT_FOUND, NOT_MEASURABLE, NOT_UNDERSTOOD }

    /**
     * What became of one request.
     *
     * @param request    the request as understood
     * @param status     what became of it
     * @param spans      where it applies in the new version (empty: the whole song)
     * @param where      that in words
     * @param measuredDb the change measured there, or null
     * @param matching   the listed changes that answer it
     * @param message    one plain sentence
     */
    public record Outcome(RevisionRequest request, Status status, List<Span> spans, String where, Double measuredDb,
                          List<Change> matching, String message) {
        public Outcome {
            spans = List.copyOf(spans);
            matching = List.copyOf(matching);
        }
    }

    /**
     * @param asked   each request and what became of it, in the order given
     * @param unasked the changes no request accounts for, in the diff's order
     */
    public record Result(List<Outcome> asked, List<Change> unasked) {
        public Result {
            asked = List.copyOf(asked);
            unasked = List.copyOf(unasked);
        }
    }

    private ScopeCheck() {}

    /** Checks the items of a round against a diff. */
    public static Result check(DiffResult diff, List<RevisionItem> items) {
        RequestParser parser = RequestParser.builtIn();
        Where where = new Where(diff.sections().sections());
        List<Outcome> outcomes = new ArrayList<>();
        Set<Change> accounted = new LinkedHashSet<>();
        for (RevisionItem item : items) {
            Outcome o = outcome(diff, parser.parse(item), where);
            outcomes.add(o);
            accounted.addAll(o.matching());
        }
        List<Change> unasked = diff.changes().stream().filter(c -> !accounted.contains(c)).toList();
        return new Result(outcomes, unasked);
    }

    /** Checks plain request texts (the command line's --asked). */
    public static Result checkTexts(DiffResult diff, List<String> texts) {
        return check(diff, texts.stream().map(RevisionItem::of).toList());
    }

    private static Outcome outcome(DiffResult diff, RevisionRequest r, Where where) {
        if (!r.understood()) {
            String msg = r.target() == null ? "Signoff could not tell what this asks to change; have a listen."
                    : "Signoff could not tell which way this asks " + r.target().name() + " to go.";
            return new Outcome(r, Status.NOT_UNDERSTOOD, List.of(), "", null, List.of(), msg);
        }
        List<Span> spans = r.scope().spans(diff.sections().sections());
        String place = r.scope().wholeSong() ? "the whole song" : spans.isEmpty() ? "the whole song" : where.describe(spans);
        String unresolved = r.scope().resolved(diff.sections().sections()) ? "" : " (no " + r.scope().section() + " found, so over the whole song)";
        Vocabulary.Entry t = r.target();
        if (t.measure() == Vocabulary.Measure.DYNAMICS || t.measure() == Vocabulary.Measure.SIBILANCE) {
            return new Outcome(r, Status.NOT_MEASURABLE, spans, place, null, List.of(),
                    "The diff does not compare " + (t.measure() == Vocabulary.Measure.DYNAMICS ? "dynamics" : "sibilance") + " between versions yet; listen for it.");
        }
        boolean element = t.kind() == Vocabulary.Kind.ELEMENT && t.hasRange();
        ChangeProbe probe = diff.probe();
        ChangeProbe.Reading reading = element ? probe.part(t.loHz(), t.hiHz(), spans) : probe(probe, t, spans);
        if (element) {
            // Noise passages are left out of the readings; when all of them there are what the part's
            // move itself leaves (the move read with them in), the part is read with them.
            List<Change> noise = diff.changes().stream().filter(c -> c.kind() == ChangeKind.NOISE && overlaps(spans, c)).toList();
            ChangeProbe withNoise = probe.includingNoise();
            ChangeProbe.Reading all = withNoise.part(t.loHz(), t.hiHz(), spans);
            if (!noise.isEmpty() && Double.isFinite(all.db()) && noise.stream().allMatch(c -> leftByPartMove(c, Math.abs(all.db()) + PROBE_FLOOR_DB))) {
                probe = withNoise;
                reading = all;
            }
        }
        Double measured = Double.isFinite(reading.db()) ? reading.db() : null;
        double needed = neededDb(r, t);
        String readingText = measured == null ? "" : " (measured " + signedDb(measured) + " dB" + range(t) + " in " + place + ")";
        if (measured == null || !reading.measurable(PROBE_FLOOR_DB)) {
            return new Outcome(r, Status.NOT_FOUND, spans, place, measured, List.of(),
                    "Not found: nothing changed there beyond measurement noise" + readingText + "." + unresolved);
        }
        int measuredWay = (int) Math.signum(measured);
        // A part's reading is a lower bound (few cells are its alone in a dense mix): moved the asked
        // way, what its move brings with it is bounded by the asked amount when that is larger.
        double moved = measuredWay == r.direction() && r.amountDb() != null && r.amountDb() > Math.abs(measured) ? measuredWay * r.amountDb() : measured;
        List<Change> answering = new ArrayList<>();
        for (Change c : diff.changes()) {
            if (!overlaps(spans, c) || c.db() == null) continue;
            if (fits(t, c) && Math.signum(c.db()) == measuredWay) answering.add(c);
            else if (element && Math.abs(measured) >= needed && consequence(probe, t, c, moved) && (spans.isEmpty() || !c.wholeSong() || c.kind() != ChangeKind.LEVEL)) answering.add(c);
        }
        if (measuredWay != r.direction()) {
            String what = element ? partMove(t, measured) + " (" + place + ")."
                    : answering.isEmpty() ? signedDb(measured) + " dB" + range(t) + " in " + place + "." : answering.get(0).message();
            return new Outcome(r, Status.OPPOSITE, spans, place, measured, answering,
                    "Changed the other way: " + what + unresolved + (element ? sharedRange(t) : ""));
        }
        if (Math.abs(measured) < needed) {
            return new Outcome(r, Status.NOT_FOUND, spans, place, measured, List.of(), String.format(Locale.ROOT,
                    "Not found: it moved the asked way by less than the %s dB it takes to be heard or to be half the asked amount%s.%s",
                    Clock.db(needed), readingText, unresolved));
        }
        if (element) {
            return new Outcome(r, Status.DONE, spans, place, measured, answering,
                    "Done: " + partMove(t, measured) + " (" + place + ")" + loudnessNote(diff) + "." + unresolved + sharedRange(t));
        }
        String what = answering.isEmpty() ? signedDb(measured) + " dB" + range(t) + " in " + place + ", under the diff's own reporting floor."
                : answering.get(0).message() + amountNote(r, t, answering);
        return new Outcome(r, Status.DONE, spans, place, measured, answering, "Done: " + what + unresolved);
    }

    /**
     * What a done request must have moved, dB: the just-noticeable difference of what it is about,
     * or half the asked amount when that is less; never under the probe's floor.
     */
    static double neededDb(RevisionRequest r, Vocabulary.Entry t) {
        double jnd = switch (t.measure()) {
            case LEVEL -> Audibility.jndDb(ChangeKind.LEVEL, null, null);
            case WIDTH -> Audibility.jndDb(ChangeKind.WIDTH, null, null);
            case BALANCE -> Audibility.jndDb(ChangeKind.BALANCE, null, null);
            default -> Audibility.jndDb(ChangeKind.TONAL, t.loHz(), t.hiHz());
        };
        double needed = r.amountDb() == null ? jnd : Math.min(jnd, r.amountDb() / 2);
        return Math.max(PROBE_FLOOR_DB, needed);
    }

    /**
     * Beyond a part's named range a move is the part's when its moments moved this unevenly: the
     * spread of its step-by-step change at least this share of the change ({@link ChangeProbe#stepSpreadDb};
     * on the LMMS demo stems a +3 dB treble shelf on the whole mix spread by 6-19 % of its change, a
     * stem's move beyond its named range by 85 % and more)...
     */
    static final double PART_SPREAD_SHARE = 0.4;
    /** ...and at least this, dB. */
    static final double PART_SPREAD_MIN_DB = 0.3;

    /** Other parts share a part's range by this much of the narrower of the two (in octaves) and cannot be told from it. */
    static final double SHARED_RANGE = 0.5;
    private static final double THIRD_OCTAVE = Math.pow(2, 1 / 3.0);

    /**
     * " Vocal, keys and drums live in the same range: ..." when other parts live where this one does:
     * the mix alone cannot say which of them moved, and the reading should not pretend to.
     */
    static String sharedRange(Vocabulary.Entry t) {
        List<String> others = new ArrayList<>();
        for (Vocabulary.Entry e : Vocabulary.builtIn().entries()) {
            if (e.kind() != Vocabulary.Kind.ELEMENT || !e.hasRange() || e.dimension().equals(t.dimension()) || others.contains(e.dimension())) continue;
            if (overlap(t.loHz(), t.hiHz(), e.loHz(), e.hiHz()) >= SHARED_RANGE) others.add(e.dimension());
        }
        if (others.isEmpty()) return "";
        return " " + Prose.capitalise(Prose.list(others)) + (others.size() == 1 ? " lives" : " live")
                + " in the same range: from the mix alone Signoff cannot tell which of them moved.";
    }

    /** "guitars +2.8 dB where they play", named by the part's dimension (what the request moves). */
    private static String partMove(Vocabulary.Entry t, double db) {
        String part = t.dimension();
        return part + " " + signedDb(db) + " dB where " + (part.endsWith("s") && !part.endsWith("ss") ? "they play" : "it plays");
    }

    /** The integrated loudness change a part's move brings with it, when there is one worth saying. */
    private static String loudnessNote(DiffResult diff) {
        double lu = diff.loudnessChangeLu();
        if (!Double.isFinite(lu) || Math.abs(lu) < 0.2) return "";
        return String.format(Locale.ROOT, "; the mix's integrated loudness %s by %s LU with it", lu > 0 ? "rose" : "fell", Clock.db(Math.abs(lu)));
    }

    /** Whether change {@code c} is of the kind a request about {@code t} would make. */
    static boolean fits(Vocabulary.Entry t, Change c) {
        return switch (t.measure()) {
            case REGION -> c.kind() == ChangeKind.TONAL && c.freqLoHz() != null
                    && overlap(t.loHz(), t.hiHz(), c.freqLoHz(), c.freqHiHz()) >= MIN_OVERLAP;
            case LEVEL -> c.kind() == ChangeKind.LEVEL;
            case WIDTH -> c.kind() == ChangeKind.WIDTH;
            case BALANCE -> c.kind() == ChangeKind.BALANCE;
            default -> false;
        };
    }

    /**
     * Whether change {@code c} is what a part about {@code t} that moved by {@code partDb} does to
     * the mix by itself, rather than one more change: one part moved by g moves the bands where it
     * lives by between 0 and g, never the other way and never further, and leaves the others where
     * they were (a part that carries the mix moves its level too, and against that level the ranges
     * it does not reach read as moved the other way); it moves the side against the mid by at most g
     * (the part all in the mid, the rest all in the side), and left against right by at most g (the
     * part all on one side, the rest all on the other); a noisy part leaves an unexplained part at
     * least {@link #mostUnexplainedDb} under the music.
     */
    static boolean consequence(ChangeProbe probe, Vocabulary.Entry t, Change c, double partDb) {
        double g = Math.abs(partDb) + PROBE_FLOOR_DB;
        return switch (c.kind()) {
            case LEVEL -> Math.signum(c.db()) == Math.signum(partDb) && Math.abs(c.db()) <= g;
            case TONAL -> {
                // Its own move: the range's change with the level left in, as the part made it.
                double lo = c.freqLoHz() == null ? 0 : c.freqLoHz(), hi = c.freqHiHz() == null ? Double.MAX_VALUE : c.freqHiHz();
                double absolute = probe.absoluteRegion(lo, hi, c.spans()).db();
                // A range narrower than a band: the bands around it.
                if (!Double.isFinite(absolute)) {
                    lo /= THIRD_OCTAVE;
                    hi *= THIRD_OCTAVE;
                    absolute = probe.absoluteRegion(lo, hi, c.spans()).db();
                }
                if (!Double.isFinite(absolute)) yield false;
                double own = Math.signum(partDb) * absolute;
                if (Math.abs(own) <= PROBE_FLOOR_DB) yield true;
                if (own < -PROBE_FLOOR_DB || own > g) yield false;
                boolean itsRange = c.freqLoHz() != null && overlap(t.loHz(), t.hiHz(), c.freqLoHz(), c.freqHiHz()) > 0;
                // Beyond the range the request names the part by (a bass's harmonics, the air of a
                // pad) its move still follows its share from moment to moment; an EQ on top moves
                // every moment alike and stays listed.
                yield itsRange || probe.stepSpreadDb(lo, hi, c.spans()) >= Math.max(PART_SPREAD_MIN_DB, PART_SPREAD_SHARE * Math.abs(absolute));
            }
            case WIDTH, BALANCE -> Math.abs(c.db()) <= g;
            // A noisy part (a snare, hats, a noisy pad) comes and goes with the rest independently
            // within a second, so no one gain per frequency turns the old mix into the new: the
            // part's move leaves an unexplained part that reads as noise. One part moved by g
            // leaves at most (10^(g/20) - 1)^2 / 4 of the power unexplained (where it is half of
            // what plays); noise that comes closer to the music than that is not its move.
            case NOISE -> leftByPartMove(c, g);
            default -> false;
        };
    }

    /** Whether noise change {@code c} lies far enough under the music to be what a part moved by {@code partDb} leaves unexplained. */
    private static boolean leftByPartMove(Change c, double partDb) {
        return c.noise() != null && c.noise().underMusicDb() != null && c.noise().underMusicDb() >= mostUnexplainedDb(partDb);
    }

    /**
     * How far under the music, at least, lies what a part moved by {@code partDb} leaves that no
     * linear change explains, dB. With the part p and the rest r of a mix independent, the best
     * gain c from old (p + r) to new (a p + r) leaves (a - 1)^2 s (1 - s) of the old power, s being
     * the part's share; at most (a - 1)^2 / 4, at s = 1/2. For a part moved down, the same with the
     * versions swapped.
     */
    static double mostUnexplainedDb(double partDb) {
        double a = Math.pow(10, Math.abs(partDb) / 20);
        return -10 * Math.log10((a - 1) * (a - 1) / 4);
    }

    private static double overlap(double aLo, double aHi, double bLo, double bHi) {
        double lo = Math.max(aLo, bLo), hi = Math.min(aHi, bHi);
        if (hi <= lo) return 0;
        double narrower = Math.min(Math.log(aHi / aLo), Math.log(bHi / bLo));
        return narrower <= 0 ? 0 : Math.log(hi / lo) / narrower;
    }

    /**
     * The noise scan reads windows of about a second: a window across the edge of a stretch where a
     * part moved holds the move in part of its frames only, which no one gain explains.
     */
    static final double NOISE_WINDOW_S = 1.0;

    /**
     * A whole-song change or request overlaps everything; otherwise the stretches must share a second,
     * or for noise come within a noise window of each other.
     */
    private static boolean overlaps(List<Span> request, Change c) {
        if (request.isEmpty() || c.wholeSong()) return true;
        double shared = 0;
        for (Span a : request) {
            for (Span b : c.spans()) {
                if (c.kind() == ChangeKind.NOISE && a.overlapS(new Span(b.startS() - NOISE_WINDOW_S, b.endS() + NOISE_WINDOW_S)) > 0) return true;
                shared += a.overlapS(b);
            }
        }
        return shared >= 1.0;
    }

    /** "+1.2", and "+0.0" rather than "-0.0" for a change that rounds to nothing. */
    static String signedDb(double v) {
        return Clock.signedDb(Math.abs(v) < 0.05 ? 0 : v);
    }

    private static ChangeProbe.Reading probe(ChangeProbe p, Vocabulary.Entry t, List<Span> spans) {
        return switch (t.measure()) {
            case REGION -> p.region(t.loHz(), t.hiHz(), spans);
            case LEVEL -> p.level(spans);
            case WIDTH -> p.width(spans);
            case BALANCE -> p.balance(spans);
            default -> new ChangeProbe.Reading(Double.NaN, Double.NaN, 0);
        };
    }

    private static String range(Vocabulary.Entry t) {
        return t.hasRange() ? " at " + dev.signoff.analysis.diff.Hz.range(t.loHz(), t.hiHz()) : "";
    }

    /** For a whole-mix level request with an amount: says when the change differs from it. */
    private static String amountNote(RevisionRequest r, Vocabulary.Entry t, List<Change> matching) {
        if (r.amountDb() == null || t.measure() != Vocabulary.Measure.LEVEL || matching.get(0).db() == null) return "";
        double asked = r.direction() * r.amountDb(), got = matching.get(0).db();
        if (Math.abs(got - asked) <= AMOUNT_TOLERANCE_DB) return "";
        return String.format(Locale.ROOT, " (asked for %s dB, measured %s dB)", signedDb(asked), signedDb(got));
    }
}
