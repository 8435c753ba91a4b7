package dev.signoff.server.store;

import org.jdbi.v3.core.Handle;

/**
 * Every change to a project (a version, a comment, a round, an approval, a link) bumps its revision
 * number, inside the same transaction as the change. Live pages follow these numbers
 * (events.ProjectWatcher), which works the same with one instance or several sharing PostgreSQL.
 */
public final class ProjectRevisions {
    private ProjectRevisions() {}

    public static void touch(Handle h, String projectId, long now) {
        h.createUpdate("UPDATE projects SET revision = revision + 1, updated_at = :now WHERE id = :p")
                .bind("now", now).bind("p", projectId).execute();
    }
}
