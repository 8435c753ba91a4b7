package dev.signoff.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.regex.Pattern;

/**
 * Headers every response carries, set before any handler runs (a handler may still replace one, as
 * the pages do with their own Content-Security-Policy): no MIME sniffing, no framing by another site
 * (clickjacking), no referrer (a share link's token is in its URL). API responses are private data
 * and are never stored by the browser or a proxy, and are not a document to render.
 */
public final class SecurityHeaders implements RouteGroup {
    private static final Pattern API = Pattern.compile("^(/api/|/s/[^/]+/api/).*");
    /** The pages' policy: same-origin scripts, styles and data only, no inline code. Also on the shells' copies under /assets. */
    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

    @Override public void register(JavalinConfig config) {
        config.routes.before(SecurityHeaders::apply);
    }

    static void apply(Context c) {
        c.header("X-Content-Type-Options", "nosniff");
        c.header("X-Frame-Options", "DENY");
        c.header("Referrer-Policy", "no-referrer");
        if (API.matcher(c.path()).matches()) {
            c.header("Cache-Control", "no-store");
            c.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        } else if (c.path().startsWith("/assets/") && c.path().toLowerCase(java.util.Locale.ROOT).endsWith(".html")) {
            c.header("Content-Security-Policy", PAGE_POLICY);
        } else {
            c.header("Content-Security-Policy", "frame-ancestors 'none'");
        }
    }
}
