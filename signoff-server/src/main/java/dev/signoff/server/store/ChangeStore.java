package dev.signoff.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    /**
     * What a version's comparison sketch keeps (BounceSketch in signoff-analysis): its length in
     * samples, samples per value, and the onset strength and level (dBFS) of each frame.
     */
    public record Sketch(long frames, int hopFrames, float[] flux, float[] levelDb) {}

    /** Keeps the sketch its analysis made of {@code versionId}, inside {@code h}'s transaction, for the next version's comparison. */
    public void storeSketch(Handle h, String versionId, Sketch s) {
        h.createUpdate("DELETE FROM version_sketches WHERE version_id = :v").bind("v", versionId).execute();
        h.createUpdate("INSERT INTO version_sketches (version_id, frames, hop_frames, flux, level_db) VALUES (:v, :frames, :hop, :flux, :level)")
                .bind("v", versionId).bind("frames", s.frames()).bind("hop", s.hopFrames())
                .bind("flux", bytes(s.flux())).bind("level", bytes(s.levelDb())).execute();
    }

    /** The sketch kept for {@code versionId}; empty for a version analysed before sketches were kept. */
    public Optional<Sketch> sketch(String versionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT frames, hop_frames, flux, level_db FROM version_sketches WHERE version_id = :v")
                .bind("v", versionId)
                .map((rs, ctx) -> new Sketch(rs.getLong(1), rs.getInt(2), floats(rs.getBytes(3)), floats(rs.getBytes(4)))).findOne());
    }

    private static byte[] bytes(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
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
