package dev.signoff.server.support;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.SignoffServer;
import dev.signoff.server.store.Database;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two server instances on one database and data directory, as a scaled-out deployment runs them. */
public final class TwoInstances implements AutoCloseable {
    public final SignoffServer a, b;

    public TwoInstances(Database.Kind kind, Path dir, int workersA, int workersB) {
        String url = TestDatabases.url(kind);
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        a = SignoffServer.start(ServerConfig.builder(data).databaseUrl(url).analysisWorkers(workersA).build(), Clock.systemUTC());
        b = SignoffServer.start(ServerConfig.builder(data).databaseUrl(url).analysisWorkers(workersB).build(), Clock.systemUTC());
    }

    /** The owner, signed in on A with the setup token B printed (the last instance started issues the valid one). */
    public HttpSession ownerOnA() {
        HttpSession owner = new HttpSession(base(a));
        var setup = owner.post("/api/setup", Map.of("token", b.setupToken().orElseThrow(), "password", TestServer.OWNER_PASSWORD));
        assertThat(setup.status()).as(setup.text()).isEqualTo(200);
        owner.csrf(setup.json().get("csrf").asText());
        return owner;
    }

    public static String base(SignoffServer s) { return "http://127.0.0.1:" + s.port(); }

    @Override public void close() {
        try (a; b) { }
    }
}
