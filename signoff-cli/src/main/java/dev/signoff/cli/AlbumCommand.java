package dev.signoff.cli;

import dev.signoff.analysis.album.Album;
import dev.signoff.analysis.album.AlbumResult;
import dev.signoff.analysis.history.VersionOrder;
import dev.signoff.report.AlbumReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** `signoff album DIR|FILES...`: an album's tracks side by side, the album's figures, and the tracks that stand out. */
@Command(name = "album", mixinStandardHelpOptions = true,
        header = "Line up an album's tracks and name the ones that stand out.",
        description = {"Measure every track (loudness, true peak, LRA, brightness, width, how it starts and ends) in parallel, "
                + "show them side by side with the album's own loudness (AES TD1008) and what album-mode normalisation does to it, "
                + "and raise ALBUM_OUTLIER for a track louder or quieter, brighter or darker, wider or narrower than the rest "
                + "by more than listeners notice.",
                "Exit code: 0 measured, 2 usage or input error."})
final class AlbumCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "A folder of tracks (in natural name order: 2 before 10), or the tracks in album order.")
    List<Path> paths;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--out"}, paramLabel = "PATH", description = "Write the report to PATH instead of standard output (written whole or not at all).")
    Path out;

    @Mixin ProgressOptions progressOptions;

    @Override
    public Integer call() throws Exception {
        List<Path> tracks = tracks();
        if (tracks.size() < 2) throw new ParameterException(spec.commandLine(), "an album needs at least two tracks, found " + tracks.size());
        AlbumResult result;
        try (Progress progress = Progress.ofWork("Measuring", tracks, progressOptions.display(spec))) {
            var fraction = progress.fraction();
            int[] done = {0};
            result = Album.measure(tracks, Runtime.getRuntime().availableProcessors(), f -> {
                synchronized (done) {
                    fraction.accept(++done[0] / (double) tracks.size());
                }
            });
        }
        String source = paths.size() == 1 && Files.isDirectory(paths.get(0))
                ? paths.get(0) + " (" + tracks.size() + " tracks by name)" : tracks.size() + " tracks";
        String report = switch (format) {
            case text -> AlbumReports.text(result, source);
            case json -> AlbumReports.json(result);
            case html -> AlbumReports.html(result, source);
        };
        AtomicFiles.writeOrPrint(out, report, spec.commandLine());
        return Main.OK;
    }

    private List<Path> tracks() throws java.io.IOException {
        if (paths.size() > 1) {
            for (Path p : paths) if (Files.isDirectory(p)) throw new ParameterException(spec.commandLine(), p + " is a folder: give one folder, or the tracks");
            return paths;
        }
        Path dir = paths.get(0);
        if (!Files.exists(dir)) throw new NoSuchFileException(dir.toString());
        if (!Files.isDirectory(dir)) return paths;
        return VersionOrder.sorted(new ArrayList<>(AudioFolder.list(dir)));
    }
}
