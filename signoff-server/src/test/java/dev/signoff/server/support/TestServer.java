package dev.signoff.server.support;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.SignoffServer;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.Database;

import java.nio.file.Path;
import java.time.Clock;

/** A real server on a free loopback port, on a fresh database of the given kind, for tests. */
public final class TestServer implements AutoCloseable {
    public static final String OWNER_PASSWORD = "correct horse battery";
    private final SignoffServer server;
    private boolean ownerReady;

    private TestServer(SignoffServer server) { this.server = server; }

    public static TestServer start(Database.Kind kind, Path dir) {
        return start(kind, dir, Clock.systemUTC(), ServerConfig.DEFAULT_MAX_UPLOAD);
    }

    public static TestServer start(Database.Kind kind, Path dir, Clock clock, long maxUpload) {
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(kind)).maxUploadBytes(maxUpload).build();
        return new TestServer(SignoffServer.start(config, clock));
    }

    /** A server on a given data directory and database, e.g. to start again on what an earlier one left. */
    public static TestServer start(ServerConfig config) {
        return new TestServer(SignoffServer.start(config, Clock.systemUTC()));
    }

    /** As above, with listening previews made by {@code previews} (e.g. an ffmpeg-less server's). */
    public static TestServer start(ServerConfig config, PreviewEncoder previews) {
        return new TestServer(SignoffServer.start(config, Clock.systemUTC(), previews));
    }

    /** As above, keeping the versions' files in {@code storage} (an S3 bucket, say). */
    public static TestServer start(ServerConfig config, Clock clock, PreviewEncoder previews, MediaStorage storage) {
        return new TestServer(SignoffServer.start(config, clock, previews, storage));
    }

    /** A server with its own configuration on a clock the test moves. */
    public static TestServer start(ServerConfig config, Clock clock) {
        return new TestServer(SignoffServer.start(config, clock));
    }

    public SignoffServer server() { return server; }

    public String base() { return "http://127.0.0.1:" + server.port(); }

    /** A new visitor with no cookies. */
    public HttpSession visitor() { return new HttpSession(base()); }

    /** The owner, signed in (setting the password first if this server has none yet). */
    public HttpSession owner() {
        HttpSession s = visitor();
        HttpSession.Reply r = !ownerReady && server.setupToken().isPresent()
                ? s.post("/api/setup", java.util.Map.of("token", server.setupToken().get(), "password", OWNER_PASSWORD))
                : s.post("/api/login", java.util.Map.of("password", OWNER_PASSWORD));
        if (r.status() != 200) throw new IllegalStateException("owner sign-in failed: " + r.status() + " " + r.text());
        ownerReady = true;
        s.csrf(r.json().get("csrf").asText());
        return s;
    }

    @Override public void close() { server.close(); }
}
