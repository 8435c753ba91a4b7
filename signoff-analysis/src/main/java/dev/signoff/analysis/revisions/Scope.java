package dev.signoff.analysis.revisions;

import dev.signoff.analysis.diff.Span;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.sections.Section;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where in the song a request applies: the whole song, a kind of section ("the choruses", "the
 * last chorus"), or a stretch of time.
 *
 * @param section "chorus", "verse", "intro", "outro", "bridge", "break", or null
 * @param ordinal which of those sections: 0 all, 1 the first, 2 the second..., -1 the last
 * @param startS  a time the request points at, or null
 * @param endS    the end of the stretch, or null for a moment
 */
public record Scope(String section, int ordinal, Double startS, Double endS) {
    /** A moment's request covers this much around it when no section holds it, s. */
    static final double AROUND_S = 4;

    public static final Scope WHOLE_SONG = new Scope(null, 0, null, null);

    public boolean wholeSong() {
        return section == null && startS == null;
    }

    /** "the choruses", "the last chorus", "1:23.0", "1:00.0-1:30.0", "the whole song". */
    public String describe() {
        if (startS != null) return endS == null ? "at " + Clock.format(startS) : Clock.range(startS, endS);
        if (section == null) return "the whole song";
        String plural = section.equals("chorus") ? "choruses" : section + "s";
        return switch (ordinal) {
            case 0 -> "the " + plural;
            case -1 -> "the last " + section;
            case 1 -> "the first " + section;
            case 2 -> "the second " + section;
            case 3 -> "the third " + section;
            default -> "the " + section + " " + ordinal;
        };
    }

    /**
     * The stretches of the song this scope covers, given its sections (on the same timeline), or
     * an empty list for the whole song. Sections are known only by their letters and which are
     * choruses ({@link dev.signoff.analysis.sections.SectionFinder}), so: choruses are the sections
     * marked so; the intro is the first section and the outro the last (when they are not
     * choruses); verses are the other sections whose letter repeats; a bridge one whose letter does
     * not; a break a quiet section. A moment counts as the section around it. When none fits, the
     * list is empty (the whole song) and {@link #resolved} says so.
     */
    public List<Span> spans(List<Section> sections) {
        if (startS != null) {
            if (endS != null) return List.of(new Span(startS, endS));
            for (Section s : sections) if (!s.quiet() && startS >= s.startS() && startS < s.endS()) return List.of(new Span(s.startS(), s.endS()));
            return List.of(new Span(Math.max(0, startS - AROUND_S), startS + AROUND_S));
        }
        if (section == null) return List.of();
        List<Section> kind = sectionsOfKind(sections);
        if (kind.isEmpty()) return List.of();
        if (ordinal == -1) kind = List.of(kind.get(kind.size() - 1));
        else if (ordinal > 0) kind = ordinal <= kind.size() ? List.of(kind.get(ordinal - 1)) : List.of();
        List<Span> out = new ArrayList<>();
        for (Section s : kind) out.add(new Span(s.startS(), s.endS()));
        return out;
    }

    /** Whether {@link #spans} finds what this scope names (always, for the whole song and for times). */
    public boolean resolved(List<Section> sections) {
        return wholeSong() || startS != null || !spans(sections).isEmpty();
    }

    private List<Section> sectionsOfKind(List<Section> sections) {
        List<Section> music = sections.stream().filter(s -> !s.quiet()).toList();
        Map<String, Integer> count = new HashMap<>();
        for (Section s : music) count.merge(s.label(), 1, Integer::sum);
        Section first = music.isEmpty() ? null : music.get(0), last = music.isEmpty() ? null : music.get(music.size() - 1);
        List<Section> out = new ArrayList<>();
        for (Section s : sections) {
            boolean edge = s == first || s == last;
            boolean match = switch (section) {
                case "chorus" -> s.chorus();
                case "intro" -> s == first && !s.chorus();
                case "outro" -> s == last && !s.chorus() && music.size() > 1;
                case "verse" -> !s.quiet() && !s.chorus() && !edge && count.get(s.label()) >= 2;
                case "bridge" -> !s.quiet() && !s.chorus() && !edge && count.get(s.label()) == 1;
                case "break" -> s.quiet();
                default -> false;
            };
            if (match) out.add(s);
        }
        return out;
    }
}
