package dev.signoff.server.jobs;

import dev.signoff.server.store.CommentStore;
import dev.signoff.server.store.CommentStore.NewComment;
import dev.signoff.server.store.CommentStore.Posted;
import dev.signoff.server.store.ShareLinkStore.ShareLink;

/**
 * Posting a comment: the store keeps it, and a comment with vocabulary words queues its words job
 * ({@link CommentWords}) in the same transaction, so a stored comment is never left unread, then
 * wakes this instance's workers.
 */
public final class CommentPosting {
    private final CommentStore comments;
    private final JobQueue jobs;
    private final Runnable wake;

    public CommentPosting(CommentStore comments, JobQueue jobs, Runnable wake) {
        this.comments = comments;
        this.jobs = jobs;
        this.wake = wake;
    }

    public Posted post(ShareLink link, NewComment c) {
        if (!CommentWords.hasWords(c.body())) return comments.add(link, c);
        Posted added = comments.addAwaitingReadings(link, c, (h, versionId, commentId) -> jobs.enqueue(h, JobQueue.WORDS, versionId, commentId));
        wake.run();
        return added;
    }
}
