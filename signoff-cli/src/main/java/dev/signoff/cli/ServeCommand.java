package dev.signoff.cli;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.SignoffServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** `signoff serve`: the review server, on SQLite in the data directory unless --db names PostgreSQL. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the review server: share versions with clients, collect time-stamped feedback,",
                "run revision rounds to sign-off. Works with no configuration (SQLite and audio under --data)."})
final class ServeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: $SIGNOFF_DATA or ~/.local/share/signoff).")
    Path data;

    @Option(names = "--db", paramLabel = "URL", description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/signoff?user=signoff (default: SQLite in the data directory).")
    String db;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}, reachable from your phone on the same network).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--max-upload-mb", defaultValue = "2048", description = "Largest accepted upload in MB (default: ${DEFAULT-VALUE}).")
    long maxUploadMb;

    @Option(names = "--workers", defaultValue = "1", description = "Background analysis threads in this instance (default: ${DEFAULT-VALUE}; 0: serve only).")
    int workers;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        var config = new ServerConfig(new DataDirectory(data == null ? DataDirectory.defaultRoot() : data), db, host, port,
                maxUploadMb << 20, workers);
        SignoffServer server = SignoffServer.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "signoff-shutdown"));
        out.println("Signoff review server on port " + server.port() + " (data: " + config.dataDir().root()
                + (db == null ? ", database: SQLite" : ", database: PostgreSQL") + ")");
        out.println("  This machine: http://localhost:" + server.port() + "/");
        server.setupToken().ifPresent(t -> {
            out.println();
            out.println("First start: open http://localhost:" + server.port() + "/setup and enter this owner token to choose your password:");
            out.println("  " + t);
        });
        out.println();
        out.println("Stop with Ctrl-C.");
        out.flush();
        stopped.await();
        return Main.OK;
    }
}
