package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.auth.Guards.ShareGrant;
import dev.signoff.server.events.ProjectWatcher;
import dev.signoff.server.library.Library;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;

import java.util.function.BooleanSupplier;

/**
 * Live updates as server-sent events: an event {@code change} with {@code {"revision": N}} when
 * the project's revision grows (and once on connecting, so a page that reconnects catches up),
 * and a comment line as a heartbeat every 15 s so proxies keep the stream open. A share link's
 * stream ends as soon as the link is revoked or expires.
 */
public final class EventRoutes implements RouteGroup {
    private final ServerContext ctx;
    private final Library library;

    public EventRoutes(ServerContext ctx, Library library) {
        this.ctx = ctx;
        this.library = library;
    }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/api/projects/{id}/events", c -> {
            ctx.guards().owner(c);
            String projectId = library.projects().require(c.pathParam("id")).id();
            stream(c, projectId, () -> true);
        });
        config.routes.get("/s/{token}/api/events", c -> {
            ShareGrant grant = ctx.guards().share(c);
            String token = grant.link().token();
            stream(c, grant.projectId(), () -> ctx.links().findByToken(token).filter(l -> l.usableAt(ctx.clock().millis())).isPresent());
        });
    }

    /** Checks come first (a refusal is a plain 4xx); only then does the response become an event stream. */
    private void stream(Context c, String projectId, BooleanSupplier stillAllowed) throws Exception {
        if (c.header("Accept") == null || !c.header("Accept").contains("text/event-stream"))
            throw Problem.badRequest("this is an event stream; request it with Accept: text/event-stream (EventSource does)");
        new SseHandler(client -> follow(client, projectId, stillAllowed)).handle(c);
    }

    private void follow(SseClient client, String projectId, BooleanSupplier stillAllowed) {
        ProjectWatcher watcher = library.watcher();
        ProjectWatcher.Watcher w = new ProjectWatcher.Watcher() {
            @Override public void changed(long revision) {
                if (!stillAllowed.getAsBoolean()) end();
                else send(revision);
            }

            @Override public void heartbeat() {
                if (!stillAllowed.getAsBoolean()) end();
                else {
                    client.sendComment("heartbeat");
                    if (client.terminated()) end();
                }
            }

            private void send(long revision) {
                client.sendEvent("change", "{\"revision\":" + revision + "}");
                if (client.terminated()) end();
            }

            private void end() {
                watcher.unwatch(projectId, this);
                client.close();
            }
        };
        client.onClose(() -> watcher.unwatch(projectId, w));
        client.keepAlive();
        long revision = watcher.watch(projectId, w);
        w.changed(revision);
    }
}
