package dev.signoff.server.storage;

import java.io.IOException;

/**
 * The storage did not answer, or answered that it cannot serve now (an object store that is down,
 * unreachable or overloaded): worth trying again later, unlike a missing or refused file. The
 * server answers such requests with 503 and one plain message.
 */
public final class StorageUnavailable extends IOException {
    public static final String MESSAGE = "the server cannot reach the storage that keeps its audio; try again in a moment";

    public StorageUnavailable(String message, Throwable cause) { super(message, cause); }

    public static boolean causedBy(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause())
            if (e instanceof StorageUnavailable) return true;
        return false;
    }
}
