package dev.signoff.server.http;

import dev.signoff.server.storage.AudioFormat;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.storage.FolderStorage;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.BriefCache;
import dev.signoff.server.store.CacheInvalidation;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.store.VersionStore.Version;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The versions being listened to: their rows remembered for a moment (a player's range requests
 * come in bursts; a removal empties the cache on every instance) and their files (originals and
 * listening previews) in the server's storage, shared by the framework's audio route and the
 * listening fast path.
 */
final class StreamedVersions {
    private final MediaStorage storage;
    private final VersionStore store;
    private final BriefCache<String, Version> versions;

    StreamedVersions(MediaStorage storage, VersionStore store, CacheInvalidation caches) {
        this.storage = storage;
        this.store = store;
        this.versions = caches.newCache();
    }

    /**
     * Remembered only once its waveform exists and its listening preview is made or known missing, so
     * a page waiting for the quick pass, or a listener waiting for the preview (it follows `ready`),
     * gets it the moment it is there rather than up to a cache's lifetime later.
     */
    Optional<Version> version(String id) {
        Version known = versions.peek(id);
        if (known != null) return Optional.of(known);
        Optional<Version> found = store.find(id);
        found.filter(v -> v.waveformPath() != null && (v.previewPath() != null || v.previewError() != null))
                .ifPresent(v -> versions.put(id, v));
        return found;
    }

    /** One file a version is streamed as: its original or its listening preview. */
    record Rendition(String key, String contentType, String etag) {}

    Rendition original(Version v) {
        return new Rendition(v.audioPath(), AudioFormat.ofId(v.format()).contentType(), AudioAnswer.etag(v));
    }

    /** Its listening preview, once made; the validator differs from the original's, so no cache mixes their bytes. */
    Optional<Rendition> preview(Version v) {
        if (v.previewPath() == null) return Optional.empty();
        return Optional.of(new Rendition(v.previewPath(), PreviewEncoder.CONTENT_TYPE,
                "\"" + v.sha256().substring(0, 24) + "-aac" + PreviewEncoder.BITRATE_KBPS + "\""));
    }

    long size(Rendition r) throws IOException { return storage.size(r.key()); }

    void transfer(Rendition r, ByteRange range, MediaStorage.Sink out) throws IOException {
        storage.transfer(r.key(), range.first(), range.length(), out);
    }

    /** True when the files are mapped from the local disk, which the listening fast path writes without blocking. */
    boolean mapped() { return storage instanceof FolderStorage; }

    /** The range as slices of the file's mapping; only when {@link #mapped()}. */
    ByteBuffer[] slices(Rendition r, ByteRange range) throws IOException {
        return ((FolderStorage) storage).slices(r.key(), range.first(), range.length());
    }
}
