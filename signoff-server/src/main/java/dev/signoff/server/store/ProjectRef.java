package dev.signoff.server.store;

import org.jdbi.v3.core.Handle;

/** What feedback needs to know about a project: the rounds in the deal and the approved version. */
public record ProjectRef(String id, int roundsAgreed, String finalVersionId) {

    /** The project {@code id}; 404 when there is none. */
    public static ProjectRef require(Handle h, String id) {
        return h.createQuery("SELECT id, rounds_agreed, final_version_id FROM projects WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new ProjectRef(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .findOne().orElseThrow(() -> StoreRefusal.notFound("no such project"));
    }
}
