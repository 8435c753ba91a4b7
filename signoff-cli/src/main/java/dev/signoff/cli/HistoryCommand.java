package dev.signoff.cli;

import dev.signoff.analysis.history.LetItGoMeter;
import dev.signoff.analysis.history.VersionOrder;
import dev.signoff.report.HistoryReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/** `signoff history DIR`: the "let it go" meter over a folder of bounces. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Compare each bounce in a folder with the one before and say when the changes have become too small to hear "
                + "and no problem is left: time to sign the mix off.",
                "Exit code: 0 measured, 2 usage or input error."})
final class HistoryCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A folder of bounces of one mix, or the bounces themselves in version order.", arity = "1..*")
    List<Path> paths;

    @Option(names = "--order", defaultValue = "name", paramLabel = "ORDER",
            description = "Version order of a folder's files: name (natural: v2 before v10) or mtime (oldest first) (default: ${DEFAULT-VALUE}).")
    Order order;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "PATH", description = "Write the report to PATH instead of standard output (written whole or not at all).")
    Path out;

    enum Order { name, mtime }

    @Override
    public Integer call() throws Exception {
        List<Path> versions = versions();
        if (versions.size() < 2) throw new ParameterException(spec.commandLine(), "history needs at least two versions, found " + versions.size());
        LetItGoMeter.Result result = LetItGoMeter.measure(versions);
        String source = paths.size() == 1 && Files.isDirectory(paths.get(0))
                ? paths.get(0) + " (" + versions.size() + " versions by " + (order == Order.name ? "name" : "modification time") + ")"
                : versions.size() + " versions";
        String report = switch (format) {
            case text -> HistoryReports.text(result, source);
            case json -> HistoryReports.json(result);
            case html -> HistoryReports.html(result, source);
        };
        AtomicFiles.writeOrPrint(out, report, spec.commandLine());
        return Main.OK;
    }

    /** A folder's audio files in version order, or the files given, as given. */
    private List<Path> versions() throws IOException {
        if (paths.size() > 1) return paths;
        Path dir = paths.get(0);
        if (!Files.exists(dir)) throw new java.nio.file.NoSuchFileException(dir.toString());
        if (!Files.isDirectory(dir)) return paths;
        List<Path> files = new ArrayList<>(AudioFolder.list(dir));
        if (order == Order.mtime) {
            files.sort(Comparator.comparing((Path p) -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).thenComparing(VersionOrder.NATURAL));
            return files;
        }
        return VersionOrder.sorted(files);
    }
}
