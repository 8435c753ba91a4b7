package dev.signoff.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTML pages. Each is a static shell from resources/web; its scripts fetch the data through the
 * JSON API, so access control lives in one place (the API's guards), never in page rendering.
 */
public final class PageRoutes implements RouteGroup {
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Override public void register(JavalinConfig config) {
        config.routes.get("/", c -> page(c, "index.html"));
        config.routes.get("/login", c -> page(c, "login.html"));
        config.routes.get("/setup", c -> page(c, "setup.html"));
        config.routes.get("/projects/{id}", c -> page(c, "project.html"));
        config.routes.get("/s/{token}", c -> page(c, "listen.html"));
    }

    private void page(Context c, String name) {
        byte[] html = cache.computeIfAbsent(name, PageRoutes::load);
        c.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", SecurityHeaders.PAGE_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .contentType("text/html; charset=utf-8").result(html);
    }

    private static byte[] load(String name) {
        try (InputStream in = PageRoutes.class.getResourceAsStream("/web/" + name)) {
            if (in == null) throw new IllegalStateException("missing page " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
