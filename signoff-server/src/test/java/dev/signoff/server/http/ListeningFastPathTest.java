package dev.signoff.server.http;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.signoff.server.support.LibrarySteps.personLink;
import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listening fast path answers exactly as the framework's audio route does (both stream the
 * version's listening preview) (a query string sends
 * a request the framework's way, so both can be asked the same thing), and steps aside the moment a
 * check no longer passes from memory: a revoked link, another project's version, no session.
 */
class ListeningFastPathTest {
    private static final List<String> HEADERS = List.of("Content-Type", "Content-Length", "Content-Range", "Accept-Ranges", "ETag",
            "Cache-Control", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Security-Policy", "Content-Disposition");

    @TempDir Path dir;

    @Test
    void answersLikeTheFrameworkAndStepsAsideWhenAChecksFails() throws Exception {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir)) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            Path wav = Bounces.wav(dir.resolve("a.wav"), 12, 1);
            String v1 = upload(owner, id, wav, "a.wav").json().get("id").asText();
            String other = project(owner, "Other");
            String otherVersion = upload(owner, other, Bounces.wav(dir.resolve("b.wav"), 12, 2), "b.wav").json().get("id").asText();
            settled(owner, id);
            settled(owner, other);
            byte[] bytes = owner.get("/api/versions/" + v1 + "/audio?quality=preview").body();
            var link = personLink(server.server().context(), id, "Sam", false);
            HttpSession listener = server.visitor();
            assertThat(listener.get("/s/" + link.token() + "/api/session").status()).isEqualTo(200);
            String audio = "/s/" + link.token() + "/api/versions/" + v1 + "/audio";
            String etag = listener.get(audio + "?via=framework", "Range", "bytes=0-1").header("ETag");

            String[][] asks = {
                    {}, {"Range", "bytes=1000-1999"}, {"Range", "bytes=-100"}, {"Range", "bytes=0-"}, {"Range", "bytes=5-"},
                    {"Range", "bytes=" + bytes.length + "-"}, {"Range", "bytes=0-1,5-9"}, {"Range", "items=0-9"},
                    {"If-None-Match", etag}, {"If-Range", "\"something else\"", "Range", "bytes=0-9"}, {"If-Range", etag, "Range", "bytes=0-9"}};
            for (String[] ask : asks) {
                var fast = listener.get(audio, ask);
                var framework = listener.get(audio + "?via=framework", ask);
                assertThat(fast.status()).as(Arrays.toString(ask)).isEqualTo(framework.status());
                assertThat(fast.body()).as(Arrays.toString(ask)).isEqualTo(framework.body());
                for (String h : HEADERS) assertThat(fast.header(h)).as(h + " for " + Arrays.toString(ask)).isEqualTo(framework.header(h));
            }
            assertThat(listener.get(audio, "Range", "bytes=1000-1999").body()).isEqualTo(Arrays.copyOfRange(bytes, 1000, 2000));
            var head = listener.send("HEAD", audio, null);
            assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(bytes.length));
            assertThat(head.body()).isEmpty();

            // Another project's version, no session, a stranger's cookie: the framework's 404/401/403.
            assertThat(listener.get("/s/" + link.token() + "/api/versions/" + otherVersion + "/audio").status()).isEqualTo(404);
            assertThat(server.visitor().get(audio).status()).isIn(200, 401, 403);
            // Revoked: the next request finds no link, here as on every other route.
            assertThat(owner.post("/api/projects/" + id + "/links/" + link.id() + "/revoke", "").status()).isIn(200, 204);
            assertThat(listener.get(audio, "Range", "bytes=0-9").status()).isEqualTo(404);
        }
    }
}
