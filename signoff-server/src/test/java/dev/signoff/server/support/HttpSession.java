package dev.signoff.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A browser-like HTTP client for tests: keeps cookies (by hand, since java.net's cookie handler
 * drops Secure cookies on plain-HTTP loopback where browsers keep them) and sends the CSRF header
 * once it knows the session's value.
 */
public final class HttpSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public HttpSession(String base) { this.base = base; }

    public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
        public String text() { return new String(body, StandardCharsets.UTF_8); }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + text(), e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    public String base() { return base; }

    /** The Cookie header this session sends, for other clients acting for it (an event-stream reader). */
    public String cookieHeader() {
        return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    public void csrf(String value) { this.csrf = value; }

    public String csrf() { return csrf; }

    /** The value of a cookie this session holds (to hand a signed-in session to a browser). */
    public String cookie(String name) { return cookies.get(name); }

    public Reply get(String path, String... headers) { return send("GET", path, null, headers); }

    public Reply delete(String path) { return send("DELETE", path, null); }

    public Reply post(String path, Object json) { return send("POST", path, json(json), "Content-Type", "application/json"); }

    public Reply put(String path, Object json) { return send("PUT", path, json(json), "Content-Type", "application/json"); }

    public Reply send(String method, String path, byte[] body, String... headers) {
        var b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        if (!cookies.isEmpty()) b.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        if (csrf != null) b.header("X-Signoff-CSRF", csrf);
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim(), value = pair.substring(eq + 1).trim();
                if (value.isEmpty() || set.toLowerCase().contains("max-age=0")) cookies.remove(name);
                else cookies.put(name, value);
            }
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sets a cookie as if the server had (for sessions a test opens through the stores). */
    public void cookie(String name, String value) { cookies.put(name, value); }

    private static byte[] json(Object o) {
        try {
            return o instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
