package dev.signoff.server;

import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.S3Proxy;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static dev.signoff.server.RecallSheetTest.attach;
import static dev.signoff.server.RecallSheetTest.rpp;
import static dev.signoff.server.RecallSheetTest.track;
import static org.assertj.core.api.Assertions.assertThat;

/** A version's session file with object storage (issue 14): an object in the bucket, replaced by a new one, removed with the version. */
class RecallSheetObjectStorageTest {
    @TempDir Path dir;

    @Test
    void aVersionsSessionFileIsAnObjectInTheBucket() throws Exception {
        try (S3Proxy s3 = S3Proxy.start(Files.createDirectories(dir.resolve("proxy")))) {
            String bucket = s3.bucket("signoff-recall");
            DataDirectory data = new DataDirectory(dir.resolve("data"));
            var config = ServerConfig.builder(data).databaseUrl(TestDatabases.url(Database.Kind.SQLITE)).build();
            try (TestServer server = TestServer.start(config, Clock.systemUTC(), PreviewEncoder.onPath(), s3.storage(bucket, "mixes", data.uploads()))) {
                HttpSession owner = server.owner();
                String project = LibrarySteps.project(owner, "Song");
                String v1 = LibrarySteps.uploaded(owner, project, Bounces.wav(dir.resolve("a.wav"), 12, 1), "a.wav");
                LibrarySteps.settled(owner, project);
                Path session = Files.writeString(dir.resolve("Song.rpp"), rpp("", track("Vox", "", "")));
                assertThat(attach(owner, v1, session, "Song.rpp").status()).isEqualTo(201);
                assertThat(s3.keys(bucket)).filteredOn(k -> k.startsWith("mixes/sessions/" + v1 + "/")).singleElement()
                        .satisfies(k -> assertThat(k).endsWith(".rpp"));
                assertThat(attach(owner, v1, session, "Song again.rpp").status()).isEqualTo(201);
                assertThat(s3.keys(bucket)).filteredOn(k -> k.startsWith("mixes/sessions/")).hasSize(1);
                assertThat(owner.get("/api/versions/" + v1 + "/session").json().get("file").asText()).isEqualTo("Song again.rpp");
                assertThat(files(data.sessions())).isZero();
                assertThat(owner.delete("/api/versions/" + v1).status()).isEqualTo(204);
                assertThat(s3.keys(bucket)).isEmpty();
            }
        }
    }

    private static long files(Path root) throws Exception {
        try (var all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
