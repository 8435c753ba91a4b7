package dev.signoff.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.LocalTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The review server's database: an embedded SQLite file by default, or a shared PostgreSQL server
 * when several stateless instances run side by side. Both are migrated by the same Flyway scripts
 * (resources db/migration) and used through the same SQL, so every store runs unchanged on either.
 *
 * <p>SQLite runs in WAL mode (readers never block the writer), with immediate transactions and a
 * busy timeout: concurrent writers queue instead of failing with "database is locked". Within one
 * process, write transactions also take turns on a fair lock ({@link OneWriterAtATime}): SQLite's own
 * busy handler waits by sleeping (up to 100 ms a try), which under many concurrent writers turns a
 * 1 ms commit into a tail of hundreds of milliseconds.
 */
public final class Database implements AutoCloseable {

    public enum Kind { SQLITE, POSTGRESQL }

    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Kind kind;

    private Database(HikariDataSource pool, Kind kind) {
        this.pool = pool;
        this.kind = kind;
        // Out of order: migrations are written in parallel under numbers given out in advance, so a
        // database may have met V10 before V8 lands; each stands alone, and a lower one then still runs.
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").outOfOrder(true).load().migrate();
        this.jdbi = Jdbi.create(pool);
        if (kind == Kind.SQLITE) jdbi.setTransactionHandler(new OneWriterAtATime());
    }

    /** Write transactions on the SQLite file take turns, first come first served. */
    static final class OneWriterAtATime extends LocalTransactionHandler {
        private final ReentrantLock turn = new ReentrantLock(true);

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, HandleCallback<R, X> callback) throws X {
            turn.lock();
            try {
                return super.inTransaction(handle, callback);
            } finally {
                turn.unlock();
            }
        }

        @Override
        public <R, X extends Exception> R inTransaction(Handle handle, TransactionIsolationLevel level, HandleCallback<R, X> callback) throws X {
            turn.lock();
            try {
                return super.inTransaction(handle, level, callback);
            } finally {
                turn.unlock();
            }
        }
    }

    /** The embedded database in {@code file}, created and migrated when missing. */
    public static Database sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig hikari = new HikariConfig();
        hikari.setDataSource(source);
        hikari.setPoolName("signoff-sqlite");
        hikari.setMaximumPoolSize(16);
        return new Database(new HikariDataSource(hikari), Kind.SQLITE);
    }

    /**
     * A PostgreSQL database at {@code jdbcUrl} (user and password in the URL or in PGUSER/PGPASSWORD;
     * {@code currentSchema=...} in the URL keeps the tables in that schema).
     */
    public static Database postgres(String jdbcUrl) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        if (System.getenv("PGUSER") != null && !jdbcUrl.contains("user=")) hikari.setUsername(System.getenv("PGUSER"));
        if (System.getenv("PGPASSWORD") != null && !jdbcUrl.contains("password=")) hikari.setPassword(System.getenv("PGPASSWORD"));
        hikari.setPoolName("signoff-postgres");
        hikari.setMaximumPoolSize(16);
        return new Database(new HikariDataSource(hikari), Kind.POSTGRESQL);
    }

    /** Opens {@code url} when given (only PostgreSQL URLs are accepted), else the data directory's SQLite file. */
    public static Database open(String url, Path sqliteFile) {
        if (url == null || url.isBlank()) return sqlite(sqliteFile);
        if (!url.startsWith("jdbc:postgresql:"))
            throw new IllegalArgumentException("--db must be a jdbc:postgresql:// URL (without it, Signoff uses SQLite in the data directory)");
        return postgres(url);
    }

    public Jdbi jdbi() { return jdbi; }

    public Kind kind() { return kind; }

    @Override public void close() { pool.close(); }
}
