package dev.signoff.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The DAW session a version was bounced from: where its file is stored and its recall sheet as read
 * on upload (issue 14). One per version, replaced by a new upload. Owner only: nothing a share link
 * reaches reads this table.
 */
public final class RecallStore {

    /**
     * A version's session.
     *
     * @param fileName  as uploaded: shown, never used as a path
     * @param storedKey the media storage key, made by the server
     * @param recallJson the recall sheet, {@code signoff.session/1}-shaped
     */
    public record VersionSession(String versionId, String fileName, String daw, String storedKey, long sizeBytes, String sha256,
                                 String recallJson, long createdAt) {}

    private static final String COLUMNS = "version_id, file_name, daw, stored_key, size_bytes, sha256, recall_json, created_at";
    private static final RowMapper<VersionSession> MAPPER = (rs, ctx) -> new VersionSession(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getLong(8));

    private final Jdbi jdbi;
    private final Clock clock;

    public RecallStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Records {@code versionId}'s session, replacing the one it had, which is returned so that its
     * file can be deleted once this one is recorded. The version's row is locked first, so two
     * uploads for one version take turns.
     */
    public Optional<VersionSession> put(String versionId, String fileName, String daw, String storedKey, long sizeBytes, String sha256, String recallJson) {
        return jdbi.inTransaction(h -> {
            int versions = h.createUpdate("UPDATE versions SET label = label WHERE id = :v AND deleted_at IS NULL").bind("v", versionId).execute();
            if (versions == 0) throw StoreRefusal.notFound("no such version");
            Optional<VersionSession> previous = find(h, versionId);
            h.createUpdate("DELETE FROM version_sessions WHERE version_id = :v").bind("v", versionId).execute();
            h.createUpdate("INSERT INTO version_sessions (" + COLUMNS + ") VALUES (:v, :file, :daw, :key, :size, :sha, :recall, :now)")
                    .bind("v", versionId).bind("file", fileName).bind("daw", daw).bind("key", storedKey).bind("size", sizeBytes)
                    .bind("sha", sha256).bind("recall", recallJson).bind("now", clock.millis()).execute();
            return previous;
        });
    }

    public Optional<VersionSession> find(String versionId) {
        return jdbi.withHandle(h -> find(h, versionId));
    }

    /** Stored keys of every session row, its version removed or not: what media storage's sessions/ must keep (or already deleted). */
    public Set<String> allStoredKeys() {
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery("SELECT stored_key FROM version_sessions").mapTo(String.class).list()));
    }

    private static Optional<VersionSession> find(Handle h, String versionId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM version_sessions WHERE version_id = :v").bind("v", versionId).map(MAPPER).findOne();
    }
}
