package dev.signoff.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Where a format keeps its media: how a written path resolves, and which folders hold the session's media. */
interface MediaLocator {

    /** A media file as the session writes it, found (or not) on this machine. */
    record Found(Path path, boolean inContainer, boolean exists, boolean insideProject, long bytes) {}

    Found locate(String written) throws IOException;

    /** Every media file kept where the DAW records new media (used or not), as found. */
    List<Found> mediaFolderContents() throws IOException;
}
