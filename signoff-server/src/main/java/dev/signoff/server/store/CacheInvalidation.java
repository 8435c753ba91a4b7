package dev.signoff.server.store;

import dev.signoff.server.BackgroundService;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes every server instance forget what its {@link BriefCache}s remember when a remembered row
 * stops being valid: a link revoked, a version removed, a listener's session ended. This instance
 * forgets at once; on PostgreSQL the others hear of it through LISTEN/NOTIFY within milliseconds
 * (several processes on one SQLite file fall back to the caches' one-second life). Such changes
 * are rare, so forgetting everything costs a few queries and keeps this simple.
 */
public final class CacheInvalidation implements BackgroundService {
    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidation.class);
    static final String CHANNEL = "signoff_forget";
    /** How long one wait for notifications lasts: the most a stop waits for the listening thread. */
    private static final int WAIT_MS = 250;

    private final Database db;
    private final List<BriefCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private Thread listener;

    public CacheInvalidation(Database db) {
        this.db = db;
    }

    /** A cache that {@link #changed()} empties, here and on the other instances. */
    public <K, V> BriefCache<K, V> newCache() {
        BriefCache<K, V> cache = new BriefCache<>();
        caches.add(cache);
        return cache;
    }

    /** Call after committing a change that remembered rows may contradict. */
    public void changed() {
        forgetHere();
        if (db.kind() == Database.Kind.POSTGRESQL) db.jdbi().useHandle(h -> h.execute("NOTIFY " + CHANNEL));
    }

    private void forgetHere() {
        for (BriefCache<?, ?> c : caches) c.forgetAll();
    }

    @Override public void start() {
        if (db.kind() != Database.Kind.POSTGRESQL) return;
        listener = new Thread(this::listen, "signoff-cache-invalidation");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        while (!stopping) {
            try (Handle h = db.jdbi().open()) {
                PGConnection pg = h.getConnection().unwrap(PGConnection.class);
                try (Statement s = h.getConnection().createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                forgetHere();   // whatever was announced while this instance was not listening
                while (!stopping) {
                    PGNotification[] heard = pg.getNotifications(WAIT_MS);
                    if (heard != null && heard.length > 0) forgetHere();
                }
            } catch (SQLException | RuntimeException e) {
                if (stopping) return;
                LOG.warn("listening for cache invalidations failed, retrying in a second (meanwhile caches live one second): {}", e.toString());
                forgetHere();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    @Override public void close() {
        stopping = true;
        if (listener == null) return;
        try {
            listener.join(2L * WAIT_MS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
