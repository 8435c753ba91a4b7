package dev.signoff.cli;

import dev.signoff.server.DataDirectory;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where a review server keeps its data: the options serve, watch and history share (a picocli mixin). */
final class ServerStorage {
    @Option(names = "--data", paramLabel = "DIR", description = "The review server's data directory (default: $SIGNOFF_DATA or ~/.local/share/signoff).")
    Path data;

    @Option(names = "--db", paramLabel = "URL",
            description = "The review server's PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/signoff?user=signoff (default: SQLite in the data directory).")
    String db;

    boolean given() {
        return data != null || db != null;
    }

    DataDirectory directory() {
        return new DataDirectory(DataDirectory.rootOrDefault(data));
    }
}
