package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.store.RevisionStore;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * The revision loop. Share side: a band sends its collated notes as one round. Owner side: the
 * project's rounds and items (with rounds agreed and used), and the engineer's status and reply on an item.
 */
public final class RevisionRoutes implements RouteGroup {
    private final ServerContext ctx;
    private final RevisionStore revisions;

    public RevisionRoutes(ServerContext ctx) {
        this.ctx = ctx;
        this.revisions = new RevisionStore(ctx.db().jdbi(), ctx.clock(), ctx.notices());
    }

    @Override public void register(JavalinConfig config) {
        config.routes.post("/s/{token}/api/rounds", this::send);
        config.routes.get("/api/projects/{id}/revisions", this::forProject);
        config.routes.put("/api/revisions/{itemId}", this::update);
    }

    private void send(Context c) {
        ShareLink link = CommentPermission.require(ctx.guards(), c);
        String sentBy = PlainText.name(JsonBody.of(c, ctx.json()), "name");
        c.status(201).json(revisions.sendNotes(link, sentBy));
    }

    private void forProject(Context c) {
        ctx.guards().owner(c);
        c.header("Cache-Control", "no-store").json(revisions.forProject(c.pathParam("id")));
    }

    private void update(Context c) {
        ctx.guards().owner(c);
        JsonBody body = JsonBody.of(c, ctx.json());
        String status = body.optionalText("status", 20);
        String reply = PlainText.optionalText(body, "reply", RevisionStore.MAX_REPLY);
        if (status == null && reply == null) throw Problem.badRequest("send a 'status', a 'reply' or both");
        c.json(revisions.update(c.pathParam("itemId"), status, reply));
    }
}
