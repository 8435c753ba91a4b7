package dev.signoff.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database from before listening previews, upgraded: the V10 migration queues a 'preview' job for
 * each version, once; until it has run a listen-only link answers 503 (never the original), and
 * afterwards it streams the preview. On SQLite and PostgreSQL.
 */
class PreviewBackfillTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void versionsFromBeforePreviewsGetTheirsFromABackfillJob(Database.Kind kind) throws Exception {
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(kind)).build();
        String project, first, second;
        byte[] original;
        try (TestServer server = TestServer.start(config)) {
            HttpSession owner = server.owner();
            project = LibrarySteps.project(owner, "Old Times");
            Path wav = Bounces.wav(dir.resolve("old v1.wav"), 21, 1);
            original = Files.readAllBytes(wav);
            first = LibrarySteps.uploaded(owner, project, wav, "old v1.wav");
            second = LibrarySteps.uploaded(owner, project, Bounces.wav(dir.resolve("old v2.wav"), 21, 2), "old v2.wav");
            LibrarySteps.settled(owner, project);
        }
        // What a database and data directory written before V10 look like.
        try (Database db = Database.open(config.databaseUrl(), config.dataDir().sqliteFile())) {
            db.jdbi().useHandle(h -> {
                for (String column : List.of("preview_path", "preview_bytes", "preview_error")) h.execute("ALTER TABLE versions DROP COLUMN " + column);
                h.execute("DELETE FROM jobs");
                h.execute("DELETE FROM flyway_schema_history WHERE version = '10'");
            });
        }
        try (Stream<Path> previews = Files.list(config.dataDir().previews())) {
            for (Path p : previews.toList()) Files.delete(p);
        }

        // Upgraded by an instance that only serves: the previews are queued, and a listen-only link waits for them.
        var serveOnly = config.toBuilder().analysisWorkers(0).build();
        try (TestServer server = TestServer.start(serveOnly)) {
            assertThat(jobs(jdbi(server))).containsExactlyInAnyOrder("preview " + first, "preview " + second);
            String token = LibrarySteps.personLink(server.server().context(), project, "Sam", false).token();
            var waiting = server.visitor().get("/s/" + token + "/api/versions/" + first + "/audio");
            assertThat(waiting.status()).isEqualTo(503);
            assertThat(waiting.header("Retry-After")).isEqualTo("5");
            assertThat(waiting.json().get("error").asText()).isEqualTo("the listening preview of v1 is still being made; try again in a few seconds");
            assertThat(waiting.body()).isNotEqualTo(original);
        }
        try (TestServer server = TestServer.start(config)) {
            HttpSession owner = server.owner();
            Jdbi jdbi = jdbi(server);
            await(() -> jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE state <> 'done'").mapTo(Integer.class).one()) == 0, "the preview jobs");
            for (JsonNode v : owner.get("/api/projects/" + project).json().get("versions")) {
                assertThat(v.get("preview").get("size_bytes").asLong()).as(v.toString()).isPositive();
                assertThat(v.get("status").asText()).as("the analysis stays as it was").isEqualTo("ready");
            }
            String token = LibrarySteps.personLink(server.server().context(), project, "Sam", false).token();
            var stream = server.visitor().get("/s/" + token + "/api/versions/" + first + "/audio", "Range", "bytes=0-");
            assertThat(stream.status()).isEqualTo(206);
            assertThat(stream.header("Content-Type")).isEqualTo("audio/mp4");
            assertThat(stream.body()).isEqualTo(owner.get("/api/versions/" + first + "/audio?quality=preview").body());
        }
        // Once only: a further start queues nothing.
        try (TestServer server = TestServer.start(config)) {
            assertThat(jobs(jdbi(server))).hasSize(2);
        }
    }

    private static Jdbi jdbi(TestServer server) {
        return server.server().context().db().jdbi();
    }

    private static List<String> jobs(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT kind || ' ' || version_id FROM jobs").mapTo(String.class).list());
    }

    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }
}
