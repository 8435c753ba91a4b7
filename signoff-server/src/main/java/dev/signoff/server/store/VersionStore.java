package dev.signoff.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Versions: the numbered, immutable bounces of a project. A row exists only once its audio file is
 * complete, validated and in place ({@link dev.signoff.server.library.VersionImporter}); afterwards
 * only its analysis results change. Numbers are never given out twice, not even after a removal.
 */
public final class VersionStore {

    public enum Status {
        QUEUED, ANALYSING, READY, FAILED;

        public String id() { return name().toLowerCase(java.util.Locale.ROOT); }

        static Status of(String id) { return valueOf(id.toUpperCase(java.util.Locale.ROOT)); }
    }

    /**
     * One version. Analysis fields ({@code integratedLufs} ... {@code waveformPath}) are null until the
     * analysis has measured them; {@code integratedLufs} and {@code waveformPath} arrive first
     * (the quick pass), true peak and finding counts with the full check. {@code analysisNote}: why an
     * unfinished analysis is waiting or started again (null otherwise); {@code error}: why it failed.
     * The listening preview
     * ({@code previewPath}, {@code previewBytes}) arrives with the quick pass, or {@code previewError}
     * says why there is none.
     */
    public record Version(String id, String projectId, int number, String label, String fileName, String audioPath,
                          String format, long sizeBytes, String sha256, int sampleRate, int channels, double durationS,
                          Status status, Double integratedLufs, Double truePeakDbtp, Integer problems, Integer warnings,
                          Integer notes, String waveformPath, String error, boolean locked, long createdAt, String analysisNote,
                          String previewPath, Long previewBytes, String previewError) {
        /**
         * What listeners are shown: its waveform is drawn (the loudness is known from the same pass)
         * and its listening preview is made, or known to be missing ({@code previewError}), so a share
         * link's player never gets a version whose audio is still to come.
         */
        public boolean listenable() { return waveformPath != null && (previewPath != null || previewError != null); }
    }

    /** What the importer knows about a validated file about to become a version. */
    public record NewVersion(String id, String projectId, String label, String fileName, String audioPath, String format,
                             long sizeBytes, String sha256, int sampleRate, int channels, double durationS) {}

