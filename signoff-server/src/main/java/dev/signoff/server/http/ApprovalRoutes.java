package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.store.ApprovalStore;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * Sign-off. Share side: a named client approves one version as the final mix. Owner side: the
 * approval history, and reopening an approved project for more changes.
 */
public final class ApprovalRoutes implements RouteGroup {
    private final ServerContext ctx;
    private final ApprovalStore approvals;

    public ApprovalRoutes(ServerContext ctx) {
        this.ctx = ctx;
        this.approvals = new ApprovalStore(ctx.db().jdbi(), ctx.clock(), ctx.notices());
    }

    @Override public void register(JavalinConfig config) {
        config.routes.post("/s/{token}/api/approve", this::approve);
        config.routes.get("/api/projects/{id}/approvals", this::forProject);
        config.routes.post("/api/projects/{id}/reopen", this::reopen);
    }

    private void approve(Context c) {
        ShareLink link = CommentPermission.require(ctx.guards(), c);
        JsonBody body = JsonBody.of(c, ctx.json());
        String versionId = body.text("version_id", 64);
        String name = PlainText.name(body, "name");
        String note = PlainText.optionalText(body, "note", ApprovalStore.MAX_NOTE);
        c.status(201).json(approvals.approve(link, versionId, name, note == null ? "" : note));
    }

    private void forProject(Context c) {
        ctx.guards().owner(c);
        c.header("Cache-Control", "no-store").json(approvals.forProject(c.pathParam("id")));
    }

    private void reopen(Context c) {
        ctx.guards().owner(c);
        c.json(approvals.reopen(c.pathParam("id")));
    }
}
