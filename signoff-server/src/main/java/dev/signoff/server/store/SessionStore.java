package dev.signoff.server.store;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Login sessions for the owner and for share links. The cookie holds a random token; the table holds
 * only its SHA-256, so a copy of the database opens no session.
 */
public final class SessionStore {

    /** A live session. {@code linkId} is null for the owner. */
    public record Session(String kind, String linkId, String csrf, long expiresAt) {
        public boolean owner() { return kind.equals("owner"); }
    }

    /** What the browser gets: the cookie value, and the CSRF value its page echoes on writes. */
    public record Issued(String cookie, String csrf) {}

    private final Jdbi jdbi;
    private final BriefCache<String, Session> shareSessions;
    private final CacheInvalidation caches;
    private final Clock clock;

    public SessionStore(Jdbi jdbi, Clock clock, CacheInvalidation caches) {
        this.caches = caches;
        this.shareSessions = caches.newCache();
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Issued open(String kind, String linkId, Duration lifetime) {
        String cookie = Ids.token() + Ids.token();
        String csrf = Ids.token();
        long now = clock.millis();
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM sessions WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("INSERT INTO sessions (id_hash, kind, link_id, csrf, created_at, expires_at) VALUES (:id, :kind, :link, :csrf, :now, :exp)")
                    .bind("id", Ids.sha256(cookie)).bind("kind", kind).bind("link", linkId).bind("csrf", csrf)
                    .bind("now", now).bind("exp", now + lifetime.toMillis()).execute();
        });
        return new Issued(cookie, csrf);
    }

    /**
     * The live session behind {@code cookie}. Share sessions are remembered for a moment (a player's
     * range requests come in bursts); owner sessions are always read, so signing out or changing
     * the password ends the others at once.
     */
    public Optional<Session> find(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 100) return Optional.empty();
        String id = Ids.sha256(cookie);
        Session cached = shareSessions.peek(id);
        if (cached != null && cached.expiresAt() > clock.millis()) return Optional.of(cached);
        Optional<Session> s = jdbi.withHandle(h -> h.createQuery("SELECT kind, link_id, csrf, expires_at FROM sessions WHERE id_hash = :id AND expires_at > :now")
                .bind("id", id).bind("now", clock.millis())
                .map((rs, ctx) -> new Session(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .findOne());
        s.filter(x -> !x.owner()).ifPresent(x -> shareSessions.put(id, x));
        return s;
    }

    public void close(String cookie) {
        if (cookie == null) return;
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :id").bind("id", Ids.sha256(cookie)).execute());
        caches.changed();
    }
}
