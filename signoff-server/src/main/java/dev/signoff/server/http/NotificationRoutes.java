package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.notify.MailSettings;
import dev.signoff.server.notify.NotificationSettings;
import dev.signoff.server.notify.NotificationSettings.Choice;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The owner's notification settings: the address emails go to (else the one given with --notify-to)
 * and which events send one. The SMTP server itself is the server's configuration (--smtp), shown
 * here without its password.
 */
public final class NotificationRoutes implements RouteGroup {
    private final ServerContext ctx;
    private final NotificationSettings settings;
    private final OwnerOrigin ownerOrigin;

    public NotificationRoutes(ServerContext ctx, OwnerOrigin ownerOrigin) {
        this.ctx = ctx;
        this.settings = new NotificationSettings(ctx.db().jdbi());
        this.ownerOrigin = ownerOrigin;
    }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/api/settings/notifications", this::get);
        config.routes.put("/api/settings/notifications", this::put);
    }

    private void get(Context c) {
        ctx.guards().owner(c);
        ownerOrigin.remember(c);
        c.header("Cache-Control", "no-store").json(json(settings.get()));
    }

    private void put(Context c) {
        ctx.guards().owner(c);
        ownerOrigin.remember(c);
        JsonBody body = JsonBody.of(c, ctx.json());
        Choice now = settings.get();
        // Fields left out keep their value; an empty or null 'email' goes back to the --notify-to address.
        String email = body.raw().has("email") ? body.optionalText("email", 254) : now.email();
        if (email != null && email.isEmpty()) email = null;
        if (email != null) {
            try {
                email = MailSettings.address(email, "'email'");
            } catch (IllegalArgumentException e) {
                throw Problem.badRequest(e.getMessage());
            }
        }
        c.json(json(settings.save(email, body.flag("on_feedback", now.onFeedback()), body.flag("on_approval", now.onApproval()),
                body.flag("on_first_open", now.onFirstOpen()))));
    }

    private Map<String, Object> json(Choice s) {
        MailSettings mail = ctx.config().mail();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("smtp", mail == null ? null : mail.smtp().toString());
        out.put("email", s.email());
        out.put("default_email", mail == null ? null : mail.notifyTo());
        out.put("on_feedback", s.onFeedback());
        out.put("on_approval", s.onApproval());
        out.put("on_first_open", s.onFirstOpen());
        return out;
    }
}
