package dev.signoff.cli;

import dev.signoff.server.DataBackup;
import dev.signoff.server.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** `signoff backup DEST`: a consistent copy of the review server's data, safe while it runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        header = "Copy the review server's data directory to a safe place.",
        description = {"Copy the review server's data directory (database snapshot, audio, waveforms) into DEST,",
                "consistently, while `signoff serve` keeps running. Restore: serve --data DEST."})
final class BackupCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DEST", description = "New folder for the copy (must not exist).")
    Path dest;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $SIGNOFF_DATA or ~/.local/share/signoff).")
    Path data;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = DataDirectory.rootOrDefault(data);
        if (!Files.isDirectory(root)) {
            spec.commandLine().getErr().println("signoff: " + root + ": no such data directory");
            return Main.USAGE_OR_INPUT_ERROR;
        }
        long t0 = System.nanoTime();
        int files = DataBackup.copy(new DataDirectory(root), dest);
        out.printf("Backed up %s to %s (%d files, %.1f s).%n", root, dest.toAbsolutePath(), files, (System.nanoTime() - t0) / 1e9);
        int elsewhere = DataBackup.versionsElsewhere(dest);
        if (elsewhere > 0) out.println("The audio of " + elsewhere + (elsewhere == 1 ? " version is" : " versions is")
                + " in object storage (serve --storage), which this backup does not copy: keep versioning on in that bucket.");
        out.flush();
        return Main.OK;
    }
}
