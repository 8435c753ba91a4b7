package dev.signoff.server.http;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.library.MappedFiles;
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
 * come in bursts; a removal empties the cache on every instance) and their files mapped into memory, shared by
 * the framework's audio route and the listening fast path.
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

    Path file(Version v) { return dataDir.resolve(v.audioPath()); }

    long size(Version v) throws IOException { return mapped.size(file(v)); }

    ByteBuffer[] slices(Version v, ByteRange range) throws IOException {
        return mapped.slices(file(v), range.first(), range.length());
    }
}
