package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.audio.synth.SongSynth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `signoff serve` as a real process, killed with SIGKILL in the middle of uploads: after a restart
 * there is no broken version, the resumable upload carries on from what was safely stored, and the
 * finished file becomes v1.
 */
class KilledServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    @Test
    void aServerKilledDuringUploadsLeavesNoBrokenVersionAndTheUploadResumes() throws Exception {
        Path data = dir.resolve("data");
        Path wav = dir.resolve("mix.wav");
        SongFiles.write(SongSynth.render(44_100, 30, 9), wav, 24);
        byte[] file = Files.readAllBytes(wav);
        int firstChunk = file.length / 3;

        String projectId, uploadId, password = "a long enough password";
        Server first = Server.start(data);
        try {
            Http owner = new Http(first.base);
            owner.csrf = owner.send("POST", "/api/setup", json(Map.of("token", first.setupToken, "password", password))).json().get("csrf").asText();
            projectId = owner.send("POST", "/api/projects", json(Map.of("name", "Killed", "artist", ""))).json().get("id").asText();
            uploadId = owner.send("POST", "/api/projects/" + projectId + "/uploads",
                    json(Map.of("file_name", "mix.wav", "size_bytes", file.length))).json().get("id").asText();
            var chunk = owner.send("PUT", "/api/uploads/" + uploadId, Arrays.copyOf(file, firstChunk),
                    "Content-Range", "bytes 0-" + (firstChunk - 1) + "/" + file.length);
            assertThat(chunk.status).isEqualTo(200);

            // A single-request upload that is half-way through its body when the server dies.
            try (Socket s = new Socket("127.0.0.1", first.port); OutputStream out = s.getOutputStream()) {
                out.write(("PUT /api/projects/" + projectId + "/versions?name=other.wav HTTP/1.1\r\nHost: 127.0.0.1:" + first.port
                        + "\r\nCookie: " + owner.cookieHeader() + "\r\nX-Signoff-CSRF: " + owner.csrf
                        + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(file, 0, file.length / 2);
                out.flush();
                Thread.sleep(300);
                first.kill();
            }
        } finally {
            first.kill();
        }

        Server second = Server.start(data);
        try {
            Http owner = new Http(second.base);
            owner.csrf = owner.send("POST", "/api/login", json(Map.of("password", password))).json().get("csrf").asText();
            assertThat(owner.send("GET", "/api/projects/" + projectId, null).json().get("versions")).isEmpty();
            JsonNode upload = owner.send("GET", "/api/uploads/" + uploadId, null).json();
            assertThat(upload.get("received_bytes").asLong()).isEqualTo(firstChunk);

            var rest = owner.send("PUT", "/api/uploads/" + uploadId, Arrays.copyOfRange(file, firstChunk, file.length),
                    "Content-Range", "bytes " + firstChunk + "-" + (file.length - 1) + "/" + file.length);
            assertThat(rest.status).as(rest.text()).isEqualTo(200);
            assertThat(rest.json().get("complete").asBoolean()).isTrue();
            JsonNode versions = owner.send("GET", "/api/projects/" + projectId, null).json().get("versions");
            assertThat(versions).hasSize(1);
            assertThat(versions.get(0).get("number").asInt()).isEqualTo(1);
            String versionId = versions.get(0).get("id").asText();
            assertThat(owner.send("GET", "/api/versions/" + versionId + "/audio", null).body).isEqualTo(file);
        } finally {
            second.kill();
        }
    }

    private static byte[] json(Object o) throws IOException { return JSON.writeValueAsBytes(o); }

    /** `signoff serve` in its own JVM, as a user runs it. */
    private record Server(Process process, int port, String base, String setupToken) {
        static Server start(Path data) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "serve", "--data", data.toString(), "--host", "127.0.0.1", "--port", "0", "--qr", "off")
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            Pattern address = Pattern.compile("http://localhost:(\\d+)/"), token = Pattern.compile("^\\s+([A-Za-z0-9_-]{22})\\s*$");
            int port = -1;
            String setup = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            for (String line; System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
                Matcher m = address.matcher(line);
                if (m.find()) port = Integer.parseInt(m.group(1));
                Matcher t = token.matcher(line);
                if (t.find()) setup = t.group(1);
                if (line.startsWith("Stop with Ctrl-C")) break;
            }
            assertThat(port).as("serve printed its address").isPositive();
            Thread drain = new Thread(() -> { try { while (out.readLine() != null) { } } catch (IOException ignored) { } });
            drain.setDaemon(true);
            drain.start();
            return new Server(p, port, "http://127.0.0.1:" + port, setup);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();   // SIGKILL: no shutdown hook, no clean-up
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Cookies kept by hand (java.net drops Secure cookies on plain-HTTP loopback, where browsers keep them). */
    private static final class Http {
        private final HttpClient client = HttpClient.newHttpClient();
        private final String base;
        private final Map<String, String> cookies = new LinkedHashMap<>();
        String csrf;

        Http(String base) { this.base = base; }

        record Reply(int status, byte[] body) {
            String text() { return new String(body, StandardCharsets.UTF_8); }
            JsonNode json() throws IOException { return JSON.readTree(body); }
        }

        String cookieHeader() {
            return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }

        Reply send(String method, String path, byte[] body, String... headers) throws Exception {
            var b = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null && headers.length == 0) b.header("Content-Type", "application/json");
            for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
            if (!cookies.isEmpty()) b.header("Cookie", cookieHeader());
            if (csrf != null) b.header("X-Signoff-CSRF", csrf);
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return new Reply(r.statusCode(), r.body());
        }
    }

}
