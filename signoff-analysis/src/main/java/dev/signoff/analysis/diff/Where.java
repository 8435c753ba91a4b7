package dev.signoff.analysis.diff;

import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Prose;
import dev.signoff.analysis.sections.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * Says where in the song a change happens, in the words of the song's structure when they fit:
 * "whole song", "choruses only", "in the chorus at 1:06.0", or else its times.
 */
public final class Where {
    /** A change counts as "in the choruses" when this share of its time lies in choruses, and "every chorus" when it covers this share of them. */
    static final double COVER_SHARE = 0.8;

    private final List<Span> choruses;

    /** @param sections the song's sections on the new version's timeline */
    public Where(List<Section> sections) {
        List<Span> c = new ArrayList<>();
        for (Section s : sections) if (s.chorus()) c.add(new Span(s.startS(), s.endS()));
        choruses = List.copyOf(c);
    }

    public String describe(List<Span> spans) {
        if (spans.isEmpty()) return "whole song";
        double spanTime = 0, inChorus = 0, chorusTime = 0;
        for (Span s : spans) {
            spanTime += s.durationS();
            for (Span c : choruses) inChorus += s.overlapS(c);
        }
        for (Span c : choruses) chorusTime += c.durationS();
        if (!choruses.isEmpty() && inChorus >= COVER_SHARE * spanTime) {
            if (inChorus >= COVER_SHARE * chorusTime) return choruses.size() == 1 ? "in the chorus" : "choruses only";
            List<String> starts = new ArrayList<>();
            for (Span c : choruses) {
                double covered = 0;
                for (Span s : spans) covered += s.overlapS(c);
                if (covered >= 0.5 * c.durationS()) starts.add(Clock.format(c.startS()));
            }
            if (!starts.isEmpty()) return (starts.size() == 1 ? "in the chorus at " : "in the choruses at ") + Prose.list(starts);
        }
        List<String> times = new ArrayList<>();
        for (Span s : spans) times.add(Clock.range(s.startS(), s.endS()));
        return "at " + Prose.list(times);
    }
}
