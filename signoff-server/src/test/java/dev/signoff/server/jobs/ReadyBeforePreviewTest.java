package dev.signoff.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HeldFfmpeg;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version is ready (analysed, compared, playable by the owner) without waiting for its listening
 * preview, which its own job makes afterwards (issue 12: ffmpeg's encoding costs more CPU than the
 * analysis). Until the preview is made, share links do not list the version, so no listener's player
 * gets a version whose audio is still to come; once it is, they stream it. The real ffmpeg, held
 * back by a gate the test opens. On SQLite and PostgreSQL.
 */
class ReadyBeforePreviewTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aVersionIsReadyBeforeItsPreviewAndListenersGetItOnceThePreviewIsMade(Database.Kind kind) throws Exception {
        HeldFfmpeg ffmpeg = HeldFfmpeg.in(dir);
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(kind)).build();

        try (TestServer server = TestServer.start(config, ffmpeg.previews())) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Late Preview");
            Path wav = Bounces.wav(dir.resolve("v1.wav"), 12, 1);
            String v1 = LibrarySteps.uploaded(owner, project, wav, "v1.wav");
            JsonNode ready = LibrarySteps.awaitFirstVersion(owner, project, v -> v.get("status").asText().equals("ready"));
            assertThat(ready.get("preview").isNull()).as("ready before its preview: %s", ready).isTrue();
            assertThat(ready.get("preview_error").isNull()).isTrue();
            assertThat(ready.get("integrated_lufs").isNumber()).isTrue();
            assertThat(owner.get("/api/versions/" + v1 + "/audio").body()).as("the owner plays the original").isEqualTo(Files.readAllBytes(wav));

            String listenOnly = "/s/" + LibrarySteps.personLink(server.server().context(), project, "Sam", false).token();
            String mayDownload = "/s/" + LibrarySteps.personLink(server.server().context(), project, "Alex", true).token();
            HttpSession sam = server.visitor(), alex = server.visitor();
            assertThat(sam.get(listenOnly + "/api/session").status()).isEqualTo(200);
            assertThat(alex.get(mayDownload + "/api/session").status()).isEqualTo(200);
            assertThat(sam.get(listenOnly + "/api/project").json().get("versions")).as("not listed before its preview").isEmpty();
            assertThat(alex.get(mayDownload + "/api/project").json().get("versions")).isEmpty();
            assertThat(sam.get(listenOnly + "/api/versions/" + v1 + "/audio").status()).isEqualTo(503);

            ffmpeg.open();
            JsonNode made = LibrarySteps.awaitFirstVersion(owner, project, v -> !v.get("preview").isNull());
            assertThat(made.get("status").asText()).isEqualTo("ready");
            JsonNode listed = sam.get(listenOnly + "/api/project").json().get("versions");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("stream").get("quality").asText()).isEqualTo("preview");
            var stream = sam.get(listenOnly + "/api/versions/" + v1 + "/audio", "Range", "bytes=0-");
            assertThat(stream.status()).isEqualTo(206);
            assertThat(stream.header("Content-Type")).isEqualTo(PreviewEncoder.CONTENT_TYPE);
            assertThat(alex.get(mayDownload + "/api/project").json().get("versions").get(0).get("stream").get("quality").asText()).isEqualTo("preview");
            try (var left = Files.list(config.dataDir().previews())) {
                assertThat(left.map(p -> p.getFileName().toString())).containsExactly(v1 + ".m4a");
            }
        }
    }
}
