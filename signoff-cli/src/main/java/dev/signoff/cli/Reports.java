package dev.signoff.cli;

import dev.signoff.report.FileOutcome;
import dev.signoff.report.HtmlReport;
import dev.signoff.report.JsonReport;
import dev.signoff.report.TextReport;

import java.util.List;

/** Picks the renderer for `check --format`. */
final class Reports {
    private Reports() {}

    static String render(ReportFormat format, List<FileOutcome> outcomes, boolean colour) {
        return switch (format) {
            case text -> TextReport.render(outcomes, colour);
            case json -> JsonReport.render(outcomes);
            case html -> HtmlReport.render(outcomes);
        };
    }
}
