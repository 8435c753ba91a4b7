package dev.signoff.analysis.revisions;

import dev.signoff.analysis.diff.Change;
import dev.signoff.analysis.diff.ChangeKind;
import dev.signoff.analysis.diff.ChangeProbe;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.Span;
import dev.signoff.analysis.diff.Where;
import dev.signoff.analysis.findings.Clock;

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
 * ({@link Scope#spans}). A listed change matches a request when its kind fits what the request is
 * about (a frequency range: a tonal change whose range overlaps it; the whole mix: a level change;
 * width or reverb: a width change; balance: a balance change), its time overlaps the request's (or
 * either is the whole song), and it goes the asked way. When no listed change matches, the probe
 * ({@link ChangeProbe}) reads the change there anyway: a part brought up 1 dB moves the whole mix in
 * its range by less (the rest of the band plays on), often under the diff's reporting floor, and
 * the request is still done when that reading stands {@value #SE_FACTOR_TEXT} standard errors and
 * {@value #PROBE_FLOOR_DB} dB clear of nothing in the asked direction.
 *
 * <p>Output: per request a status (done, done the other way, not found, not measurable by Signoff,
 * not understood) with the reading and the changes that answer it; and the changes no request
 * accounts for.
 */
public final class ScopeCheck {
    /** A probed change counts when at least this big (and 3 standard errors): the tonal reporting floor, since a region read against the median of the bands moves by a few tenths when other ranges changed. */
    static final double PROBE_FLOOR_DB = 0.5;
    static final String SE_FACTOR_TEXT = "3";
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
        List<Change> matching = new ArrayList<>(), opposite = new ArrayList<>();
        for (Change c : diff.changes()) {
            if (!overlaps(spans, c) || c.db() == null) continue;
            if (fits(t, c)) {
                if (Math.signum(c.db()) == r.direction()) matching.add(c);
                else opposite.add(c);
            } else if (byProduct(t, c, r.direction()) && (spans.isEmpty() || !c.wholeSong())) {
                matching.add(c);
            }
        }
        ChangeProbe.Reading reading = probe(diff.probe(), t, spans);
        Double measured = Double.isFinite(reading.db()) ? reading.db() : null;
        String readingText = measured == null ? "" : " (measured " + signedDb(measured) + " dB" + range(t) + " in " + place + ")";
        if (!matching.isEmpty()) {
            String amount = amountNote(r, t, matching);
            return new Outcome(r, Status.DONE, spans, place, measured, matching,
                    "Done: " + matching.get(0).message() + amount + unresolved);
        }
        if (!opposite.isEmpty()) {
            return new Outcome(r, Status.OPPOSITE, spans, place, measured, opposite,
                    "Changed the other way: " + opposite.get(0).message() + unresolved);
        }
        if (reading.measurable(PROBE_FLOOR_DB)) {
            if (Math.signum(reading.db()) == r.direction()) {
                String diluted = t.kind() == Vocabulary.Kind.ELEMENT ? "; a part's change shows diluted in the whole mix" : "";
                return new Outcome(r, Status.DONE, spans, place, measured, List.of(),
                        "Done, by a little" + readingText + ", under the diff's own reporting floor" + diluted + "." + unresolved);
            }
            return new Outcome(r, Status.OPPOSITE, spans, place, measured, List.of(), "Changed the other way" + readingText + "." + unresolved);
        }
        return new Outcome(r, Status.NOT_FOUND, spans, place, measured, List.of(),
                "Not found: nothing changed there beyond measurement noise" + readingText + "." + unresolved);
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
     * A part brought up or down moves the whole mix's level a little the same way where it plays:
     * a level change under the level JND, in the asked direction, comes with a part's request (a
     * whole-song one only with a whole-song request).
     */
    static boolean byProduct(Vocabulary.Entry t, Change c, int direction) {
        return t.kind() == Vocabulary.Kind.ELEMENT && c.kind() == ChangeKind.LEVEL && !c.audible()
                && Math.signum(c.db()) == direction;
    }

    private static double overlap(double aLo, double aHi, double bLo, double bHi) {
        double lo = Math.max(aLo, bLo), hi = Math.min(aHi, bHi);
        if (hi <= lo) return 0;
        double narrower = Math.min(Math.log(aHi / aLo), Math.log(bHi / bLo));
        return narrower <= 0 ? 0 : Math.log(hi / lo) / narrower;
    }

    /** A whole-song change or request overlaps everything; otherwise the stretches must share a second. */
    private static boolean overlaps(List<Span> request, Change c) {
        if (request.isEmpty() || c.wholeSong()) return true;
        double shared = 0;
        for (Span a : request) for (Span b : c.spans()) shared += a.overlapS(b);
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
