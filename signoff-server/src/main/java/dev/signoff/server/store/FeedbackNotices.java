package dev.signoff.server.store;

import dev.signoff.server.store.ShareLinkStore.ShareLink;
import org.jdbi.v3.core.Handle;

/**
 * The emails owed to the engineer for feedback, written inside the transaction that stores the
 * feedback (notify.Notices puts them in the outbox). Declared here so the stores need not know mail.
 */
public interface FeedbackNotices {
    /** Owes nothing: for stores used where no email is sent. */
    FeedbackNotices NONE = new FeedbackNotices() {
        @Override public void comment(Handle h, ShareLink link, String versionId, String commentId, long now) { }
        @Override public void round(Handle h, ShareLink link, String roundId, String versionId, long now) { }
        @Override public void approval(Handle h, ShareLink link, String approvalId, String versionId, long now) { }
    };

    /** A person's comment. */
    void comment(Handle h, ShareLink link, String versionId, String commentId, long now);

    /** A band sent its collated notes as a round. */
    void round(Handle h, ShareLink link, String roundId, String versionId, long now);

    void approval(Handle h, ShareLink link, String approvalId, String versionId, long now);
}
