package dev.signoff.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.Mixes;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database from before comparisons (V5) and feedback readings (V6), upgraded: the V7 migration
 * queues a comparison for each analysed version that has a version before it and a words job for
 * each comment, once, and the workers fill them in. On SQLite and PostgreSQL.
 */
class UpgradeBackfillTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void anUpgradedDatabaseGetsTheComparisonsAndReadingsItLacked(Database.Kind kind) throws Exception {
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(kind)).build();
        Mixes v1 = Mixes.song(20, 5);
        String project, first, second, muddy, plain;
        try (TestServer server = TestServer.start(config)) {
            HttpSession owner = server.owner();
            FeedbackFixture fx = new FeedbackFixture(server);
            project = LibrarySteps.project(owner, "Old Times");
            first = LibrarySteps.uploaded(owner, project, v1.wav(dir.resolve("old v1.wav")), "old v1.wav");
            second = LibrarySteps.uploaded(owner, project, v1.vocalUp().wav(dir.resolve("old v2.wav")), "old v2.wav");
            LibrarySteps.settled(owner, project);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession listener = fx.listener(sam);
            muddy = comment(listener, sam, second, 4.0, "a bit muddy here");
            plain = comment(listener, sam, second, 8.0, "love the ending");
            await(() -> readings(fx.jdbi(), muddy) != null, "the words job of the new comment");
        }
        // What a database written before V5 and V6 looks like: no comparisons, no readings, and
        // the migrations that add them not yet run.
        try (Database db = Database.open(config.databaseUrl(), config.dataDir().sqliteFile())) {
            db.jdbi().useHandle(h -> {
                h.execute("UPDATE versions SET diff_from_version_id = NULL, diff_json = NULL, diff_jnd = NULL, diff_error = NULL");
                h.execute("UPDATE comments SET readings_json = NULL");
                h.execute("DELETE FROM jobs");
                h.execute("DELETE FROM flyway_schema_history WHERE version = '7'");
                // Nor the later ones, so that V7 runs again in order: V9 (analysis back-off) undone.
                h.execute("ALTER TABLE jobs DROP COLUMN not_before");
                h.execute("ALTER TABLE versions DROP COLUMN analysis_note");
                h.execute("DELETE FROM flyway_schema_history WHERE version = '9'");
                // Later migrations are undone too, so the upgrade runs them in order after V7.
                h.execute("DELETE FROM flyway_schema_history WHERE version = '8'");
                h.execute("DROP INDEX sessions_expires");
                h.execute("ALTER TABLE uploads DROP COLUMN writer");
                h.execute("ALTER TABLE uploads DROP COLUMN writing_until");
                // Nor the later migrations (who listened, notifications): Flyway runs only in order.
                for (String table : new String[]{"mail_outbox_comments", "mail_outbox", "notification_settings", "plays", "listeners"})
                    h.execute("DROP TABLE " + table);
                h.execute("DELETE FROM flyway_schema_history WHERE version IN ('11', '11.1')");
            });
        }

        // Upgraded by an instance that only serves: the work is queued, and the meter says it is coming.
        var serveOnly = config.toBuilder().analysisWorkers(0).build();
        try (TestServer server = TestServer.start(serveOnly)) {
            assertThat(jobs(new FeedbackFixture(server).jdbi())).containsExactlyInAnyOrder("compare " + second, "words " + second, "words " + second);
            JsonNode step = server.owner().get("/api/projects/" + project + "/history").json().get("versions").get(1);
            assertThat(step.get("pending").asBoolean()).as(step.toString()).isTrue();
            assertThat(step.get("error").isNull()).as(step.toString()).isTrue();
        }
        try (TestServer server = TestServer.start(config)) {
            HttpSession owner = server.owner();
            Jdbi jdbi = new FeedbackFixture(server).jdbi();
            assertThat(jobs(jdbi)).as("queued once").hasSize(3);
            JsonNode changes = LibrarySteps.changes(owner, second);
            assertThat(changes.get("from_version_number").asInt()).isEqualTo(1);
            assertThat(changes.get("diff").get("schema").asText()).isEqualTo("signoff.diff/1");
            assertThat(changes.get("jnd").asDouble()).as("v2 raised the vocal range").isGreaterThan(1);
            assertThat(owner.get("/api/versions/" + first + "/changes").status()).as("the first version has nothing before it").isEqualTo(404);
            await(() -> readings(jdbi, muddy) != null && readings(jdbi, plain) != null, "the comments' readings");
            assertThat(readings(jdbi, muddy)).contains("\"word\":\"muddy\"");
            assertThat(readings(jdbi, plain)).isEqualTo("[]");
            JsonNode step = owner.get("/api/projects/" + project + "/history").json().get("versions").get(1);
            assertThat(step.get("pending").asBoolean()).isFalse();
            assertThat(step.get("jnd").asDouble()).isGreaterThan(1);
            await(() -> jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE state <> 'done'").mapTo(Integer.class).one()) == 0, "all jobs done");
        }
        // Once only: a further start queues nothing.
        try (TestServer server = TestServer.start(config)) {
            assertThat(jobs(new FeedbackFixture(server).jdbi())).hasSize(3);
        }
    }


    private static String comment(HttpSession listener, ShareLink link, String version, double at, String body) {
        var r = listener.post("/s/" + link.token() + "/api/comments", Map.of("version_id", version, "start_s", at, "body", body, "author", "Sam"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private static List<String> jobs(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT kind || ' ' || version_id FROM jobs").mapTo(String.class).list());
    }

    private static String readings(Jdbi jdbi, String commentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT readings_json FROM comments WHERE id = :c").bind("c", commentId).mapTo(String.class).one());
    }


    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(100);
        }
    }
}
