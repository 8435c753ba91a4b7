package dev.signoff.server.notify;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The owner's notification choices: where emails go and which events send one (all of them until changed). */
public final class NotificationSettings {

    /** {@code email} null: the address given with --notify-to. {@code ownerOrigin}: where the engineer reaches the server. */
    public record Choice(String email, boolean onFeedback, boolean onApproval, boolean onFirstOpen, String ownerOrigin) {
        public boolean wants(Notices.Event event) {
            return switch (event) {
                case FEEDBACK -> onFeedback;
                case APPROVAL -> onApproval;
                case FIRST_OPEN -> onFirstOpen;
            };
        }
    }

    static final Choice DEFAULT = new Choice(null, true, true, true, null);

    private final Jdbi jdbi;

    public NotificationSettings(Jdbi jdbi) { this.jdbi = jdbi; }

    public Choice get() { return jdbi.withHandle(NotificationSettings::read); }

    static Choice read(Handle h) {
        return h.createQuery("SELECT email, on_feedback, on_approval, on_first_open, owner_origin FROM notification_settings WHERE id = 1")
                .map((rs, ctx) -> new Choice(rs.getString(1), rs.getInt(2) == 1, rs.getInt(3) == 1, rs.getInt(4) == 1, rs.getString(5)))
                .findOne().orElse(DEFAULT);
    }

    /** Saves the owner's choices (the origin stays as it is). */
    public Choice save(String email, boolean onFeedback, boolean onApproval, boolean onFirstOpen) {
        return jdbi.inTransaction(h -> {
            ensureRow(h);
            h.createUpdate("UPDATE notification_settings SET email = :e, on_feedback = :f, on_approval = :a, on_first_open = :o WHERE id = 1")
                    .bind("e", email).bind("f", onFeedback ? 1 : 0).bind("a", onApproval ? 1 : 0).bind("o", onFirstOpen ? 1 : 0).execute();
            return read(h);
        });
    }

    /** Remembers {@code origin} (scheme://host[:port]) as the engineer's address for the server, for the links in emails. */
    public void rememberOrigin(String origin) {
        jdbi.useTransaction(h -> {
            ensureRow(h);
            h.createUpdate("UPDATE notification_settings SET owner_origin = :o WHERE id = 1 AND (owner_origin IS NULL OR owner_origin <> :o)")
                    .bind("o", origin).execute();
        });
    }

    private static void ensureRow(Handle h) {
        h.createUpdate("INSERT INTO notification_settings (id) VALUES (1) ON CONFLICT (id) DO NOTHING").execute();
    }
}
