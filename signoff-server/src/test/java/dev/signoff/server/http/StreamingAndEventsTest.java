package dev.signoff.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.signoff.server.support.LibrarySteps.personLink;
import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** Audio with range requests, waveforms, the share link's view, and live change events. */
class StreamingAndEventsTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void audioIsServedInRangesAndShareLinksReachOnlyTheirOwnProject(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            Path wav = Bounces.wav(dir.resolve("a.wav"), 21, 1);
            byte[] bytes = Files.readAllBytes(wav);
            String v1 = upload(owner, id, wav, "a.wav").json().get("id").asText();
            String other = project(owner, "Other");
            String otherVersion = upload(owner, other, Bounces.wav(dir.resolve("b.wav"), 21, 2), "b.wav").json().get("id").asText();
            settled(owner, id);

            String audio = "/api/versions/" + v1 + "/audio";
            var range = owner.get(audio, "Range", "bytes=1000-1999");
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.header("Content-Range")).isEqualTo("bytes 1000-1999/" + bytes.length);
            assertThat(range.header("Content-Type")).isEqualTo("audio/wav");
            assertThat(range.header("Accept-Ranges")).isEqualTo("bytes");
            assertThat(range.header("Content-Disposition")).isNull();
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));
            var suffix = owner.get(audio, "Range", "bytes=-100");
            assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(bytes, bytes.length - 100, bytes.length));
            var open = owner.get(audio, "Range", "bytes=0-");
            assertThat(open.status()).isEqualTo(206);
            assertThat(open.body()).isEqualTo(Arrays.copyOfRange(bytes, 0, Math.min(bytes.length, 4 << 20)));
            var whole = owner.get(audio);
            assertThat(whole.status()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(bytes);
            var beyond = owner.get(audio, "Range", "bytes=" + bytes.length + "-");
            assertThat(beyond.status()).isEqualTo(416);
            assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + bytes.length);
            assertThat(owner.get(audio, "If-None-Match", range.header("ETag")).status()).isEqualTo(304);
            var head = owner.send("HEAD", audio, null);
            assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
            assertThat(owner.get(audio + "?download=1").header("Content-Disposition"))
                    .isEqualTo("attachment; filename=\"Song v1.wav\"; filename*=UTF-8''Song%20v1.wav");
            assertThat(server.visitor().get(audio).status()).isEqualTo(401);

            HttpSession listener = server.visitor();
            String token = personLink(server.server().context(), id, "Sam", false).token();
            String base = "/s/" + token + "/api";
            JsonNode shared = listener.get(base + "/project").json();
            assertThat(shared.get("name").asText()).isEqualTo("Song");
            assertThat(shared.get("versions")).hasSize(1);
            assertThat(shared.has("rounds_agreed")).isFalse();
            var stream = listener.get(base + "/versions/" + v1 + "/audio", "Range", "bytes=0-99");
            assertThat(stream.status()).isEqualTo(206);
            assertThat(stream.body()).as("a listen-only link streams the listening preview")
                    .isEqualTo(Arrays.copyOf(owner.get(audio + "?quality=preview").body(), 100));
            assertThat(listener.get(base + "/versions/" + v1 + "/audio?download=1").status()).isEqualTo(403);
            assertThat(listener.get(base + "/versions/" + otherVersion + "/audio").status()).isEqualTo(404);
            assertThat(listener.get(base + "/versions/" + otherVersion + "/waveform").status()).isEqualTo(404);
            String downloadToken = personLink(server.server().context(), id, "Sam", true).token();
            assertThat(listener.get("/s/" + downloadToken + "/api/versions/" + v1 + "/audio?download=1").header("Content-Disposition"))
                    .startsWith("attachment; filename=\"Song v1.wav\"");
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void waveformsComeAsJsonOrAudiowaveformDatAtEveryZoom(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            String v1 = upload(owner, id, Bounces.wav(dir.resolve("a.wav"), 21, 1), "a.wav").json().get("id").asText();
            JsonNode version = settled(owner, id).get("versions").get(0);
            long frames = Math.round(version.get("duration_s").asDouble() * 44_100);
            for (int zoom : new int[]{256, 1024, 4096, 16384}) {
                var r = owner.get("/api/versions/" + v1 + "/waveform?zoom=" + zoom);
                assertThat(r.status()).isEqualTo(200);
                JsonNode w = r.json();
                assertThat(w.get("samples_per_pixel").asInt()).isEqualTo(zoom);
                assertThat(w.get("channels").asInt()).isEqualTo(2);
                assertThat(w.get("length").asLong()).isEqualTo((frames + zoom - 1) / zoom);
                assertThat(w.get("data")).hasSize(w.get("length").asInt() * 4);
                int peak = 0;
                for (JsonNode d : w.get("data")) peak = Math.max(peak, Math.abs(d.asInt()));
                assertThat(peak).as("the song peaks near -1 dBFS").isBetween(100, 128);
                assertThat(owner.get("/api/versions/" + v1 + "/waveform?zoom=" + zoom, "If-None-Match", r.header("ETag")).status()).isEqualTo(304);
            }
            var dat = owner.get("/api/versions/" + v1 + "/waveform?zoom=1024&format=dat");
            ByteBuffer b = ByteBuffer.wrap(dat.body()).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(b.getInt()).isEqualTo(2);       // audiowaveform .dat version
            assertThat(b.getInt()).isEqualTo(1);       // 8-bit
            assertThat(b.getInt()).isEqualTo(44_100);
            assertThat(b.getInt()).isEqualTo(1024);
            int length = b.getInt();
            assertThat(b.getInt()).isEqualTo(2);
            assertThat(dat.body()).hasSize(24 + length * 4);
            var bad = owner.get("/api/versions/" + v1 + "/waveform?zoom=1000");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("error").asText()).isEqualTo("zoom must be one of 256, 1024, 4096, 16384 (frames per point)");
            String token = personLink(server.server().context(), id, "Sam", false).token();
            assertThat(server.visitor().get("/s/" + token + "/api/versions/" + v1 + "/waveform?zoom=4096").json().get("length").asInt()).isPositive();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void pagesHearAboutNewVersionsAndARevokedLinksStreamEnds(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            var shareLink = personLink(server.server().context(), id, "Sam", false);
            long start = owner.get("/api/projects/" + id).json().get("revision").asLong();

            BlockingQueue<String> ownerEvents = events(server.base() + "/api/projects/" + id + "/events", owner.cookieHeader());
            HttpSession listener = server.visitor();
            listener.get("/s/" + shareLink.token() + "/api/project");   // opens the share session
            BlockingQueue<String> shareEvents = events(server.base() + "/s/" + shareLink.token() + "/api/events", listener.cookieHeader());
            assertThat(ownerEvents.poll(5, TimeUnit.SECONDS)).isEqualTo("change {\"revision\":" + start + "}");
            assertThat(shareEvents.poll(5, TimeUnit.SECONDS)).isEqualTo("change {\"revision\":" + start + "}");

            upload(owner, id, Bounces.wav(dir.resolve("a.wav"), 21, 1), "a.wav");
            String next = ownerEvents.poll(10, TimeUnit.SECONDS);
            assertThat(next).startsWith("change {\"revision\":");
            assertThat(Long.parseLong(next.replaceAll("\\D", ""))).isGreaterThan(start);
            assertThat(shareEvents.poll(10, TimeUnit.SECONDS)).startsWith("change {\"revision\":");

            server.server().context().links().revoke(id, shareLink.id());
            upload(owner, id, Bounces.wav(dir.resolve("b.wav"), 21, 2), "b.wav");   // a change the revoked link must not hear of
            String last;
            do {
                last = shareEvents.poll(10, TimeUnit.SECONDS);
            } while (last != null && !last.equals("END"));
            assertThat(last).isEqualTo("END");
            assertThat(listener.get("/s/" + shareLink.token() + "/api/project").status()).isEqualTo(404);
            assertThat(owner.get("/api/projects/" + id + "/events").status()).as("without Accept: text/event-stream").isEqualTo(400);
        }
    }

    /** Reads an event stream on a thread: "name data" per event, "END" when the server closes it. */
    private static BlockingQueue<String> events(String url, String cookies) {
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").header("Cookie", cookies).build();
        Thread t = new Thread(() -> {
            try {
                HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body()))) {
                    String line, event = null;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("event:")) event = line.substring(6).trim();
                        else if (line.startsWith("data:")) out.add(event + " " + line.substring(5).trim());
                    }
                }
            } catch (Exception e) {
                // the stream broke: same as ended
            }
            out.add("END");
        });
        t.setDaemon(true);
        t.start();
        return out;
    }
}
