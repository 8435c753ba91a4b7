package dev.signoff.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.server.auth.Guards;
import dev.signoff.server.auth.RateLimiter;
import dev.signoff.server.auth.ShareSessionBudget;
import dev.signoff.server.notify.Notices;
import dev.signoff.server.store.CacheInvalidation;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.OwnerStore;
import dev.signoff.server.store.SessionStore;
import dev.signoff.server.store.ShareLinkStore;

import java.time.Clock;

/**
 * What every part of a running server shares: configuration, database, stores, guards, clock, the brief
 * caches' invalidation, and the notifications owed to the engineer.
 */
public record ServerContext(ServerConfig config, Database db, Clock clock, ObjectMapper json,
                            OwnerStore owner, SessionStore sessions, ShareLinkStore links, Guards guards, CacheInvalidation caches,
                            Notices notices) {

    public static ServerContext create(ServerConfig config, Database db, Clock clock) {
        var caches = new CacheInvalidation(db);
        var sessions = new SessionStore(db.jdbi(), clock, caches);
        var links = new ShareLinkStore(db.jdbi(), clock, caches);
        return new ServerContext(config, db, clock, new ObjectMapper(), new OwnerStore(db.jdbi(), clock),
                sessions, links, new Guards(sessions, links, clock,
                new ShareSessionBudget(new RateLimiter(db.jdbi(), clock), config.trustProxy())), caches,
                config.mail() == null ? Notices.NONE : new Notices(config.mail()));
    }

    public DataDirectory dataDir() { return config.dataDir(); }
}
