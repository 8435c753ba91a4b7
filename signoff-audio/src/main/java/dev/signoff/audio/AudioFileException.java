package dev.signoff.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be decoded: truncated, corrupt, or in a format Signoff does not read.
 * The message is one plain line meant for the user, naming the file and what is wrong.
 */
public class AudioFileException extends IOException {

    public AudioFileException(Path file, String problem) {
        super(file.getFileName() + ": " + problem);
    }

    public AudioFileException(Path file, String problem, Throwable cause) {
        super(file.getFileName() + ": " + problem, cause);
    }
}
