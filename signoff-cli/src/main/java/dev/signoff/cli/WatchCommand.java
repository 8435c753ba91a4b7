package dev.signoff.cli;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.library.Library;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.recall.VersionRecall;
import dev.signoff.server.library.VersionImporter;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ProjectStore.Project;
import dev.signoff.server.store.RecallStore;
import dev.signoff.server.store.VersionStore.Version;
import dev.signoff.session.Daw;
import dev.signoff.session.SessionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * `signoff watch DIR --project NAME`: every bounce that appears in DIR (or is written anew there)
 * becomes the next version of the project once its size has stopped changing, through the same
 * import as an upload (validated, stored, queued for analysis); a running `serve` analyses it and
 * open listening pages switch to it. A DAW session file beside the bounce goes up with it as the
 * version's session (recall sheet). Files already in DIR at start are left alone.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        header = "Import each new bounce in a folder as a project's next version.",
        description = {"Import every new bounce that appears in DIR as the next version of a project,",
                "so listening pages (a phone, AirPods) switch to it within seconds. Run `signoff serve` on the same data.",
                "A session file beside the bounce (.rpp, .dawproject, .ardour: the one whose name begins the bounce's, else the newest)",
                "goes up with it: the project page shows its recall sheet, and its markers name the version's sections."})
final class WatchCommand implements Callable<Integer> {
    static final long POLL_MS = 500;

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Folder your DAW bounces into.")
    Path folder;

    @Option(names = "--project", required = true, paramLabel = "NAME", description = "Project the versions go to (created when missing).")
    String projectName;

    @Mixin ServerStorage storage;

    @Mixin ObjectStorageOptions objectStorage;

    @Option(names = "--settle", defaultValue = "2", paramLabel = "SECONDS",
            description = "How long a file's size must stay the same before it counts as finished (default: ${DEFAULT-VALUE}).")
    double settleSeconds;

    /** A file as last seen: size and modification time, and since when it has looked like that. */
    private record Seen(long size, long modified, long since, boolean handled) {
        boolean same(BasicFileAttributes a) { return size == a.size() && modified == a.lastModifiedTime().toMillis(); }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(folder))
            throw new ParameterException(spec.commandLine(), folder + ": " + (Files.exists(folder) ? "not a directory" : "no such directory"));
        if (settleSeconds < 0) throw new ParameterException(spec.commandLine(), "--settle must be 0 or more seconds");
        var bucket = objectStorage.bucket();
        DataDirectory dir = storage.directory();
        try (Database database = Database.open(storage.db, dir.sqliteFile()); MediaStorage files = ObjectStorageOptions.open(bucket, dir)) {
            Library library = Library.create(dir, files, database.jdbi(), Clock.systemUTC(), 0, Library.JOB_LEASE, PreviewEncoder.onPath());
            Project project = library.projects().findOrCreate(projectName.strip());
            VersionRecall recall = new VersionRecall(dir, files, new RecallStore(database.jdbi(), Clock.systemUTC()));
            Map<Path, Seen> seen = new HashMap<>();
            long now = System.currentTimeMillis();
            for (var e : scan().entrySet()) seen.put(e.getKey(), new Seen(e.getValue().size(), e.getValue().lastModifiedTime().toMillis(), now, true));
            out.println("Watching " + folder + " for new bounces of '" + project.name() + "'"
                    + (seen.isEmpty() ? "" : " (" + seen.size() + " files already there are left alone)") + ". Stop with Ctrl-C.");
            out.flush();
            long settleMs = Math.round(settleSeconds * 1000);
            while (!Thread.currentThread().isInterrupted()) {
                long t = System.currentTimeMillis();
                for (var e : scan().entrySet()) {
                    Path file = e.getKey();
                    // a session file is not a bounce: it goes up with the bounce beside it
                    if (Daw.ofFileName(file.getFileName().toString()) != null) continue;
                    BasicFileAttributes a = e.getValue();
                    Seen s = seen.get(file);
                    if (s == null || !s.same(a)) {
                        seen.put(file, new Seen(a.size(), a.lastModifiedTime().toMillis(), t, false));
                    } else if (!s.handled() && t - s.since() >= settleMs && a.size() > 0) {
                        out.println(importOne(library, recall, project, file));
                        out.flush();
                        seen.put(file, new Seen(s.size(), s.modified(), s.since(), true));
                    }
                }
                try {
                    Thread.sleep(POLL_MS);
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
        return Main.OK;
    }

    /** One line about what became of the file, and of the session beside it (SessionReader.sessionBeside says which). */
    private static String importOne(Library library, VersionRecall recall, Project project, Path file) {
        String name = file.getFileName().toString();
        try {
            Version v = library.importer().importCopy(project.id(), file, "");
            String line = name + " -> v" + v.number() + " of '" + project.name() + "' (the server analyses it now)";
            Path session = SessionReader.sessionBeside(file).orElse(null);
            if (session == null) return line;
            try {
                recall.attachCopy(v.id(), session);
                return line + ", with its session " + session.getFileName();
            } catch (VersionRecall.NotASession | IOException e) {
                return line + "; its session was not attached: " + (e instanceof VersionRecall.NotASession ? e.getMessage() : Errors.about(session, e));
            }
        } catch (VersionImporter.Refused e) {
            return (e.duplicate() ? "skipped " : "skipped (not imported) ") + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "could not import " + Errors.about(file, e);
        }
    }

    /** Regular, visible files directly in the folder (DAWs' hidden temporary files are skipped). */
    private Map<Path, BasicFileAttributes> scan() throws IOException {
        Map<Path, BasicFileAttributes> files = new HashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (p.getFileName().toString().startsWith(".")) continue;
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) files.put(p, a);
                } catch (IOException gone) {
                    // deleted between listing and reading: not there
                }
            }
        }
        return files;
    }
}
