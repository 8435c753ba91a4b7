package dev.signoff.report;

import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.revisions.Conflicts;
import dev.signoff.analysis.revisions.FeedbackTranslator;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The text of `signoff words`: each comment, how it reads, and a measured number beside each of its
 * words with, where the band has a tonal figure, the whole picture (the range and the mix's own findings); then conflicts.
 */
public final class WordsTextReport {
    private static final String NL = System.lineSeparator();

    private WordsTextReport() {}

    public static String render(Path mix, List<FeedbackTranslator.Translation> translations, List<Conflicts.Conflict> conflicts, List<String> references) {
        StringBuilder out = new StringBuilder();
        out.append(TextReport.oneLine(DiffTextReport.name(mix)));
        if (!references.isEmpty()) out.append("  against ").append(TextReport.oneLine(String.join(", ", references)));
        out.append(NL);
        for (FeedbackTranslator.Translation t : translations) {
            out.append(NL).append("  \"").append(TextReport.oneLine(t.comment().text())).append('"');
            if (t.here() != null) {
                out.append("  at ").append(Clock.format(t.comment().startS() != null ? t.comment().startS() : t.request().scope().startS()));
                if (t.section() != null) out.append(" (section ").append(t.section().label()).append(t.section().chorus() ? ", a chorus" : "").append(')');
                out.append(", read over ").append(Clock.range(t.here().startS(), t.here().endS()));
            }
            out.append(NL);
            if (t.readings().isEmpty()) {
                out.append("    No word Signoff knows how to measure: have a listen").append(t.here() == null ? "." : " there.").append(NL);
                continue;
            }
            out.append("    read as: ").append(t.request().summary()).append(NL);
            int width = t.readings().stream().mapToInt(r -> r.word().name().length()).max().orElse(0);
            Set<String> pictured = new HashSet<>();   // "harsh and piercing" read the same figure: said once
            for (FeedbackTranslator.Reading r : t.readings()) {
                String indent = "    " + " ".repeat(width + 2);
                out.append("    ").append(TextReport.pad(r.word().name(), width)).append("  ").append(TextReport.oneLine(r.word().meaning())).append(NL);
                out.append(indent).append(TextReport.oneLine(r.sentence())).append(NL);
                if (r.picture() != null && pictured.add(r.picture().figure()))
                    out.append(indent).append(TextReport.oneLine(r.picture().sentence())).append(NL);
            }
        }
        if (translations.size() > 1) {
            out.append(NL);
            if (conflicts.isEmpty()) {
                out.append("  No conflicting requests among these comments.").append(NL);
            } else {
                out.append("  Conflicting requests, to settle before working:").append(NL);
                for (Conflicts.Conflict c : conflicts) out.append("    ").append(TextReport.oneLine(c.message())).append(NL);
            }
        }
        return out.toString();
    }

}
