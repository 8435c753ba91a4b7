package dev.signoff.analysis.revisions;

import dev.signoff.analysis.diff.Span;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.sections.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Requests within a round that pull the same way in opposite directions (vocal up against vocal
 * down, wetter against drier, more against less bass on the same section), to be shown side by side
 * and settled with the band before any work starts.
 *
 * <p>Two requests conflict when both are understood ({@link RequestParser}), are about the same
 * dimension of the mix (the vocabulary's dimension: "muddy" and "thin" are both about the low mids'
 * body... see vocabulary.tsv), go opposite ways, and apply to overlapping parts of the song. With
 * the song's sections, scopes are compared as stretches of time ({@link Scope#spans}); without, a
 * whole-song request overlaps everything, section words overlap when they name the same kind of
 * section (and the same one, when numbered), times when they are within {@value Scope#AROUND_S} s of
 * each other, and a section word against a time is taken to overlap (it may).
 */
public final class Conflicts {

    /** Two requests at odds. */
    public record Conflict(RevisionRequest first, RevisionRequest second, String dimension, String message) {}

    private Conflicts() {}

    /** The conflicts among {@code items}; {@code sections} may be null when the song's structure is not known. */
    public static List<Conflict> find(List<RevisionItem> items, List<Section> sections) {
        return find(items, sections, Map.of());
    }

    /**
     * As above, where {@code markerNames} holds the names the DAW session's markers give some of the
     * sections: a conflict within sections that all have one says them, as the engineer named them.
     */
    public static List<Conflict> find(List<RevisionItem> items, List<Section> sections, Map<Section, String> markerNames) {
        List<RevisionRequest> requests = RequestParser.builtIn().parseAll(items);
        List<Conflict> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            for (int j = i + 1; j < requests.size(); j++) {
                RevisionRequest a = requests.get(i), b = requests.get(j);
                if (!a.understood() || !b.understood()) continue;
                if (!a.target().dimension().equals(b.target().dimension()) || a.direction() == b.direction()) continue;
                if (!overlap(a.scope(), b.scope(), sections)) continue;
                String msg = "\"" + a.item().text() + "\" and \"" + b.item().text() + "\" pull the " + a.target().dimension()
                        + " opposite ways" + (a.scope().wholeSong() && b.scope().wholeSong() ? "" : " " + where(narrower(a.scope(), b.scope()), sections, markerNames))
                        + ": settle it with the band before working.";
                out.add(new Conflict(a, b, a.target().dimension(), msg));
            }
        }
        return out;
    }

    private static Scope narrower(Scope a, Scope b) {
        return a.wholeSong() ? b : a;
    }

    /** "in the choruses", "at 1:23.0"; "in Bridge (marker) at 1:32.0" when markers name every section the scope is about. */
    private static String where(Scope scope, List<Section> sections, Map<Section, String> markerNames) {
        String generic = ("in " + scope.describe()).replace("in at ", "at ");
        if (sections == null || markerNames.isEmpty() || scope.endS() != null) return generic;
        List<String> named = new ArrayList<>();
        for (Span span : scope.spans(sections)) {
            Section s = sections.stream().filter(x -> x.startS() == span.startS() && x.endS() == span.endS()).findFirst().orElse(null);
            String name = s == null ? null : markerNames.get(s);
            if (name == null) return generic;
            named.add(name + " (marker) at " + Clock.format(scope.startS() != null ? scope.startS() : s.startS()));
        }
        return named.isEmpty() ? generic : "in " + String.join(" and ", named);
    }

    static boolean overlap(Scope a, Scope b, List<Section> sections) {
        if (a.wholeSong() || b.wholeSong()) return true;
        if (sections != null) {
            List<Span> sa = a.spans(sections), sb = b.spans(sections);
            if (sa.isEmpty() || sb.isEmpty()) return true;
            for (Span x : sa) for (Span y : sb) if (x.overlapS(y) > 0) return true;
            return false;
        }
        if (a.section() != null && b.section() != null) {
            return a.section().equals(b.section()) && (a.ordinal() == 0 || b.ordinal() == 0 || a.ordinal() == b.ordinal());
        }
        if (a.startS() != null && b.startS() != null) {
            double aEnd = a.endS() == null ? a.startS() + Scope.AROUND_S : a.endS(), bEnd = b.endS() == null ? b.startS() + Scope.AROUND_S : b.endS();
            double aStart = a.endS() == null ? a.startS() - Scope.AROUND_S : a.startS(), bStart = b.endS() == null ? b.startS() - Scope.AROUND_S : b.startS();
            return aStart < bEnd && bStart < aEnd;
        }
        return true;
    }
}
