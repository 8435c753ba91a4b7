package dev.signoff.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server killed during an analysis leaves its job running under a lease nobody renews. The next
 * server on the same machine knows that process is gone: it takes the job up at once and says why
 * the analysis starts again, instead of leaving the version at "analysing" until the lease runs
 * out (issue 11, failure 9).
 */
class AnalysisRestartTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void anAnalysisCutShortByAKilledServerStartsAgainAtOnceAfterTheRestartAndSaysWhy(Database.Kind kind) throws Exception {
        String url = TestDatabases.url(kind);
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        String project, v1;
        try (TestServer serving = TestServer.start(ServerConfig.builder(data).databaseUrl(url).analysisWorkers(0).build())) {
            HttpSession owner = serving.owner();
            project = LibrarySteps.project(owner, "Power Cut");
            v1 = LibrarySteps.uploaded(owner, project, Bounces.wav(dir.resolve("v1.wav"), 8, 1), "v1.wav");
            // What a server process on this machine leaves when it is killed mid-analysis.
            var jdbi = serving.server().context().db().jdbi();
            JobQueue queue = new JobQueue(jdbi, Clock.systemUTC(), Duration.ofSeconds(60));
            JobQueue.Claim claim = queue.claim(deadProcessWorker()).orElseThrow();
            assertThat(claim.versionId()).isEqualTo(v1);
            jdbi.useTransaction(h -> new VersionStore(jdbi, Clock.systemUTC()).markAnalysing(h, v1));
        }

        try (TestServer restarted = TestServer.start(ServerConfig.builder(data).databaseUrl(url).analysisWorkers(0).build())) {
            JsonNode v = restarted.owner().get("/api/projects/" + project).json().get("versions").get(0);
            assertThat(v.get("status").asText()).isEqualTo("queued");
            assertThat(v.get("analysis_note").asText()).isEqualTo("the analysis started again after the server restarted");
        }

        try (TestServer analysing = TestServer.start(ServerConfig.builder(data).databaseUrl(url).build())) {
            HttpSession owner = analysing.owner();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();   // the dead worker's lease alone would hold it 60 s
            JsonNode v;
            while (!(v = owner.get("/api/projects/" + project).json().get("versions").get(0)).get("status").asText().equals("ready")) {
                if (System.nanoTime() > until) throw new AssertionError("still not analysed: " + v);
                Thread.sleep(200);
            }
            assertThat(v.get("analysis_note").isNull()).isTrue();
        }
    }

    /** A worker name as AnalysisWorkers gives them, of a process on this machine that has ended. */
    private static String deadProcessWorker() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = ManagementFactory.getRuntimeMXBean().getName().replaceFirst("^\\d+@", "");
        return gone.pid() + "@" + host + "-Ab_c-9-0";
    }
}
