package dev.signoff.server.store;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Sign-off: a named client approves one version, which becomes the project's final version and is
 * locked, all in one transaction. While a final version stands, further approvals, comments and
 * rounds are refused; the engineer can reopen the project, which unlocks the version and keeps the
 * approval in the history, marked as reopened.
 */
public final class ApprovalStore {
    public static final int MAX_NOTE = 1000;

    /** One approval; {@code reopenedAt} is set once the engineer reopened the project after it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Approval(String id, String versionId, int versionNumber, String versionLabel, String linkId,
                           String linkLabel, String name, String note, long createdAt, Long reopenedAt) {}

    /** The project's final version (null while there is none) and every approval it has had. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record History(String finalVersionId, List<Approval> approvals) {}

    private static final String SELECT = """
            SELECT a.id, a.version_id, v.number, v.label, a.link_id, l.label, a.name, a.note, a.created_at, a.reopened_at
            FROM approvals a
            JOIN versions v ON v.id = a.version_id
            LEFT JOIN share_links l ON l.id = a.link_id
            """;
    private static final RowMapper<Approval> MAPPER = (rs, ctx) -> {
        long reopened = rs.getLong(10);
        Long reopenedAt = rs.wasNull() ? null : reopened;
        return new Approval(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), reopenedAt);
    };

    private final Jdbi jdbi;
    private final Clock clock;
    private final FeedbackNotices notices;

    public ApprovalStore(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, FeedbackNotices.NONE);
    }

    /** An approval owes the engineer an email when {@code notices} say so. */
    public ApprovalStore(Jdbi jdbi, Clock clock, FeedbackNotices notices) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.notices = notices;
    }

    /** {@code name} (through {@code link}) approves {@code versionId}: it becomes the final version, locked. */
    public Approval approve(ShareLink link, String versionId, String name, String note) {
        return jdbi.inTransaction(h -> {
            long now = clock.millis();
            // First, so two approvals racing on one project queue here (a row lock on PostgreSQL).
            ProjectRevisions.touch(h, link.projectId(), now);
            ProjectRef project = ProjectRef.require(h, link.projectId());
            VersionRef version = VersionRef.require(h, project.id(), versionId);
            if (project.finalVersionId() != null) {
                String which = standing(h, project).map(a -> "v" + a.versionNumber() + " is already approved as the final mix (by " + a.name() + ")")
                        .orElse("a final version is already set");
                throw StoreRefusal.conflict(which + "; if something should still change, ask the engineer to reopen the project");
            }
            // The row lock taken above already orders approvals; the condition keeps the rule in the statement itself.
            int updated = h.createUpdate("UPDATE projects SET final_version_id = :v WHERE id = :p AND final_version_id IS NULL")
                    .bind("v", version.id()).bind("p", project.id()).execute();
            if (updated != 1) throw StoreRefusal.conflict("another version was approved at the same moment; reload the page");
            h.createUpdate("UPDATE versions SET locked = 1 WHERE id = :v").bind("v", version.id()).execute();
            String id = Ids.newId();
            h.createUpdate("INSERT INTO approvals (id, project_id, version_id, link_id, name, note, created_at) VALUES (:id, :p, :v, :l, :name, :note, :now)")
                    .bind("id", id).bind("p", project.id()).bind("v", version.id()).bind("l", link.id())
                    .bind("name", name).bind("note", note).bind("now", now).execute();
            notices.approval(h, link, id, version.id(), now);
            return h.createQuery(SELECT + " WHERE a.id = :id").bind("id", id).map(MAPPER).one();
        });
    }

    /** The engineer takes the project out of sign-off: the final version is unlocked, the approval kept as history. */
    public Approval reopen(String projectId) {
        return jdbi.inTransaction(h -> {
            long now = clock.millis();
            ProjectRevisions.touch(h, projectId, now);
            ProjectRef project = ProjectRef.require(h, projectId);
            if (project.finalVersionId() == null) throw StoreRefusal.conflict("no version is approved, so there is nothing to reopen");
            Approval approval = standing(h, project).orElseThrow(() -> new IllegalStateException("project " + projectId + " has a final version without an approval"));
            h.createUpdate("UPDATE versions SET locked = 0 WHERE id = :v").bind("v", project.finalVersionId()).execute();
            h.createUpdate("UPDATE projects SET final_version_id = NULL WHERE id = :p").bind("p", projectId).execute();
            h.createUpdate("UPDATE approvals SET reopened_at = :now WHERE project_id = :p AND reopened_at IS NULL")
                    .bind("now", now).bind("p", projectId).execute();
            return new Approval(approval.id(), approval.versionId(), approval.versionNumber(), approval.versionLabel(),
                    approval.linkId(), approval.linkLabel(), approval.name(), approval.note(), approval.createdAt(), now);
        });
    }

    /** The project's approvals, newest first, reopened ones included. */
    public History forProject(String projectId) {
        return jdbi.withHandle(h -> {
            ProjectRef project = ProjectRef.require(h, projectId);
            return new History(project.finalVersionId(),
                    h.createQuery(SELECT + " WHERE a.project_id = :p ORDER BY a.created_at DESC").bind("p", projectId).map(MAPPER).list());
        });
    }

    /** The approval that made the project's current final version, if there is one. */
    public Optional<Approval> standing(String projectId) {
        return jdbi.withHandle(h -> standing(h, ProjectRef.require(h, projectId)));
    }

    /** Refuses a change to the revision loop (comment, round) while a final version stands. */
    static void refuseOnceFinal(Handle h, ProjectRef project) {
        if (project.finalVersionId() == null) return;
        String which = standing(h, project).map(a -> "v" + a.versionNumber()).orElse("a version");
        throw StoreRefusal.conflict(which + " is approved as the final mix, so feedback is closed; ask the engineer to reopen the project if something should still change");
    }

    private static Optional<Approval> standing(Handle h, ProjectRef project) {
        if (project.finalVersionId() == null) return Optional.empty();
        return h.createQuery(SELECT + " WHERE a.project_id = :p AND a.version_id = :v AND a.reopened_at IS NULL ORDER BY a.created_at DESC")
                .bind("p", project.id()).bind("v", project.finalVersionId()).map(MAPPER).findFirst();
    }
}
