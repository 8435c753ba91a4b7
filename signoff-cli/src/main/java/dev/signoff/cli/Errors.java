package dev.signoff.cli;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one-line messages users see. */
final class Errors {
    private Errors() {}

    static String oneLine(Throwable t) {
        if (t instanceof NoSuchFileException e) return e.getFile() + ": no such file";
        if (t instanceof AccessDeniedException e) return e.getFile() + ": permission denied";
        if (t instanceof FileNotFoundException e) return e.getMessage();
        if (t instanceof java.io.UncheckedIOException u && u.getCause() != null) return oneLine(u.getCause());
        String m = t.getMessage();
        if (m == null || m.isBlank()) m = "failed unexpectedly (set SIGNOFF_DEBUG=1 to see where)";
        return m.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** The one-line message about {@code file}, led by the file's name unless it already names it. */
    static String about(java.nio.file.Path file, Throwable t) {
        String msg = oneLine(t);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return msg.startsWith(name) || msg.startsWith(file.toString()) ? msg : name + ": " + msg;
    }
}