    static final String COLUMNS = "id, project_id, number, label, file_name, audio_path, format, size_bytes, sha256, "
            + "sample_rate, channels, duration_s, status, integrated_lufs, true_peak_dbtp, problems, warnings, notes, "
            + "waveform_path, error, locked, created_at, analysis_note, preview_path, preview_bytes, preview_error";
    static final RowMapper<Version> MAPPER = (rs, ctx) -> new Version(rs.getString(1), rs.getString(2), rs.getInt(3),
            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9),
            rs.getInt(10), rs.getInt(11), rs.getDouble(12), Status.of(rs.getString(13)), dbl(rs, 14), dbl(rs, 15),
            integer(rs, 16), integer(rs, 17), integer(rs, 18), rs.getString(19), rs.getString(20), rs.getInt(21) == 1,
            rs.getLong(22), rs.getString(23), rs.getString(24), lng(rs, 25), rs.getString(26));

    private final Jdbi jdbi;
    private final Clock clock;

    public VersionStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The project already has a version with the same bytes: the insert was refused. */
    public static final class SameFile extends RuntimeException {
        private final Version existing;

        SameFile(Version existing) {
            super("the same file is already v" + existing.number(), null, false, false);
            this.existing = existing;
        }

        public Version existing() { return existing; }
    }

    /**
     * Inserts the version with the next number of its project, inside {@code h}'s transaction (the
     * caller queues its analysis and bumps the project's revision in the same one). Throws
     * {@link SameFile} when the project already has a version with these bytes: checked after the
     * project's lock, so of simultaneous uploads of one file only the first becomes a version.
     */
    public Version insert(Handle h, NewVersion v) {
        // Locks the project row first, so two imports into one project take turns for the number.
        h.createUpdate("UPDATE projects SET updated_at = updated_at WHERE id = :p").bind("p", v.projectId()).execute();
        Optional<Version> same = findBySha(h, v.projectId(), v.sha256());
        if (same.isPresent()) throw new SameFile(same.get());
        int number = h.createQuery("SELECT COALESCE(MAX(number), 0) + 1 FROM versions WHERE project_id = :p")
                .bind("p", v.projectId()).mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO versions (id, project_id, number, label, file_name, audio_path, format, size_bytes, sha256, "
                        + "sample_rate, channels, duration_s, status, locked, created_at) VALUES (:id, :p, :number, :label, :file, "
                        + ":path, :format, :size, :sha, :rate, :channels, :duration, 'queued', 0, :now)")
                .bind("id", v.id()).bind("p", v.projectId()).bind("number", number).bind("label", v.label())
                .bind("file", v.fileName()).bind("path", v.audioPath()).bind("format", v.format()).bind("size", v.sizeBytes())
                .bind("sha", v.sha256()).bind("rate", v.sampleRate()).bind("channels", v.channels())
                .bind("duration", v.durationS()).bind("now", clock.millis()).execute();
        return find(h, v.id()).orElseThrow();
    }

    public Optional<Version> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    /** The version (not removed), or a 404 problem for a request that names one that does not exist. */
    public Version require(String id) {
        return find(id).orElseThrow(() -> StoreRefusal.notFound("no such version"));
    }

    static Optional<Version> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM versions WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map(MAPPER).findOne();
    }

    /** The project's versions, oldest first. */
    public List<Version> forProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM versions WHERE project_id = :p AND deleted_at IS NULL ORDER BY number")
                .bind("p", projectId).map(MAPPER).list());
    }

    /** The version of {@code projectId} whose audio has this SHA-256, if it was imported before. */
    public Optional<Version> findBySha(String projectId, String sha256) {
        return jdbi.withHandle(h -> findBySha(h, projectId, sha256));
    }

    private static Optional<Version> findBySha(Handle h, String projectId, String sha256) {
        return h.createQuery("SELECT " + COLUMNS + " FROM versions WHERE project_id = :p AND sha256 = :sha AND deleted_at IS NULL ORDER BY number")
                .bind("p", projectId).bind("sha", sha256).map(MAPPER).findFirst();
    }

    /** The check's full JSON report, once the analysis is done. */
    public Optional<String> reportJson(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT report_json FROM versions WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).mapTo(String.class).findOne());
    }

    /**
     * Removes the version unless it is locked or has feedback (comments, a round, an approval):
     * its row stays, marked, so its number is never given out again. Returns null once removed,
     * else why not. The caller deletes the files afterwards.
     */
    public String remove(Version v) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE projects SET updated_at = updated_at WHERE id = :p").bind("p", v.projectId()).execute();
            Version now = find(h, v.id()).orElse(null);
            if (now == null) return null;
            if (now.locked()) return "v" + now.number() + " is approved and locked; it stays";
            int feedback = h.createQuery("SELECT (SELECT COUNT(*) FROM comments WHERE version_id = :v) + (SELECT COUNT(*) FROM approvals WHERE version_id = :v)"
                            + " + (SELECT COUNT(*) FROM rounds WHERE version_id = :v) + (SELECT COUNT(*) FROM projects WHERE final_version_id = :v)")
                    .bind("v", v.id()).mapTo(Integer.class).one();
            if (feedback > 0) return "v" + now.number() + " has feedback and stays for the record";
            long t = clock.millis();
            h.createUpdate("UPDATE versions SET deleted_at = :now WHERE id = :id").bind("now", t).bind("id", v.id()).execute();
            ProjectRevisions.touch(h, v.projectId(), t);
            return null;
        });
    }

    /** The analysis has started (a worker claimed its job). */
    public void markAnalysing(Handle h, String id) {
        update(h, id, "UPDATE versions SET status = 'analysing', error = NULL WHERE id = :id");
    }

    /**
     * The quick pass is done: the waveform is stored and the integrated loudness known, so the
     * version can be played, loudness-matched, while the full check still runs.
     */
    public void storeQuickLook(Handle h, String id, double integratedLufs, String waveformPath) {
        h.createUpdate("UPDATE versions SET integrated_lufs = :lufs, waveform_path = :wave WHERE id = :id")
                .bind("lufs", finite(integratedLufs)).bind("wave", waveformPath).bind("id", id).execute();
        touchProjectOf(h, id);
    }

    /**
     * The listening preview is stored ({@code path} and {@code bytes}), or why there is none
     * ({@code error}, with null path and bytes).
     */
    public void storePreview(Handle h, String id, String path, Long bytes, String error) {
        h.createUpdate("UPDATE versions SET preview_path = :path, preview_bytes = :bytes, preview_error = :error WHERE id = :id")
                .bind("path", path).bind("bytes", bytes).bind("error", error).bind("id", id).execute();
        touchProjectOf(h, id);
    }

    /**
     * The versions (not removed) that have no preview for {@code reason}, with the reason cleared
     * inside {@code h}'s transaction, so the caller can queue their previews again.
     */
    public List<String> reopenPreviews(Handle h, String reason) {
        List<String> ids = h.createQuery("SELECT id FROM versions WHERE deleted_at IS NULL AND preview_path IS NULL AND preview_error = :reason")
                .bind("reason", reason).mapTo(String.class).list();
        for (String id : ids) h.createUpdate("UPDATE versions SET preview_error = NULL WHERE id = :id").bind("id", id).execute();
        return ids;
    }

    /** The full check is done: its report and headline numbers; the version is ready. */
    public void storeReport(Handle h, String id, String reportJson, double integratedLufs, double truePeakDbtp,
                            int problems, int warnings, int notes) {
        h.createUpdate("UPDATE versions SET status = 'ready', report_json = :report, integrated_lufs = :lufs, true_peak_dbtp = :tp, "
                        + "problems = :problems, warnings = :warnings, notes = :notes, error = NULL, analysis_note = NULL WHERE id = :id")
                .bind("report", reportJson).bind("lufs", finite(integratedLufs)).bind("tp", finite(truePeakDbtp))
                .bind("problems", problems).bind("warnings", warnings).bind("notes", notes).bind("id", id).execute();
        touchProjectOf(h, id);
    }

    /** The analysis gave up; the audio stays playable if the quick pass got through. */
    public void markFailed(Handle h, String id, String error) {
        update(h, id, "UPDATE versions SET status = 'failed', error = :error, analysis_note = NULL WHERE id = :id", "error", error);
    }

    /** The analysis waits for another attempt (or for a server to pick it up again); {@code note} says why, in plain words. */
    public void markWaiting(Handle h, String id, String note) {
        update(h, id, "UPDATE versions SET status = 'queued', analysis_note = :note WHERE id = :id", "note", note);
    }

    /**
     * The owner asks for a failed analysis to run again: true when the version was failed and is now
     * queued, inside {@code h}'s transaction (the caller queues its job there); false when it was not
     * failed, so two requests at once queue one analysis.
     */
    public boolean requeueFailed(Handle h, String id) {
        int changed = h.createUpdate("UPDATE versions SET status = 'queued', error = NULL, analysis_note = NULL WHERE id = :id AND status = 'failed' AND deleted_at IS NULL")
                .bind("id", id).execute();
        if (changed == 1) touchProjectOf(h, id);
        return changed == 1;
    }

    private void update(Handle h, String id, String sql, String... binds) {
        var u = h.createUpdate(sql).bind("id", id);
        for (int i = 0; i < binds.length; i += 2) u.bind(binds[i], binds[i + 1]);
        u.execute();
        touchProjectOf(h, id);
    }

    private void touchProjectOf(Handle h, String versionId) {
        h.createQuery("SELECT project_id FROM versions WHERE id = :id").bind("id", versionId).mapTo(String.class)
                .findOne().ifPresent(p -> ProjectRevisions.touch(h, p, clock.millis()));
    }

    /** NaN (silence has no loudness) is stored as NULL. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** Audio paths of every version row, removed or not: what the vault must keep (or already deleted). */
    public java.util.Set<String> allAudioPaths() {
        return jdbi.withHandle(h -> new java.util.HashSet<>(h.createQuery("SELECT audio_path FROM versions").mapTo(String.class).list()));
    }

    /** Listening preview paths of every version row: what the previews folder must keep. */
    public java.util.Set<String> allPreviewPaths() {
        return jdbi.withHandle(h -> new java.util.HashSet<>(h.createQuery("SELECT preview_path FROM versions WHERE preview_path IS NOT NULL").mapTo(String.class).list()));
    }

    private static Double dbl(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static Long lng(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }
}
