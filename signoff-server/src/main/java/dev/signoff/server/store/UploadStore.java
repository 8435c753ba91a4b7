package dev.signoff.server.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Resumable uploads in progress. The row says how many bytes are safely on disk in
 * uploads/&lt;id&gt;.part; it only moves forward, by a conditional update, so two requests carrying the
 * same chunk cannot both count it.
 */
public final class UploadStore {

    /** {@code versionId} is set once the upload became a version. */
    public record Upload(String id, String projectId, String fileName, long sizeBytes, long receivedBytes,
                         String label, String versionId, long createdAt, long updatedAt) {
        public boolean complete() { return receivedBytes == sizeBytes; }
    }

    private static final String COLUMNS = "id, project_id, file_name, size_bytes, received_bytes, label, version_id, created_at, updated_at";
    private static final RowMapper<Upload> MAPPER = (rs, ctx) -> new Upload(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9));

    private final Jdbi jdbi;
    private final Clock clock;

    public UploadStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Upload create(String projectId, String fileName, long sizeBytes, String label) {
        String id = Ids.newId();
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO uploads (" + COLUMNS + ") VALUES (:id, :p, :file, :size, 0, :label, NULL, :now, :now)")
                .bind("id", id).bind("p", projectId).bind("file", fileName).bind("size", sizeBytes).bind("label", label)
                .bind("now", now).execute());
        return find(id).orElseThrow();
    }

    public Optional<Upload> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM uploads WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /** Moves the offset from {@code from} to {@code to}; false when another request already moved it. */
    public boolean advance(String id, long from, long to) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE uploads SET received_bytes = :to, updated_at = :now WHERE id = :id AND received_bytes = :from")
                .bind("to", to).bind("now", clock.millis()).bind("id", id).bind("from", from).execute()) == 1;
    }

    /**
     * Claims the upload for one request writing a chunk, until {@code until}; false while another
     * request's claim holds. {@code writer} names the claim, so only its holder renews or releases it.
     */
    public boolean claim(String id, String writer, long until) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE uploads SET writer = :w, writing_until = :until WHERE id = :id "
                        + "AND (writer IS NULL OR writer = :w OR writing_until < :now)")
                .bind("w", writer).bind("until", until).bind("id", id).bind("now", clock.millis()).execute()) == 1;
    }

    /** Lets go of a claim (no-op when it is not {@code writer}'s any more). */
    public void release(String id, String writer) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE uploads SET writer = NULL, writing_until = NULL WHERE id = :id AND writer = :w")
                .bind("id", id).bind("w", writer).execute());
    }

    /** Remembers the version the upload became, so a retried last chunk gets the same answer. */
    public void finished(String id, String versionId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE uploads SET version_id = :v, updated_at = :now WHERE id = :id")
                .bind("v", versionId).bind("now", clock.millis()).bind("id", id).execute());
    }

    public void delete(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM uploads WHERE id = :id").bind("id", id).execute());
    }

    /** Uploads nobody has touched since {@code before}: abandoned (or long finished). */
    public List<Upload> untouchedSince(long before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM uploads WHERE updated_at < :t").bind("t", before).map(MAPPER).list());
    }
}
