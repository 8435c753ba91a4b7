package dev.signoff.audio;

import java.io.Closeable;
import java.io.IOException;

/**
 * Hand-over of a freshly opened file channel or stream to the reader that will own it, for the
 * readers' {@code open} methods.
 */
public final class OwnedResource {

    /** Builds the owner of {@code resource}, typically a reader's constructor. */
    @FunctionalInterface
    public interface Owner<C, R> {
        R create(C resource) throws IOException;
    }

    private OwnedResource() {}

    /**
     * The owner {@code create} builds over {@code resource}. When building fails (a bad header, an
     * unsupported format) nobody else holds the resource, so it is closed here before the error
     * goes on.
     */
    public static <C extends Closeable, R> R handTo(C resource, Owner<C, R> create) throws IOException {
        try {
            return create.create(resource);
        } catch (IOException | RuntimeException e) {
            resource.close();
            throw e;
        }
    }
}
