package dev.signoff.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files whole or not at all: into a temporary sibling, then renamed over the target. */
final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * A new, empty, hidden file next to {@code target} for writing it whole before the rename.
     * Created with the default permissions (the user's umask), unlike Files.createTempFile's
     * owner-only ones, so a report or a render can be shared like any other file.
     */
    static Path temporarySibling(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        return Files.createFile(abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".tmp"));
    }

    static void write(Path target, String text) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new IOException(target + ": folder " + dir + " does not exist");
        if (Files.isDirectory(abs)) throw new IOException(target + ": is a folder, give a file name");
        Path tmp = temporarySibling(abs);
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The report to {@code target} (saying so on standard error), or to standard output when there is no target. */
    static void writeOrPrint(Path target, String report, picocli.CommandLine cli) throws IOException {
        if (target != null) {
            write(target, report);
            cli.getErr().println("signoff: wrote " + target);
        } else {
            cli.getOut().print(report);
            cli.getOut().flush();
        }
    }
}
