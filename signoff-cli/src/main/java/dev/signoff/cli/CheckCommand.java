package dev.signoff.cli;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MixCheck;
import dev.signoff.report.FileOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** `signoff check MIX...`: measure each bounce and report what still needs attention. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Measure mixes (loudness, peaks, clipping, stereo, tonal balance, stops) and report findings, worst first.",
                "Exit code: 0 no problem found, 1 at least one problem, 2 usage or input error."})
final class CheckCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "MIX", description = "Audio files: WAV/BWF/RF64, AIFF(-C), FLAC, MP3, Ogg Vorbis (Opus, AAC, ALAC through ffmpeg).")
    List<Path> files;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "PATH", description = "Write the report to PATH instead of standard output (written whole or not at all).")
    Path out;

    @Option(names = {"-j", "--jobs"}, defaultValue = "1", paramLabel = "N", description = "Analyse N files in parallel (default: ${DEFAULT-VALUE}).")
    int jobs;

    @Option(names = "--color", defaultValue = "auto", paramLabel = "WHEN", description = "Colour the text report: auto, always or never (default: ${DEFAULT-VALUE}).")
    ColourChoice color;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    enum ColourChoice { auto, always, never }

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        PrintWriter err = spec.commandLine().getErr();
        List<FileOutcome> outcomes = analyse(err);
        boolean toTerminal = out == null && System.console() != null;
        boolean colour = color == ColourChoice.always || (color == ColourChoice.auto && toTerminal && System.getenv("NO_COLOR") == null);

        boolean inputError = false, problem = false;
        for (FileOutcome o : outcomes) {
            if (o.error() != null) {
                inputError = true;
                // The text report shows errors inline when it goes to the terminal; otherwise say it on stderr too.
                if (format != ReportFormat.text || out != null || System.console() == null) err.println("signoff: " + o.error());
            } else if (o.result().hasProblem()) {
                problem = true;
            }
        }
        String report = Reports.render(format, outcomes, colour);
        if (out != null) {
            AtomicFiles.write(out, report);
            if (!quiet) err.println("signoff: wrote " + out);
        } else {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(report);
            stdout.flush();
        }
        return inputError ? Main.USAGE_OR_INPUT_ERROR : problem ? Main.PROBLEM_FOUND : Main.OK;
    }

    private List<FileOutcome> analyse(PrintWriter err) throws InterruptedException {
        try (Progress progress = Progress.start(files, !quiet && System.console() != null)) {
            if (jobs == 1 || files.size() == 1) {
                List<FileOutcome> outcomes = new ArrayList<>();
                for (Path f : files) outcomes.add(analyseOne(f, progress));
                return outcomes;
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, files.size()));
            try {
                List<Future<FileOutcome>> futures = new ArrayList<>();
                for (Path f : files) futures.add(pool.submit(() -> analyseOne(f, progress)));
                List<FileOutcome> outcomes = new ArrayList<>();
                for (Future<FileOutcome> fu : futures) {
                    try {
                        outcomes.add(fu.get());
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(Errors.oneLine(e.getCause()), e.getCause());
                    }
                }
                return outcomes;
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static FileOutcome analyseOne(Path file, Progress progress) {
        try {
            CheckResult r = MixCheck.run(file, progress.forFile(file));
            return FileOutcome.of(r);
        } catch (IOException | RuntimeException e) {
            if (System.getenv("SIGNOFF_DEBUG") != null) e.printStackTrace();
            String msg = Errors.oneLine(e);
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            return FileOutcome.failed(file, msg.startsWith(name) || msg.startsWith(file.toString()) ? msg : name + ": " + msg);
        } finally {
            progress.done(file);
        }
    }
}
