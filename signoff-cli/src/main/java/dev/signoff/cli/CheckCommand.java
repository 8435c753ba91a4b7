package dev.signoff.cli;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.StreamingChecks;
import dev.signoff.analysis.codecs.Codec;
import dev.signoff.analysis.codecs.CodecResult;
import dev.signoff.analysis.codecs.CodecRoundTrip;
import dev.signoff.analysis.devices.DeviceCatalog;
import dev.signoff.analysis.devices.DeviceModel;
import dev.signoff.analysis.devices.DeviceRenders;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.references.ReferenceComparison;
import dev.signoff.analysis.vocal.VocalChoice;
import dev.signoff.report.FileOutcome;
import dev.signoff.report.RenderLink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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
        header = "Check mixes and report what still needs attention, worst first.",
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

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal, and for short work.")
    boolean progressAsked;

    @Option(names = "--ref", paramLabel = "FILE|DIR", description = {
            "A reference track to judge tonal balance, dynamics and sibilance against (repeatable; a folder adds every audio file in it).",
            "Loudness-matched; Signoff shows the references' range and never corrects the mix."})
    List<Path> refs = new ArrayList<>();

    @Option(names = "--devices", description = "Also show how each section comes across on every playback device (see 'signoff devices') and raise CHORUS_LIFT_LOST.")
    boolean allDevices;

    @Option(names = "--device", paramLabel = "ID", description = "Like --devices, for the devices named (repeatable or comma-separated).")
    List<String> deviceIds = new ArrayList<>();

    @Option(names = "--render-dir", paramLabel = "DIR", description = {"With --devices/--device: also render each mix through the devices into DIR (<mix>.<device>.wav).",
            "With --codecs: also write each decode and its residual, the codec's artefacts alone (<mix>.<codec>.wav, <mix>.<codec>.residual.wav).",
            "The HTML report gets a loudness-matched player switching between the mix and each render."})
    Path renderDir;

    @Option(names = "--platforms", description = "Also show what each streaming service (Spotify, Apple Music, YouTube, Tidal, Amazon Music, Deezer) plays: its gain, the loudness and true peak the listener gets, its limiting.")
    boolean platforms;

    @Option(names = "--codecs", arity = "0..1", paramLabel = "ID,...", parameterConsumer = CodecListConsumer.class, description = {
            "Also encode each mix with AAC 256, Vorbis 320, Opus 160, MP3 320 and MP3 128 (needs ffmpeg), decode it and report its true peak, clipping and residual.",
            "Followed by a list, only those: aac-256, vorbis-320, opus-160, mp3-320, mp3-128 (e.g. --codecs aac-256,opus-160)."})
    String codecList;

    @Option(names = "--instrumental", description = "The mix has no lead vocal: skip the sibilance judgement (SIBILANCE, OVER_DEESSED) whatever the detector says.")
    boolean instrumental;

    @Option(names = "--vocal", description = "The mix has a lead vocal: judge sibilance even where the detector finds no voice.")
    boolean vocal;

    enum ColourChoice { auto, always, never }

    @Override
    public Integer call() throws Exception {
        if (jobs < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        if (instrumental && vocal) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--instrumental and --vocal contradict each other: give one");
        PrintWriter err = spec.commandLine().getErr();
        List<DeviceModel> devices = devices();
        if (renderDir != null && devices.isEmpty() && codecList == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--render-dir needs --devices, --device or --codecs");
        }
        StreamingChecks streaming = streamingChecks();
        List<Reference> references = measureReferences(expandReferences());
        List<FileOutcome> outcomes = analyse(references, devices, streaming);
        if (renderDir != null) outcomes = render(outcomes, devices);
        if (format == ReportFormat.html) outcomes = linkAudio(outcomes);
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

    /** The streaming previews asked for; fails before any analysis when --codecs cannot run. */
    private StreamingChecks streamingChecks() throws IOException {
        if (codecList == null) return new StreamingChecks(platforms, List.of(), null);
        List<Codec> codecs;
        try {
            codecs = Codec.parseList(codecList);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--codecs: " + e.getMessage());
        }
        CodecRoundTrip.ffmpeg();
        if (renderDir != null) Files.createDirectories(renderDir);
        return new StreamingChecks(platforms, codecs, renderDir);
    }

    /**
     * {@code --codecs} alone means every codec; it takes the next argument as its list only when that
     * looks like one (ids and commas: no option, dot or slash) and is no file, so {@code --codecs mix.wav}
     * still checks mix.wav.
     */
    static final class CodecListConsumer implements picocli.CommandLine.IParameterConsumer {
        private static final java.util.regex.Pattern LIST = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*");

        @Override
        public void consumeParameters(java.util.Stack<String> args, picocli.CommandLine.Model.ArgSpec argSpec, CommandSpec commandSpec) {
            boolean list = !args.isEmpty() && LIST.matcher(args.peek()).matches() && !Files.exists(Path.of(args.peek()));
            argSpec.setValue(list ? args.pop() : "all");
        }
    }

    private List<Path> expandReferences() throws IOException {
        return AudioFolder.expandReferences(refs, spec);
    }

    /** Measures the references once for all mixes; an unreadable reference stops the check (exit 2). */
    private List<Reference> measureReferences(List<Path> paths) throws InterruptedException {
        if (paths.isEmpty()) return List.of();
        List<FileOutcome> measured = inParallel(paths, (f, progress) -> {
            try {
                return FileOutcome.of(new CheckResult(f, MeasurementPlan.of(ReferenceComparison.MEASURES).measure(f, progress.forFile(f)), List.of(), 0));
            } catch (IOException | RuntimeException e) {
                return failed(f, e);
            } catch (OutOfMemoryError e) {
                return outOfMemory(f);
            } finally {
                progress.done(f);
            }
        });
        List<Reference> out = new ArrayList<>();
        for (FileOutcome o : measured) {
            if (o.error() != null) throw new ReferenceException("reference " + o.error());
            out.add(new Reference(o.file(), o.result().measurements()));
        }
        return out;
    }

    /** A reference that cannot be read: the check cannot be judged as asked. */
    static final class ReferenceException extends RuntimeException {
        ReferenceException(String message) {
            super(message);
        }
    }

    /** Renders every readable mix through the devices, and links those renders and any codec renders from its outcome. */
    private List<FileOutcome> render(List<FileOutcome> outcomes, List<DeviceModel> devices) throws IOException {
        List<FileOutcome> linked = new ArrayList<>();
        for (FileOutcome o : outcomes) {
            if (!o.ok()) {
                linked.add(o);
                continue;
            }
            java.util.Map<String, RenderLink> links = new java.util.LinkedHashMap<>();
            if (!devices.isEmpty()) {
                DeviceRenders.Result r = DeviceRenders.render(o.file(), devices, renderDir, Math.max(jobs, Runtime.getRuntime().availableProcessors()));
                // The player plays the file, which carries the headroom trim: its loudness is the device's plus the trim.
                for (DeviceRenders.Rendered d : r.renders()) links.put(d.model().id(), new RenderLink(link(d.file()), d.loudnessLufs() + d.fileGainDb()));
            }
            if (o.result().codecs() != null) {
                for (CodecResult c : o.result().codecs()) {
                    if (c.decodedFile() != null) links.put(c.codec().id(), new RenderLink(link(c.decodedFile()), c.decodedLufs()));
                    if (c.residualFile() != null) links.put(c.codec().id() + FileOutcome.RESIDUAL, new RenderLink(link(c.residualFile()), c.residualLufs()));
                }
            }
            linked.add(o.withRenders(links));
        }
        return linked;
    }

    /** Links each readable mix for the HTML report's player. */
    private List<FileOutcome> linkAudio(List<FileOutcome> outcomes) {
        List<FileOutcome> linked = new ArrayList<>();
        for (FileOutcome o : outcomes) linked.add(!o.ok() ? o : o.withAudio(link(o.file())));
        return linked;
    }

    /**
     * A link to {@code file} from the report: relative to the report's folder when it goes to a file, so
     * the folder can be moved or shared whole; else (or on another drive) a file URL.
     */
    private String link(Path file) {
        Path reportDir = out == null ? null : out.toAbsolutePath().getParent();
        Path f = file.toAbsolutePath();
        return reportDir == null || !f.getRoot().equals(reportDir.getRoot()) ? f.toUri().toString() : relativeUrl(reportDir.relativize(f));
    }

    /** A relative path as a URL path (spaces and other unsafe characters percent-encoded). */
    private static String relativeUrl(Path relative) {
        try {
            return new java.net.URI(null, null, relative.toString().replace(java.io.File.separatorChar, '/'), null).getRawPath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(relative + ": cannot be linked from the report", e);
        }
    }

    private List<DeviceModel> devices() {
        if (deviceIds.isEmpty()) return allDevices ? DeviceCatalog.builtIn().models() : List.of();
        List<DeviceModel> chosen = DeviceChoice.named(spec, deviceIds);
        if (chosen.isEmpty()) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--device needs a device id");
        return chosen;
    }

    private List<FileOutcome> analyse(List<Reference> references, List<DeviceModel> devices, StreamingChecks streaming)
            throws InterruptedException {
        VocalChoice choice = instrumental ? VocalChoice.INSTRUMENTAL : vocal ? VocalChoice.VOCAL : VocalChoice.DETECT;
        return inParallel(files, (f, progress) -> analyseOne(f, progress, references, devices, choice, streaming));
    }

    /** Runs {@code work} for each file, {@code --jobs} at a time, keeping the files' order. */
    private List<FileOutcome> inParallel(List<Path> paths, java.util.function.BiFunction<Path, Progress, FileOutcome> work)
            throws InterruptedException {
        boolean colourBar = color == ColourChoice.always || (color == ColourChoice.auto && System.console() != null && System.getenv("NO_COLOR") == null);
        Progress.Display display = Progress.Display.of(spec.commandLine().getErr(), quiet, progressAsked, colourBar);
        try (Progress progress = Progress.start(paths, display)) {
            if (jobs == 1 || paths.size() == 1) {
                List<FileOutcome> outcomes = new ArrayList<>();
                for (Path f : paths) outcomes.add(work.apply(f, progress));
                return outcomes;
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, paths.size()));
            try {
                List<Future<FileOutcome>> futures = new ArrayList<>();
                for (Path f : paths) futures.add(pool.submit(() -> work.apply(f, progress)));
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

    private static FileOutcome analyseOne(Path file, Progress progress, List<Reference> references, List<DeviceModel> devices,
                                          VocalChoice vocal, StreamingChecks streaming) {
        try {
            CheckResult r = MixCheck.run(file, progress.forFile(file), references, devices, vocal, streaming);
            return FileOutcome.of(r);
        } catch (IOException | RuntimeException e) {
            return failed(file, e);
        } catch (OutOfMemoryError e) {
            return outOfMemory(file);
        } finally {
            progress.done(file);
        }
    }

    /**
     * A file that exhausts the heap fails alone: what it allocated is garbage once its analysis
     * is abandoned, so the other files of the batch are still checked and reported.
     */
    private static FileOutcome outOfMemory(Path file) {
        return FileOutcome.failed(file, file.getFileName() + ": ran out of memory reading this file (its header may declare sizes "
                + "far beyond its real content); the other files are checked as usual");
    }

    private static FileOutcome failed(Path file, Exception e) {
        if (System.getenv("SIGNOFF_DEBUG") != null) e.printStackTrace();
        if (e instanceof RuntimeException && !(e instanceof java.io.UncheckedIOException)) {
            // a bug of Signoff's, not a fault of the file: its message would be the JVM's, naming classes
            return FileOutcome.failed(file, file.getFileName() + ": could not be analysed because of an internal error "
                    + "(set SIGNOFF_DEBUG=1 to see it, and please report it)");
        }
        return FileOutcome.failed(file, Errors.about(file, e));
    }
}
