package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.auth.ClientAddress;
import dev.signoff.server.auth.Guards;
import dev.signoff.server.store.Passwords;
import dev.signoff.server.auth.RateLimiter;
import dev.signoff.server.store.ShareLinkStore.ProjectTitle;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static dev.signoff.server.auth.RateLimiter.perAddress;
import static dev.signoff.server.auth.RateLimiter.perLink;

/**
 * The listener's side of a share link: what the link grants (and the CSRF value its page needs), and
 * unlocking a link that has a password. Until it is unlocked, a password link tells nothing about the
 * project or the person it was made for: the token alone is not enough.
 */
public final class ShareSessionRoutes implements RouteGroup {
    private final ServerContext ctx;
    private final RateLimiter limiter;

    public ShareSessionRoutes(ServerContext ctx) {
        this.ctx = ctx;
        this.limiter = new RateLimiter(ctx.db().jdbi(), ctx.clock());
    }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/s/{token}/api/session", this::session);
        config.routes.post("/s/{token}/api/unlock", this::unlock);
    }

    private void session(Context c) {
        ShareLink link = ctx.guards().usableLink(c.pathParam("token"));
        boolean unlocked = ctx.sessions().find(c.cookie(Guards.SHARE_COOKIE)).filter(s -> link.id().equals(s.linkId())).isPresent();
        if (link.hasPassword() && !unlocked) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("needs_password", true);
            out.put("label", null);
            out.put("project_name", null);
            c.json(out);
            return;
        }
        c.json(json(link, ctx.guards().share(c).csrf()));
    }

    private void unlock(Context c) {
        Guards.requireSameOrigin(c);
        ShareLink link = ctx.guards().usableLink(c.pathParam("token"));
        if (!link.hasPassword()) throw Problem.badRequest("this link has no password; just open it");
        String password = JsonBody.of(c, ctx.json()).text("password", 200);
        String address = ClientAddress.of(c, ctx.config().trustProxy());
        RateLimiter.Attempt attempt = limiter.attempt(c, perAddress(RateLimiter.LINK_PASSWORD, address),
                perLink(RateLimiter.LINK_PASSWORD_ANY_ADDRESS, link.id()));
        if (!Passwords.matches(password, link.passwordHash()))
            throw Problem.unauthorized("that password is not right; check the message the engineer sent you");
        attempt.succeeded();
        c.json(json(link, ctx.guards().openShareSession(c, link).csrf()));
    }

    /** The session JSON of an open (or unlocked) link; see docs/server-api-access.md. */
    private Map<String, Object> json(ShareLink link, String csrf) {
        ProjectTitle project = ctx.links().projectTitle(link.projectId()).orElseThrow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("label", link.label());
        out.put("audience", link.audience().name().toLowerCase(Locale.ROOT));
        out.put("can_comment", link.canComment());
        out.put("can_download", link.canDownload());
        out.put("needs_password", link.hasPassword());
        out.put("csrf", csrf);
        out.put("project_name", project.name());
        out.put("artist", project.artist());
        out.put("expires_at", link.expiresAt());
        return out;
    }
}
