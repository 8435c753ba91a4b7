package dev.signoff.server.http;

import dev.signoff.server.auth.Guards;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import io.javalin.http.Context;

/** Taking part in the review (comments, notes, sending a round, approving) needs a link with the comment permission. */
final class CommentPermission {
    private CommentPermission() {}

    /** The request's share link if it may take part; 403 for a listen-only link. */
    static ShareLink require(Guards guards, Context c) {
        ShareLink link = guards.share(c).link();
        if (!link.canComment())
            throw Problem.forbidden("this link is for listening only; ask the engineer for a link that can leave comments");
        return link;
    }
}
