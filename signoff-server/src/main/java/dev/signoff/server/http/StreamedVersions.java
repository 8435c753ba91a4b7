package dev.signoff.server.http;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.library.AudioFormat;
import dev.signoff.server.library.MappedFiles;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.store.BriefCache;
import dev.signoff.server.store.CacheInvalidation;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.store.VersionStore.Version;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The versions being listened to: their rows remembered for a moment (a player's range requests
 * come in bursts; a removal empties the cache on every instance) and their files (originals and
 * listening previews) mapped into memory, shared by the framework's audio route and the listening
 * fast path.
 */
final class StreamedVersions {
    private final DataDirectory dataDir;
    private final VersionStore store;
    private final MappedFiles mapped = new MappedFiles();
    private final BriefCache<String, Version> versions;

    StreamedVersions(DataDirectory dataDir, VersionStore store, CacheInvalidation caches) {
        this.dataDir = dataDir;
        this.store = store;
        this.versions = caches.newCache();
    }

    /** Remembered only once its waveform exists, so a page waiting for the quick pass sees it at once. */
    Optional<Version> version(String id) {
        Version known = versions.peek(id);
        if (known != null) return Optional.of(known);
        Optional<Version> found = store.find(id);
        found.filter(v -> v.waveformPath() != null).ifPresent(v -> versions.put(id, v));
        return found;
    }

    /** One file a version is streamed as: its original or its listening preview. */
    record Rendition(Path file, String contentType, String etag) {}

    Rendition original(Version v) {
        return new Rendition(dataDir.resolve(v.audioPath()), AudioFormat.ofId(v.format()).contentType(), AudioAnswer.etag(v));
    }

    /** Its listening preview, once made; the validator differs from the original's, so no cache mixes their bytes. */
    Optional<Rendition> preview(Version v) {
        if (v.previewPath() == null) return Optional.empty();
        return Optional.of(new Rendition(dataDir.resolve(v.previewPath()), PreviewEncoder.CONTENT_TYPE,
                "\"" + v.sha256().substring(0, 24) + "-aac" + PreviewEncoder.BITRATE_KBPS + "\""));
    }

    long size(Rendition r) throws IOException { return mapped.size(r.file()); }

    ByteBuffer[] slices(Rendition r, ByteRange range) throws IOException {
        return mapped.slices(r.file(), range.first(), range.length());
    }
}
