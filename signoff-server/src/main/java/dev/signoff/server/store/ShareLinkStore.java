package dev.signoff.server.store;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Private share links: one per person or band, each a 128-bit token with its own permissions. */
public final class ShareLinkStore {

    public enum Audience { PERSON, BAND }

    /** What a link grants. {@code passwordHash}, {@code expiresAt}, {@code revokedAt} may be null. */
    public record ShareLink(String id, String projectId, String token, String label, Audience audience,
                            boolean canComment, boolean canDownload, String passwordHash,
                            Long expiresAt, Long revokedAt, String message, long createdAt) {
        public boolean usableAt(long now) {
            return revokedAt == null && (expiresAt == null || expiresAt > now);
        }

        public boolean hasPassword() { return passwordHash != null; }
    }

    /** What the engineer chooses when creating a link. */
    public record NewLink(String label, Audience audience, boolean canComment, boolean canDownload,
                          String passwordHash, Long expiresAt, String message) {}

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
    private final Clock clock;

    public ShareLinkStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public ShareLink create(String projectId, NewLink link) {
        String id = Ids.newId();
        String token = Ids.token();
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO share_links (" + COLUMNS + ") VALUES (:id, :project, :token, :label, :audience, :comment, :download, :password, :expires, NULL, :message, :now)")
                .bind("id", id).bind("project", projectId).bind("token", token).bind("label", link.label())
                .bind("audience", link.audience().name().toLowerCase()).bind("comment", link.canComment() ? 1 : 0)
                .bind("download", link.canDownload() ? 1 : 0).bind("password", link.passwordHash())
                .bind("expires", link.expiresAt()).bind("message", link.message() == null ? "" : link.message())
                .bind("now", now).execute());
        return find(id).orElseThrow();
    }

    public Optional<ShareLink> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM share_links WHERE id = :id").bind("id", id).map(MAPPER).findOne());
    }

    public Optional<ShareLink> findByToken(String token) {
        if (token == null || token.length() != 22) return Optional.empty();
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM share_links WHERE token = :t").bind("t", token).map(MAPPER).findOne());
    }

    public List<ShareLink> forProject(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM share_links WHERE project_id = :p ORDER BY created_at").bind("p", projectId).map(MAPPER).list());
    }

    /** Revokes the link and ends its sessions: it stops working on the next request. */
    public boolean revoke(String projectId, String id) {
        return jdbi.inTransaction(h -> {
            int n = h.createUpdate("UPDATE share_links SET revoked_at = :now WHERE id = :id AND project_id = :p AND revoked_at IS NULL")
                    .bind("now", clock.millis()).bind("id", id).bind("p", projectId).execute();
            h.createUpdate("DELETE FROM sessions WHERE link_id = :id").bind("id", id).execute();
            return n == 1;
        });
    }
}
