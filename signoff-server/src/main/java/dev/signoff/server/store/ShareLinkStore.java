package dev.signoff.server.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Private share links: one per person or band, each a 128-bit token with its own permissions. Creating
 * or revoking a link is a change to its project (its revision number grows), so open pages notice.
 */
public final class ShareLinkStore {

    public enum Audience { PERSON, BAND }

    /** Where a link stands right now. */
    public enum Status { ACTIVE, EXPIRED, REVOKED }

    /** What a link grants. {@code passwordHash}, {@code expiresAt}, {@code revokedAt} may be null. */
    public record ShareLink(String id, String projectId, String token, String label, Audience audience,
                            boolean canComment, boolean canDownload, String passwordHash,
                            Long expiresAt, Long revokedAt, String message, long createdAt) {
        public boolean usableAt(long now) { return status(now) == Status.ACTIVE; }

        public Status status(long now) {
            if (revokedAt != null) return Status.REVOKED;
            if (expiresAt != null && expiresAt <= now) return Status.EXPIRED;
            return Status.ACTIVE;
        }

        public boolean hasPassword() { return passwordHash != null; }
    }

    /** What the engineer chooses when creating a link; {@code message} is the drafted sharing message. */
    public record NewLink(String label, Audience audience, boolean canComment, boolean canDownload,
                          String passwordHash, Long expiresAt, String message) {}

    /** What a sharing message says about the project. */
    public record ProjectTitle(String name, String artist) {}

    private static final String COLUMNS = "id, project_id, token, label, audience, can_comment, can_download, password_hash, expires_at, revoked_at, message, created_at";
    private static final RowMapper<ShareLink> MAPPER = (rs, ctx) -> new ShareLink(
            rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Audience.valueOf(rs.getString(5).toUpperCase()), rs.getInt(6) == 1, rs.getInt(7) == 1,
            rs.getString(8), nullableLong(rs, 9), nullableLong(rs, 10), rs.getString(11), rs.getLong(12));

    /** sqlite-jdbc cannot hand out a BIGINT as a Long object, so NULL is read through wasNull(). */
    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private final Jdbi jdbi;
    private final BriefCache<String, ShareLink> byToken;
    private final CacheInvalidation caches;
    private final Clock clock;

    public ShareLinkStore(Jdbi jdbi, Clock clock, CacheInvalidation caches) {
        this.caches = caches;
        this.byToken = caches.newCache();
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A new link with a fresh token. */
    public ShareLink create(String projectId, NewLink link) {
        return create(projectId, Ids.token(), link);
    }

    /** A new link with {@code token}, made by the caller first because the link's message names its URL. */
    public ShareLink create(String projectId, String token, NewLink link) {
        String id = Ids.newId();
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO share_links (" + COLUMNS + ") VALUES (:id, :project, :token, :label, :audience, :comment, :download, :password, :expires, NULL, :message, :now)")
                    .bind("id", id).bind("project", projectId).bind("token", token).bind("label", link.label())
                    .bind("audience", link.audience().name().toLowerCase()).bind("comment", link.canComment() ? 1 : 0)
                    .bind("download", link.canDownload() ? 1 : 0).bind("password", link.passwordHash())
                    .bind("expires", link.expiresAt()).bind("message", link.message() == null ? "" : link.message())
                    .bind("now", now).execute();
            ProjectRevisions.touch(h, projectId, now);
        });
        return find(id).orElseThrow();
    }

    public Optional<ShareLink> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM share_links WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    /** The link {@code id} if it belongs to {@code projectId}: a link id from another project finds nothing. */
    public Optional<ShareLink> findInProject(String projectId, String id) {
        return find(id).filter(l -> l.projectId().equals(projectId));
    }

    /** The link with this token (remembered for a moment: every listening-page request asks). */
    public Optional<ShareLink> findByToken(String token) {
        if (token == null || token.length() != 22) return Optional.empty();
        return byToken.get(token, t -> jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM share_links WHERE token = :t")
                .bind("t", t).map(MAPPER).findOne()));
    }

    public List<ShareLink> forProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM share_links WHERE project_id = :p ORDER BY created_at").bind("p", projectId).map(MAPPER).list());
    }

    /** The project's name and artist; empty when there is no such project. */
    public Optional<ProjectTitle> projectTitle(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, artist FROM projects WHERE id = :p").bind("p", projectId)
                .map((rs, ctx) -> new ProjectTitle(rs.getString(1), rs.getString(2))).findOne());
    }

    /** Revokes the link and ends its sessions: it stops working on the next request. False if it was already revoked. */
    public boolean revoke(String projectId, String id) {
        long now = clock.millis();
        boolean revoked = jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE share_links SET revoked_at = :now WHERE id = :id AND project_id = :p AND revoked_at IS NULL")
                    .bind("now", now).bind("id", id).bind("p", projectId).execute();
            h.createUpdate("DELETE FROM sessions WHERE link_id = :id").bind("id", id).execute();
            if (n == 1) ProjectRevisions.touch(h, projectId, now);
            return n == 1;
        });
        // After the commit: forgetting before it would let a request in between remember the link again.
        if (revoked) caches.changed();
        return revoked;
    }
}
