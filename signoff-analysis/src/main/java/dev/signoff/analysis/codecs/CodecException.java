package dev.signoff.analysis.codecs;

import java.io.IOException;

/** An encode or decode that could not run (ffmpeg missing or failing), with a one-line message. */
final class CodecException extends IOException {
    public CodecException(String message) {
        super(message);
    }
}
