package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.notify.NotificationSettings;
import io.javalin.http.Context;

/**
 * The server's public URL when it has one, else the address the engineer's own browser reaches the
 * server at (scheme, host and port), remembered
 * from their signed-in requests for the links in notification emails: an email is written off any
 * request, so it has no Host header of its own to go by.
 */
public final class OwnerOrigin {
    private final ServerContext ctx;
    private final NotificationSettings settings;
    private volatile String remembered;

    public OwnerOrigin(ServerContext ctx) {
        this.ctx = ctx;
        this.settings = new NotificationSettings(ctx.db().jdbi());
    }

    /** Stores the origin of {@code c}, an owner's request that passed the guards, when it differs from the last one. */
    public void remember(Context c) {
        if (c.host() == null || c.host().isBlank()) return;
        String forwarded = ctx.config().trustProxy() ? c.header("X-Forwarded-Proto") : null;
        String scheme = "https".equalsIgnoreCase(forwarded) ? "https" : c.scheme();
        // With --public-url the emails link to the address that works from anywhere, not the LAN one.
        String origin = ctx.config().publicUrl() != null ? ctx.config().publicUrl() : scheme + "://" + c.host();
        if (origin.equals(remembered)) return;
        settings.rememberOrigin(origin);
        remembered = origin;
    }
}
