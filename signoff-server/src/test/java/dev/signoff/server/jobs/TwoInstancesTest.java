package dev.signoff.server.jobs;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.SignoffServer;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** Two server instances on one database and data directory share the analysis work without doing any twice. */
class TwoInstancesTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void everyJobRunsOnceAcrossInstances(Database.Kind kind) throws Exception {
        String url = TestDatabases.url(kind);
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        try (SignoffServer a = SignoffServer.start(new ServerConfig(data, url, "127.0.0.1", 0, ServerConfig.DEFAULT_MAX_UPLOAD, 2), Clock.systemUTC());
             SignoffServer b = SignoffServer.start(new ServerConfig(data, url, "127.0.0.1", 0, ServerConfig.DEFAULT_MAX_UPLOAD, 2), Clock.systemUTC())) {
            HttpSession owner = new HttpSession("http://127.0.0.1:" + a.port());
            var setup = owner.post("/api/setup", Map.of("token", b.setupToken().orElseThrow(), "password", TestServer.OWNER_PASSWORD));
            assertThat(setup.status()).as(setup.text()).isEqualTo(200);
            owner.csrf(setup.json().get("csrf").asText());
            String id = project(owner, "Song");
            for (int i = 1; i <= 4; i++) assertThat(upload(owner, id, Bounces.wav(dir.resolve(i + ".wav"), 21, i), i + ".wav").status()).isEqualTo(201);
            var p = settled(owner, id);
            for (var v : p.get("versions")) assertThat(v.get("status").asText()).isEqualTo("ready");
            List<String> jobs = a.context().db().jdbi().withHandle(h -> h.createQuery("SELECT state || ':' || attempts FROM jobs").mapTo(String.class).list());
            assertThat(jobs).hasSize(4).containsOnly("done:1");
        }
    }
}
