package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.store.Passwords;
import dev.signoff.server.sharing.SharingMessage;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.NewLink;
import dev.signoff.server.store.ShareLinkStore.ProjectTitle;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The owner's share links for a project: list, create (with the drafted sharing message), revoke, and
 * the message drafted again on demand. A link grants listening; commenting is on by default,
 * downloading off; expiry and a password are optional.
 */
public final class ShareRoutes implements RouteGroup {
    static final int MAX_LABEL = 80;
    static final int MIN_LINK_PASSWORD = 6;
    static final int MAX_EXPIRY_DAYS = 3650;
    private final ServerContext ctx;

    public ShareRoutes(ServerContext ctx) { this.ctx = ctx; }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/api/projects/{id}/links", this::list);
        config.routes.post("/api/projects/{id}/links", this::create);
        config.routes.get("/api/projects/{id}/links/draft-message", this::draftMessage);
        config.routes.post("/api/projects/{id}/links/{linkId}/revoke", this::revoke);
    }

    private void list(Context c) {
        ctx.guards().owner(c);
        String projectId = c.pathParam("id");
        project(projectId);
        long now = ctx.clock().millis();
        c.json(ctx.links().forProject(projectId).stream().map(l -> json(c, l, now)).toList());
    }

    private void create(Context c) {
        ctx.guards().owner(c);
        String projectId = c.pathParam("id");
        ProjectTitle project = project(projectId);
        JsonBody body = JsonBody.of(c, ctx.json());
        String label = PlainText.name(body, "label", MAX_LABEL);
        Audience audience = audience(body.optionalText("audience", 10));
        boolean canComment = body.flag("can_comment", true);
        boolean canDownload = body.flag("can_download", false);
        Long expiresAt = expiry(body);
        String password = body.optionalText("password", 200);
        if (password != null && password.isEmpty()) password = null;
        if (password != null && password.length() < MIN_LINK_PASSWORD)
            throw Problem.badRequest("a link password needs at least " + MIN_LINK_PASSWORD + " characters");
        ZoneId zone = zone(body.optionalText("time_zone", 60));

        String token = Ids.token();
        String message = SharingMessage.draft(new SharingMessage.Draft(project, label, audience, url(c, token),
                canComment, expiresAt, password != null, zone));
        ShareLink link = ctx.links().create(projectId, token, new NewLink(label, audience, canComment, canDownload,
                password == null ? null : Passwords.hash(password), expiresAt, message));
        c.status(201).json(json(c, link, ctx.clock().millis()));
    }

    /**
     * The sharing message for {@code link} (an existing link: its address, expiry and password are
     * mentioned), or for {@code audience} and {@code label} before a link exists (the address then reads
     * {@value SharingMessage#LINK_PLACEHOLDER}).
     */
    private void draftMessage(Context c) {
        ctx.guards().owner(c);
        String projectId = c.pathParam("id");
        ProjectTitle project = project(projectId);
        ZoneId zone = zone(c.queryParam("time_zone"));
        String linkId = c.queryParam("link");
        SharingMessage.Draft draft;
        if (linkId != null) {
            ShareLink l = ctx.links().findInProject(projectId, linkId).orElseThrow(() -> Problem.notFound("no such link in this project"));
            draft = new SharingMessage.Draft(project, l.label(), l.audience(), url(c, l.token()), l.canComment(),
                    l.expiresAt(), l.hasPassword(), zone);
        } else {
            String label = c.queryParam("label");
            if (label == null || label.isBlank()) throw Problem.badRequest("'label' is required (the person or band the link is for)");
            if (label.strip().length() > MAX_LABEL) throw Problem.badRequest("'label' is longer than " + MAX_LABEL + " characters");
            draft = new SharingMessage.Draft(project, label.strip(), audience(c.queryParam("audience")), null,
                    !"false".equals(c.queryParam("can_comment")), epochMs(c.queryParam("expires_at")),
                    "true".equals(c.queryParam("password")), zone);
        }
        c.json(Map.of("message", SharingMessage.draft(draft)));
    }

    private void revoke(Context c) {
        ctx.guards().owner(c);
        String projectId = c.pathParam("id");
        project(projectId);
        ShareLink link = ctx.links().findInProject(projectId, c.pathParam("linkId"))
                .orElseThrow(() -> Problem.notFound("no such link in this project"));
        ctx.links().revoke(projectId, link.id());
        c.json(json(c, ctx.links().find(link.id()).orElseThrow(), ctx.clock().millis()));
    }

    private ProjectTitle project(String id) {
        return ctx.links().projectTitle(id).orElseThrow(() -> Problem.notFound("no such project"));
    }

    /** The link as the owner's page shows it. The token is there: the engineer may copy the link again. */
    private Map<String, Object> json(Context c, ShareLink l, long now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", l.id());
        out.put("label", l.label());
        out.put("audience", l.audience().name().toLowerCase(Locale.ROOT));
        out.put("path", "/s/" + l.token());
        out.put("url", url(c, l.token()));
        out.put("can_comment", l.canComment());
        out.put("can_download", l.canDownload());
        out.put("has_password", l.hasPassword());
        out.put("expires_at", l.expiresAt());
        out.put("revoked_at", l.revokedAt());
        out.put("status", l.status(now).name().toLowerCase(Locale.ROOT));
        out.put("created_at", l.createdAt());
        out.put("message", l.message());
        return out;
    }

    /**
     * The link's full address: at the server's public URL when it has one, else as the owner's browser
     * reached this server (the same origin their page has).
     */
    private String url(Context c, String token) {
        if (ctx.config().publicUrl() != null) return ctx.config().publicUrl() + "/s/" + token;
        String forwarded = ctx.config().trustProxy() ? c.header("X-Forwarded-Proto") : null;
        String scheme = "https".equalsIgnoreCase(forwarded) ? "https" : c.scheme();
        return scheme + "://" + c.host() + "/s/" + token;
    }

    private static Audience audience(String value) {
        if (value == null || value.isEmpty()) return Audience.PERSON;
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "person" -> Audience.PERSON;
            case "band" -> Audience.BAND;
            default -> throw Problem.badRequest("'audience' must be 'person' or 'band'");
        };
    }

    /** {@code expires_in_days} (whole days from now) or {@code expires_at} (epoch ms), or neither. */
    private Long expiry(JsonBody body) {
        Double days = body.number("expires_in_days");
        Double at = body.number("expires_at");
        if (days != null && at != null) throw Problem.badRequest("give 'expires_in_days' or 'expires_at', not both");
        long now = ctx.clock().millis();
        if (days != null) {
            if (days != Math.rint(days) || days < 1 || days > MAX_EXPIRY_DAYS)
                throw Problem.badRequest("'expires_in_days' must be a whole number from 1 to " + MAX_EXPIRY_DAYS);
            return now + Duration.ofDays(days.longValue()).toMillis();
        }
        if (at != null) {
            long ms = at.longValue();
            if (ms <= now) throw Problem.badRequest("'expires_at' is in the past; choose a later date");
            if (ms > now + Duration.ofDays(MAX_EXPIRY_DAYS).toMillis()) throw Problem.badRequest("'expires_at' is more than 10 years away");
            return ms;
        }
        return null;
    }

    private static Long epochMs(String value) {
        if (value == null || value.isEmpty()) return null;
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Problem.badRequest("'expires_at' must be a time in epoch milliseconds");
        }
    }

    private static ZoneId zone(String name) {
        if (name == null || name.isEmpty()) return ZoneId.systemDefault();
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw Problem.badRequest("'time_zone' is not a time zone name such as Europe/London");
        }
    }
}
