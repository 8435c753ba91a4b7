package dev.signoff.cli;

import dev.signoff.analysis.history.LetItGoMeter;
import dev.signoff.analysis.history.StepCache;
import dev.signoff.analysis.history.VersionOrder;
import dev.signoff.report.HistoryReports;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.library.Library;
import dev.signoff.server.revisions.ProjectHistory;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ProjectStore.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `signoff history DIR`: the "let it go" meter over a folder of bounces; `signoff history --project
 * NAME`: the same over a review-server project, from the comparisons its analysis jobs stored.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        header = "Follow a mix's versions and say when it is time to sign it off.",
        description = {"Compare each bounce in a folder with the one before and say when the changes have become too small to hear "
                + "and no problem is left: time to sign the mix off.",
                "With --project, read a review server's project instead (its stored comparisons; nothing is analysed again).",
                "Exit code: 0 measured, 2 usage or input error."})
final class HistoryCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A folder of bounces of one mix, or the bounces themselves in version order.", arity = "0..*")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--project", paramLabel = "NAME", description = "A project of the review server (`signoff serve`), by name.")
    String projectName;

    /** With --project only. */
    @Mixin ServerStorage storage;

    @Option(names = "--order", defaultValue = "name", paramLabel = "ORDER",
            description = "Version order of a folder's files: name (natural: v2 before v10) or mtime (oldest first) (default: ${DEFAULT-VALUE}).")
    Order order;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "PATH", description = "Write the report to PATH instead of standard output (written whole or not at all).")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Keep each comparison of two consecutive versions in DIR, keyed by both files' contents and the Signoff build "
                    + "(default: $XDG_CACHE_HOME/signoff/history, or ~/.cache/signoff/history).")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Compare every pair again, and keep nothing.")
    boolean noCache;

    @Mixin ProgressOptions progressOptions;

    enum Order { name, mtime }

    @Override
    public Integer call() throws Exception {
        if (projectName != null) return project();
        if (paths.isEmpty()) throw new ParameterException(spec.commandLine(), "give a folder of bounces (DIR) or --project NAME");
        if (storage.given()) throw new ParameterException(spec.commandLine(), "--data and --db go with --project");
        List<Path> versions = versions();
        if (versions.size() < 2) throw new ParameterException(spec.commandLine(), "history needs at least two versions, found " + versions.size());
        LetItGoMeter.Result result;
        try (Progress progress = Progress.ofWork("Comparing", versions, progressOptions.display(spec))) {
            result = LetItGoMeter.measure(versions, cache(), progress.fraction());
        }
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

    /** The meter over a review-server project: its versions' stored steps and the latest check. */
    private Integer project() throws IOException {
        if (!paths.isEmpty()) throw new ParameterException(spec.commandLine(), "give either DIR or --project, not both");
        if (format != ReportFormat.text) throw new ParameterException(spec.commandLine(),
                "--project prints text; the server's GET /api/projects/{id}/history gives the same as JSON");
        DataDirectory dir = storage.directory();
        try (Database database = Database.open(storage.db, dir.sqliteFile())) {
            Library library = Library.create(dir, database.jdbi(), Clock.systemUTC(), 0, Library.JOB_LEASE);
            Project project = library.projects().findByName(projectName.strip()).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "no project named '" + projectName.strip() + "'" + (storage.db == null ? " in " + dir.root() : " in that database")));
            ProjectHistory.Reading r = ProjectHistory.read(library.versions(), library.changes(), project.id());
            if (r.steps().isEmpty()) throw new ParameterException(spec.commandLine(), "'" + project.name() + "' has no analysed version yet");
            List<HistoryReports.Row> rows = new ArrayList<>();
            for (int i = 0; i < r.steps().size(); i++) {
                ProjectHistory.Step s = r.steps().get(i);
                String name = "v" + s.version().number() + "  " + s.version().fileName();
                String largest = i == 0 ? null
                        : s.pending() ? "not compared yet (the server is still comparing it)"
                        : s.error() != null ? s.error()
                        : s.largest() == null ? "no change" : s.largest().path("message").asText();
                rows.add(new HistoryReports.Row(name, s.jnd() == null ? Double.NaN : s.jnd(), largest));
            }
            var latest = r.latest();
            String report = HistoryReports.text("'" + project.name() + "' (" + r.steps().size() + " analysed versions on the review server)", rows,
                    "v" + latest.number() + "  " + latest.fileName(), nz(latest.problems()), nz(latest.warnings()), nz(latest.notes()), r.message());
            AtomicFiles.writeOrPrint(out, report, spec.commandLine());
            return Main.OK;
        }
    }

    private StepCache cache() throws IOException {
        if (noCache) {
            if (cacheDir != null) throw new ParameterException(spec.commandLine(), "give either --cache or --no-cache, not both");
            return null;
        }
        return new StepCache(cacheDir != null ? cacheDir : defaultCacheDir(), analysisBuild());
    }

    /** $XDG_CACHE_HOME/signoff/history, or ~/.cache/signoff/history (the launcher keeps its class-data archive beside it). */
    static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("signoff").resolve("history");
    }

    /**
     * The build computing the comparisons: version and commit, plus the size and time of the analysis
     * code as built, since a snapshot rebuilt from changed sources keeps its version and commit.
     */
    private static String analysisBuild() throws IOException {
        String build = Main.Version.describe();
        try {
            Path code = Path.of(LetItGoMeter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(code)) code = code.resolve(LetItGoMeter.class.getName().replace('.', '/') + ".class");
            build += " " + Files.size(code) + " " + Files.getLastModifiedTime(code).toMillis();
        } catch (java.net.URISyntaxException | RuntimeException | IOException unknown) {
            // Version and commit alone still change with every release.
        }
        return build;
    }

    private static int nz(Integer n) { return n == null ? 0 : n; }

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
