package dev.signoff.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Each version compared with the one before it: the stored diff (signoff.diff/1 with the scope
 * check), the step's size in JNDs for the "let it go" meter, or why no diff could be made. Written
 * by the analysis job after the check, read by the project page, the history API and
 * {@code signoff history --project}.
 */
public final class ChangeStore {

    /**
     * A version's comparison with the one before.
     *
     * @param fromVersionId the version it was compared with, or null when it is the first
     * @param diffJson      the diff with the scope check, or null (not compared yet, or failed)
     * @param jnd           the largest change in JNDs, or null
     * @param error         why the comparison failed, or null
     */
    public record Stored(String versionId, String fromVersionId, String diffJson, Double jnd, String error) {
        public boolean done() { return diffJson != null || error != null; }
    }

    /** A revision item still open, as the scope check reads it. */
    public record OpenItem(String body, double startS, Double endS) {}

    private final Jdbi jdbi;
    private final Clock clock;

    public ChangeStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The version that {@code v} is compared with: the latest earlier one of its project that has not failed. */
    public Optional<VersionStore.Version> previous(VersionStore.Version v) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + VersionStore.COLUMNS + " FROM versions WHERE project_id = :p AND number < :n "
                        + "AND deleted_at IS NULL AND status <> 'failed' ORDER BY number DESC")
                .bind("p", v.projectId()).bind("n", v.number()).map(VersionStore.MAPPER).findFirst());
    }

    /** The items of the project's rounds that are open and whose comments were written before {@code before} (epoch ms). */
    public List<OpenItem> openItems(String projectId, long before) {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.body, c.start_s, c.end_s FROM revision_items i JOIN comments c ON c.id = i.comment_id "
                        + "WHERE i.project_id = :p AND i.round_id IS NOT NULL AND i.status = 'open' AND c.created_at <= :t ORDER BY c.created_at")
                .bind("p", projectId).bind("t", before)
                .map((rs, ctx) -> new OpenItem(rs.getString(1), rs.getDouble(2), dbl(rs, 3))).list());
    }

    /** Stores the comparison (a diff, or the reason there is none) inside {@code h}'s transaction. */
    public void store(Handle h, String versionId, String fromVersionId, String diffJson, Double jnd, String error) {
        h.createUpdate("UPDATE versions SET diff_from_version_id = :from, diff_json = :diff, diff_jnd = :jnd, diff_error = :error WHERE id = :id")
                .bind("from", fromVersionId).bind("diff", diffJson).bind("jnd", jnd).bind("error", error).bind("id", versionId).execute();
        h.createQuery("SELECT project_id FROM versions WHERE id = :id").bind("id", versionId).mapTo(String.class)
                .findOne().ifPresent(p -> ProjectRevisions.touch(h, p, clock.millis()));
    }

    public Optional<Stored> find(String versionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, diff_from_version_id, diff_json, diff_jnd, diff_error FROM versions WHERE id = :id AND deleted_at IS NULL")
                .bind("id", versionId).map((rs, ctx) -> stored(rs)).findOne());
    }

    /** Every live version's comparison (oldest first). */
    public List<Stored> steps(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, diff_from_version_id, diff_json, diff_jnd, diff_error FROM versions "
                        + "WHERE project_id = :p AND deleted_at IS NULL ORDER BY number")
                .bind("p", projectId).map((rs, ctx) -> stored(rs)).list());
    }

    /** The project's versions whose comparison is queued or running as a job of its own (JobQueue.COMPARE). */
    public Set<String> beingCompared(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT j.version_id FROM jobs j JOIN versions v ON v.id = j.version_id "
                        + "WHERE v.project_id = :p AND j.kind = 'compare' AND j.state IN ('queued', 'running')")
                .bind("p", projectId).mapTo(String.class).set());
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getString(1), rs.getString(2), rs.getString(3), dbl(rs, 4), rs.getString(5));
    }

    private static Double dbl(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }
}
