package dev.signoff.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * A project's reference tracks: released tracks the owner trusts, read with the project's feedback
 * words. Owner only: nothing a share link reaches reads this table. Refusals are this store's own
 * exceptions; the HTTP layer turns them into answers.
 */
public final class ReferenceStore {
    /** How many references a project holds: a handful shows the range; more only slows every reading. */
    public static final int MAX_PER_PROJECT = 10;

    /**
     * One reference.
     *
     * @param fileName  as uploaded: shown, never used as a path
     * @param audioPath relative to the data directory, made by the server
     */
    public record ProjectReference(String id, String projectId, String fileName, String audioPath, String format,
                                   long sizeBytes, String sha256, double durationS, long createdAt) {}

    /** The project already holds a reference with these bytes. */
    public static final class SameFile extends RuntimeException {
        SameFile(ProjectReference existing) {
            super("the same file is already a reference of this project (" + existing.fileName() + ")", null, false, false);
        }
    }

    /** The project holds {@link #MAX_PER_PROJECT} references already. */
    public static final class Full extends RuntimeException {
        Full() {
            super("a project holds at most " + MAX_PER_PROJECT + " references; remove one first", null, false, false);
        }
    }

    private static final String COLUMNS = "id, project_id, file_name, audio_path, format, size_bytes, sha256, duration_s, created_at";
    private static final RowMapper<ProjectReference> MAPPER = (rs, ctx) -> new ProjectReference(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getDouble(8), rs.getLong(9));

    private final Jdbi jdbi;
    private final Clock clock;

    public ReferenceStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Adds a reference whose file is already in place. Throws {@link SameFile} or {@link Full},
     * checked after the project's row is locked, so simultaneous uploads take turns.
     */
    public ProjectReference insert(String id, String projectId, String fileName, String audioPath, String format,
                                   long sizeBytes, String sha256, double durationS) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE projects SET updated_at = updated_at WHERE id = :p").bind("p", projectId).execute();
            Optional<ProjectReference> same = h.createQuery("SELECT " + COLUMNS + " FROM project_references WHERE project_id = :p AND sha256 = :sha")
                    .bind("p", projectId).bind("sha", sha256).map(MAPPER).findFirst();
            if (same.isPresent()) throw new SameFile(same.get());
            int count = h.createQuery("SELECT COUNT(*) FROM project_references WHERE project_id = :p").bind("p", projectId).mapTo(Integer.class).one();
            if (count >= MAX_PER_PROJECT) throw new Full();
            h.createUpdate("INSERT INTO project_references (" + COLUMNS + ") VALUES (:id, :p, :file, :path, :format, :size, :sha, :duration, :now)")
                    .bind("id", id).bind("p", projectId).bind("file", fileName).bind("path", audioPath).bind("format", format)
                    .bind("size", sizeBytes).bind("sha", sha256).bind("duration", durationS).bind("now", clock.millis()).execute();
            return find(h, id).orElseThrow();
        });
    }

    /** The project's references, oldest first. */
    public List<ProjectReference> forProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM project_references WHERE project_id = :p ORDER BY created_at, id")
                .bind("p", projectId).map(MAPPER).list());
    }

    public Optional<ProjectReference> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    private static Optional<ProjectReference> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM project_references WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }

    /** Removes the row; true when there was one (its file is the caller's to delete afterwards). */
    public boolean remove(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM project_references WHERE id = :id").bind("id", id).execute()) == 1;
    }
}
