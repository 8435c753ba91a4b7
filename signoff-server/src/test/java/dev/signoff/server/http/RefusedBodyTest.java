package dev.signoff.server.http;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.signoff.server.support.LibrarySteps.project;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client refused while it is still sending a large body reads the refusal, not a connection closed
 * under it: each way an upload can be refused, before its body is read (ErrorAnswers reads the rest)
 * or while it is read (the route answers itself).
 */
class RefusedBodyTest {
    /** Well past the socket buffers on both sides, over the upload limit, under {@link UploadRoutes#DRAIN_LIMIT}. */
    private static final int BODY = 20 << 20;
    private static final long LIMIT = 16L << 20;
    @TempDir Path dir;

    @Test
    void everyRefusedUploadIsReadByAClientStillSending() throws Exception {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir, Clock.systemUTC(), LIMIT)) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            byte[] body = new byte[BODY];

            // Refused before the body is read: a store's refusal, a route's Problem, a declared size over the limit.
            assertRefused(send(owner, "PUT", "/api/projects/nope/versions?name=a.wav", body, true), 404, "project");
            assertRefused(send(owner, "PUT", "/api/projects/" + id + "/versions", body, true), 400, "'name'");
            assertRefused(send(owner, "PUT", "/api/projects/" + id + "/versions?name=a.wav", body, true), 413, "up to 16 MB");
            assertRefused(send(owner, "PUT", "/api/uploads/nope", body, true, "Content-Range", "bytes 0-" + (BODY - 1) + "/" + BODY), 404, "upload");
            assertRefused(send(owner, "PUT", "/api/projects/nope/references?name=r.wav", body, true), 404, "project");
            assertRefused(send(server.visitor(), "PUT", "/api/projects/" + id + "/references?name=r.wav", body, true), 401, "");
            // Refused while it is read: no declared length, so only the limit stops it.
            assertRefused(send(owner, "PUT", "/api/projects/" + id + "/versions?name=a.wav", body, false), 413, "up to 16 MB");
            assertRefused(send(owner, "PUT", "/api/projects/" + id + "/references?name=r.wav", body, false), 413, "");
            // Answered by the route itself: a chunk at the wrong offset.
            var started = owner.post("/api/projects/" + id + "/uploads", Map.of("file_name", "long.wav", "size_bytes", LIMIT));
            String upload = started.json().get("id").asText();
            byte[] chunk = new byte[12 << 20];
            assertRefused(send(owner, "PUT", "/api/uploads/" + upload, chunk, true, "Content-Range", "bytes 10-" + (chunk.length + 9) + "/" + LIMIT), 409, "");
        }
    }

    private record Answer(int status, String body) {}

    /**
     * Sends {@code body} whole, with its length declared or in chunks without one, and only then reads
     * the answer, as a plain client does: a server that answers and closes without reading the rest
     * makes the sending fail.
     */
    private static Answer send(HttpSession as, String method, String path, byte[] body, boolean declared, String... headers) throws Exception {
        URI uri = URI.create(as.base());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n");
            head.append(declared ? "Content-Length: " + body.length : "Transfer-Encoding: chunked").append("\r\n");
            for (int i = 0; i < headers.length; i += 2) head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            if (!as.cookieHeader().isEmpty()) head.append("Cookie: ").append(as.cookieHeader()).append("\r\n");
            if (as.csrf() != null) head.append("X-Signoff-CSRF: ").append(as.csrf()).append("\r\n");
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            int piece = 1 << 16;
            for (int at = 0; at < body.length; at += piece) {
                int n = Math.min(piece, body.length - at);
                if (!declared) out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, at, n);
                if (!declared) out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            if (!declared) out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(answer);
            assertThat(status.find()).as(answer).isTrue();
            return new Answer(Integer.parseInt(status.group(1)), answer.substring(answer.indexOf("\r\n\r\n") + 4));
        }
    }

    private static void assertRefused(Answer a, int status, String says) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.body()).contains("\"error\"").contains(says);
    }
}
