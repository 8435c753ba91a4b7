package dev.signoff.server.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.signoff.server.ServerContext;
import dev.signoff.server.jobs.CommentPosting;
import dev.signoff.server.library.Library;
import dev.signoff.server.store.ApprovalStore;
import dev.signoff.server.store.ApprovalStore.Approval;
import dev.signoff.server.store.CommentStore;
import dev.signoff.server.store.CommentStore.Comment;
import dev.signoff.server.store.CommentStore.NewComment;
import dev.signoff.server.store.CommentStore.Posted;
import dev.signoff.server.store.RevisionStore;
import dev.signoff.server.store.RevisionStore.LinkRound;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Comments pinned to a time or a time range. Share side: the link's comments (a person's own, or all
 * of a band's notes) with the engineer's replies, writing one, and removing a band note not sent yet.
 * Owner side: every comment on a project.
 */
public final class CommentRoutes implements RouteGroup {

    /** The listening page's feedback state for one link. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LinkFeedback(String audience, boolean canComment, int suggestCallAfter, List<Comment> comments,
                               List<LinkRound> rounds, int unsent, boolean unsentSuggestsCall, FinalVersion finalVersion) {}

    /** The approved version as a listener sees it; {@code approvedBy} only when approved through this same link. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FinalVersion(String versionId, int versionNumber, String approvedBy, long approvedAt) {}

    /** The page's name for a comment: a UUID or other random token, 16 to 64 URL-safe characters. */
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{16,64}");

    private final ServerContext ctx;
    private final CommentStore comments;
    private final CommentPosting posting;
    private final RevisionStore revisions;
    private final ApprovalStore approvals;

    public CommentRoutes(ServerContext ctx, Library library) {
        this.ctx = ctx;
        this.comments = new CommentStore(ctx.db().jdbi(), ctx.clock(), ctx.notices());
        this.posting = new CommentPosting(comments, library.jobs(), library.workers()::wake);
        this.revisions = new RevisionStore(ctx.db().jdbi(), ctx.clock());
        this.approvals = new ApprovalStore(ctx.db().jdbi(), ctx.clock());
    }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/s/{token}/api/comments", this::linkFeedback);
        config.routes.post("/s/{token}/api/comments", this::add);
        config.routes.delete("/s/{token}/api/comments/{commentId}", this::deleteNote);
        config.routes.get("/api/projects/{id}/comments", this::forProject);
    }

    private void linkFeedback(Context c) {
        ShareLink link = ctx.guards().share(c).link();
        List<Comment> mine = comments.forLink(link.id());
        int unsent = (int) mine.stream().filter(x -> x.status().equals("unsent")).count();
        FinalVersion finalVersion = approvals.standing(link.projectId()).map(a -> finalVersion(a, link)).orElse(null);
        c.header("Cache-Control", "no-store").json(new LinkFeedback(
                link.audience().name().toLowerCase(), link.canComment(), RevisionStore.SUGGEST_CALL_AFTER, mine,
                revisions.forLink(link.id()), unsent, RevisionStore.suggestsCall(unsent), finalVersion));
    }

    private void add(Context c) {
        ShareLink link = CommentPermission.require(ctx.guards(), c);
        JsonBody body = JsonBody.of(c, ctx.json());
        Double start = body.number("start_s");
        if (start == null) throw Problem.badRequest("'start_s' is required");
        NewComment comment = new NewComment(body.text("version_id", 64), start, body.number("end_s"),
                PlainText.name(body, "author"), PlainText.text(body, "body", CommentStore.MAX_BODY), clientId(body));
        Posted posted = posting.post(link, comment);
        c.status(posted.created() ? 201 : 200).json(posted.comment());
    }

    private static String clientId(JsonBody body) {
        String id = body.optionalText("client_id", 64);
        if (id == null) return null;
        if (!CLIENT_ID.matcher(id).matches()) throw Problem.badRequest("'client_id' must be 16 to 64 letters, digits, '-' or '_' (a UUID fits)");
        return id;
    }

    private void deleteNote(Context c) {
        ShareLink link = CommentPermission.require(ctx.guards(), c);
        comments.deleteUnsentNote(link, c.pathParam("commentId"));
        c.status(204);
    }

    private void forProject(Context c) {
        ctx.guards().owner(c);
        String projectId = c.pathParam("id");
        c.header("Cache-Control", "no-store").json(Map.of("project_id", projectId, "comments", comments.forProject(projectId)));
    }

    private static FinalVersion finalVersion(Approval a, ShareLink link) {
        return new FinalVersion(a.versionId(), a.versionNumber(), link.id().equals(a.linkId()) ? a.name() : null, a.createdAt());
    }
}
