package dev.signoff.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.analysis.AnalysisPipeline;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.signoff.server.support.LibrarySteps.personLink;
import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listen-only links stream a listening preview (AAC in MP4, made by the analysis job through the
 * real ffmpeg), never the uploaded master (issue 11, failure 1); links that allow downloads and the
 * owner get the original byte for byte.
 */
class ListeningPreviewTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aListenOnlyLinkStreamsThePreviewAndNeverTheOriginal(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            Path wav = Bounces.wav(dir.resolve("a.wav"), 30, 1);
            byte[] original = Files.readAllBytes(wav);
            String v1 = upload(owner, id, wav, "a.wav").json().get("id").asText();
            JsonNode version = settled(owner, id).get("versions").get(0);
            assertThat(version.get("preview").get("content_type").asText()).isEqualTo("audio/mp4");
            assertThat(version.get("preview").get("bitrate_kbps").asInt()).isEqualTo(256);
            assertThat(version.get("preview_error").isNull()).isTrue();

            HttpSession listener = server.visitor();
            String token = personLink(server.server().context(), id, "Sam", false).token();
            assertThat(listener.get("/s/" + token + "/api/session").status()).isEqualTo(200);
            String audio = "/s/" + token + "/api/versions/" + v1 + "/audio";
            byte[] preview = listener.get(audio).body();
            for (String ask : new String[]{audio, audio + "?via=framework", audio + "?quality=preview"}) {
                var r = listener.get(ask);
                assertThat(r.status()).as(ask).isEqualTo(200);
                assertThat(r.header("Content-Type")).as(ask).isEqualTo("audio/mp4");
                assertThat(r.body()).as(ask).isNotEqualTo(original).isEqualTo(preview);
            }
            assertThat((double) preview.length / original.length).as("preview size / original size").isLessThan(0.25);
            var range = listener.get(audio, "Range", "bytes=1000-1999");
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.header("Content-Range")).isEqualTo("bytes 1000-1999/" + preview.length);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(preview, 1000, 2000));
            var framework = listener.get(audio + "?via=framework", "Range", "bytes=-100");
            assertThat(framework.status()).isEqualTo(206);
            assertThat(framework.body()).isEqualTo(Arrays.copyOfRange(preview, preview.length - 100, preview.length));
            assertThat(range.header("ETag")).isNotEqualTo(owner.get("/api/versions/" + v1 + "/audio", "Range", "bytes=0-1").header("ETag"));
            for (String ask : new String[]{audio + "?quality=original", audio + "?download=1"}) {
                var r = listener.get(ask);
                assertThat(r.status()).as(ask).isEqualTo(403);
                assertThat(r.body()).as(ask).isNotEqualTo(original);
            }
            assertThat(listener.get(audio + "?quality=master").status()).isEqualTo(400);
            JsonNode shared = listener.get("/s/" + token + "/api/project").json();
            assertThat(shared.get("can_download").asBoolean()).isFalse();
            JsonNode listened = shared.get("versions").get(0);
            assertThat(listened.get("stream").get("url").asText()).isEqualTo(audio);
            assertThat(listened.get("stream").get("content_type").asText()).isEqualTo("audio/mp4");
            assertThat(listened.get("original").isNull()).isTrue();

            // A link that allows downloads streams the preview too, and may have the original.
            String downloads = personLink(server.server().context(), id, "Alex", true).token();
            HttpSession downloader = server.visitor();
            String dAudio = "/s/" + downloads + "/api/versions/" + v1 + "/audio";
            assertThat(downloader.get(dAudio).body()).isEqualTo(preview);
            var asOriginal = downloader.get(dAudio + "?quality=original");
            assertThat(asOriginal.header("Content-Type")).isEqualTo("audio/wav");
            assertThat(asOriginal.body()).isEqualTo(original);
            var originalRange = downloader.get(dAudio + "?quality=original", "Range", "bytes=100-199");
            assertThat(originalRange.status()).isEqualTo(206);
            assertThat(originalRange.body()).isEqualTo(Arrays.copyOfRange(original, 100, 200));
            var download = downloader.get(dAudio + "?download=1");
            assertThat(download.header("Content-Disposition")).startsWith("attachment; filename=\"Song v1.wav\"");
            assertThat(download.body()).isEqualTo(original);
            JsonNode offered = downloader.get("/s/" + downloads + "/api/project").json();
            assertThat(offered.get("can_download").asBoolean()).isTrue();
            assertThat(offered.get("versions").get(0).get("original").get("url").asText()).isEqualTo(dAudio + "?quality=original");
            assertThat(offered.get("versions").get(0).get("original").get("download_url").asText()).isEqualTo(dAudio + "?download=1");

            // The owner streams the original and may hear what listeners hear.
            assertThat(owner.get("/api/versions/" + v1 + "/audio").body()).isEqualTo(original);
            assertThat(owner.get("/api/versions/" + v1 + "/audio?quality=preview").body()).isEqualTo(preview);
        }
    }

    /**
     * The preview is what the page's loudness matching expects: the original's integrated loudness
     * (the gain computed from the original's measurement holds), its length, and an index at the front.
     */
    @Test
    void thePreviewKeepsTheOriginalsLoudnessAndStartsWithItsIndex() throws Exception {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir)) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            String v1 = upload(owner, id, Bounces.wav(dir.resolve("a.wav"), 30, 7), "a.wav").json().get("id").asText();
            JsonNode version = settled(owner, id).get("versions").get(0);
            byte[] preview = owner.get("/api/versions/" + v1 + "/audio?quality=preview").body();
            assertThat(version.get("preview").get("size_bytes").asLong()).isEqualTo(preview.length);
            Path file = Files.write(dir.resolve("preview.m4a"), preview);
            LoudnessMeter meter;
            long frames;
            try (AudioReader reader = AudioDecoders.open(file)) {
                assertThat(reader.info().sampleRate()).isEqualTo(44_100);
                assertThat(reader.info().channels()).isEqualTo(2);
                meter = new LoudnessMeter(reader.info());
                frames = new AnalysisPipeline(List.of(meter)).run(reader, MixCheck.BLOCK_FRAMES, done -> { });
            }
            assertThat(meter.result().integratedLufs()).as("the preview's loudness against the original's")
                    .isCloseTo(version.get("integrated_lufs").asDouble(), org.assertj.core.data.Offset.offset(0.2));
            assertThat(frames / 44_100.0).isCloseTo(version.get("duration_s").asDouble(), org.assertj.core.data.Offset.offset(0.05));
            String boxes = new String(preview, StandardCharsets.ISO_8859_1);
            assertThat(boxes.indexOf("moov")).as("the index (moov) comes before the audio (mdat)").isPositive().isLessThan(boxes.indexOf("mdat"));
        }
    }

    /**
     * Without ffmpeg there is no preview: a listen-only link answers 503 and says why, never with the
     * original; once ffmpeg is there, the next start makes the missing previews.
     */
    @Test
    void withoutFfmpegAListenOnlyLinkIsToldWhyAndADownloadLinkGetsTheOriginalUntilFfmpegIsThere() throws Exception {
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(Database.Kind.SQLITE)).build();
        String id, v1, token;
        try (TestServer server = TestServer.start(config, PreviewEncoder.searching(dir.resolve("no-ffmpeg-here").toString()))) {
            HttpSession owner = server.owner();
            id = project(owner, "Song");
            Path wav = Bounces.wav(dir.resolve("a.wav"), 21, 3);
            byte[] original = Files.readAllBytes(wav);
            v1 = upload(owner, id, wav, "a.wav").json().get("id").asText();
            JsonNode version = settled(owner, id).get("versions").get(0);
            assertThat(version.get("status").asText()).as("the analysis itself does not need ffmpeg").isEqualTo("ready");
            assertThat(version.get("preview").isNull()).isTrue();
            assertThat(version.get("preview_error").asText()).contains("ffmpeg");

            HttpSession listener = server.visitor();
            token = personLink(server.server().context(), id, "Sam", false).token();
            var r = listener.get("/s/" + token + "/api/versions/" + v1 + "/audio");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().get("error").asText())
                    .isEqualTo("v1 has no listening preview: the server has no ffmpeg to make it (apt-get install ffmpeg); this link streams only previews, so it cannot play v1");
            assertThat(listener.get("/s/" + token + "/api/project").json().get("versions").get(0).get("stream").isNull()).isTrue();

            String downloads = personLink(server.server().context(), id, "Alex", true).token();
            var fallback = server.visitor().get("/s/" + downloads + "/api/versions/" + v1 + "/audio");
            assertThat(fallback.header("Content-Type")).isEqualTo("audio/wav");
            assertThat(fallback.body()).isEqualTo(original);
            assertThat(owner.get("/api/versions/" + v1 + "/audio").body()).isEqualTo(original);
            assertThat(owner.get("/api/versions/" + v1 + "/audio?quality=preview").status()).isEqualTo(503);
        }
        // ffmpeg installed, the server started again: the missing preview is made, and the link plays it.
        try (TestServer server = TestServer.start(config)) {
            HttpSession owner = server.owner();
            long until = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
            while (owner.get("/api/projects/" + id).json().get("versions").get(0).get("preview").isNull()) {
                if (System.nanoTime() > until) throw new AssertionError("no preview made once ffmpeg is there");
                Thread.sleep(200);
            }
            var r = server.visitor().get("/s/" + token + "/api/versions/" + v1 + "/audio");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).isEqualTo("audio/mp4");
        }
    }
}
