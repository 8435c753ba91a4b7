package dev.signoff.session;

import java.io.IOException;
import java.nio.file.Path;

/** A session file that cannot be read as what it claims to be; the message is one line naming the file. */
public final class SessionFileException extends IOException {
    public SessionFileException(Path file, String reason) {
        super(file.getFileName() + ": " + reason);
    }
}
