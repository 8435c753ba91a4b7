package dev.signoff.server.store;

import org.jdbi.v3.core.Handle;

/** A version as feedback sees it: its number, label and length, looked up inside one project only. */
public record VersionRef(String id, int number, String label, double durationS) {

    /**
     * The version {@code versionId} of project {@code projectId}; 404 when it is not one of that
     * project's versions, so a share link can never reach another project's version.
     */
    public static VersionRef require(Handle h, String projectId, String versionId) {
        return h.createQuery("SELECT id, number, label, duration_s FROM versions WHERE id = :v AND project_id = :p AND deleted_at IS NULL")
                .bind("v", versionId).bind("p", projectId)
                .map((rs, ctx) -> new VersionRef(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getDouble(4)))
                .findOne().orElseThrow(() -> StoreRefusal.notFound("that version is not part of this project"));
    }

    /** "v3", or "v3 (label)" when the engineer gave it one. */
    public String title() {
        return label.isBlank() ? "v" + number : "v" + number + " (" + label + ")";
    }
}
