package dev.signoff.server.support;

import dev.signoff.server.store.Database;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Real databases for tests: a fresh SQLite file, or a fresh schema on the PostgreSQL server that
 * .ci/run starts (URL in SIGNOFF_TEST_POSTGRES, default the local test role). Storage tests run
 * against both, as @ParameterizedTest over {@link Database.Kind}.
 */
public final class TestDatabases {
    public static final String POSTGRES_URL = System.getenv().getOrDefault("SIGNOFF_TEST_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/signoff_test?user=signoff&password=signoff");

    private TestDatabases() {}

    /** A URL for a new, empty PostgreSQL schema (null for SQLite: the server then uses its data directory). */
    public static String url(Database.Kind kind) {
        if (kind == Database.Kind.SQLITE) return null;
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (var c = DriverManager.getConnection(POSTGRES_URL); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the tests is not reachable at " + POSTGRES_URL
                    + " (.ci/run starts it; set SIGNOFF_TEST_POSTGRES to use another): " + e.getMessage(), e);
        }
        return POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A migrated database of {@code kind}; SQLite lives in {@code dir}. */
    public static Database open(Database.Kind kind, Path dir) {
        return Database.open(url(kind), dir.resolve("signoff.db"));
    }
}
