package dev.signoff.cli;

import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.VersionDiff;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.revisions.RequestParser;
import dev.signoff.analysis.revisions.RevisionItem;
import dev.signoff.analysis.revisions.Scope;
import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.report.DiffHtmlReport;
import dev.signoff.report.DiffJsonReport;
import dev.signoff.report.DiffTextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `signoff diff OLD NEW`: what changed between two versions of a mix, and with --asked, whether it was asked for. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        header = "Compare two versions of a mix and say what changed.",
        description = {"Compare two versions of a mix: line them up to the sample, match their level and say what changed "
                + "(level, tonal balance per 1/3 octave and section, balance, width, polarity, noise, timing) and the null test.",
                "Exit code: 0 compared, 2 usage or input error."})
final class DiffCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The earlier version.")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW", description = "The later version.")
    Path newer;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "PATH", description = "Write the report to PATH instead of standard output (written whole or not at all).")
    Path out;

    @Option(names = "--asked", paramLabel = "TEXT", description = {
            "A revision request of this round, e.g. \"vocal up 1 dB in choruses\" (repeatable).",
            "Adds the scope check: what was done, what was not, and the changes nobody asked for."})
    List<String> asked = new ArrayList<>();

    @Mixin ProgressOptions progressOptions;

    @Override
    public Integer call() throws Exception {
        DiffResult result;
        try (Progress progress = Progress.ofWork("Comparing", List.of(older, newer), progressOptions.display(spec))) {
            result = VersionDiff.run(older, newer, progress.fraction());
        }
        for (String a : asked) {
            // A time past the new version's end points at nothing; reading "there" would quote a range outside the song.
            Scope where = RequestParser.builtIn().parse(new RevisionItem(a, null, null)).scope();
            Double last = where.endS() != null ? where.endS() : where.startS();
            if (last != null && last > result.newDurationS()) throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "--asked \"%s\" reaches %s, after the end of %s (%s)", a, Clock.format(last), newer.getFileName(), Clock.format(result.newDurationS())));
        }
        ScopeCheck.Result scope = asked.isEmpty() ? null : ScopeCheck.checkTexts(result, asked);
        String report = switch (format) {
            case text -> DiffTextReport.render(result, scope);
            case json -> DiffJsonReport.render(result, scope);
            case html -> DiffHtmlReport.render(result, scope);
        };
        AtomicFiles.writeOrPrint(out, report, spec.commandLine());
        return Main.OK;
    }
}
