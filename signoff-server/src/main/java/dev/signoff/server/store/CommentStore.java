package dev.signoff.server.store;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Comments pinned to a moment or a time range of one version, written through a share link. A
 * person's comment reaches the engineer at once as an open revision item; a band's comment is a
 * note the members collate until one of them sends the lot as a round ({@link RevisionStore#sendNotes}).
 * Bodies are stored exactly as written and only ever shown as text.
 */
public final class CommentStore {
    public static final int MAX_BODY = 2000;
    /** A browser's audio clock may run slightly past the length the decoder counted; times that close are the end. */
    private static final double END_SLACK_S = 0.5;

    /**
     * What a listener writes; {@code endS} is null for a comment pinned to one moment. {@code clientId}
     * is the page's own name for it (null from pages that send none): a repeat under the same name
     * through the same link is the same comment.
     */
    public record NewComment(String versionId, double startS, Double endS, String author, String body, String clientId) {}

    /** A comment as stored, and whether this post stored it ({@code created}) or found it stored by an earlier try. */
    public record Posted(Comment comment, boolean created) {}

    /**
     * A comment and where it stands: {@code status} is "unsent" for a band note not sent yet, else its
     * revision item's "open", "done" or "declined", with the engineer's {@code reply}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Comment(String id, String versionId, int versionNumber, double startS, Double endS,
                          String author, String body, long createdAt, String linkId, String linkLabel,
                          String audience, String itemId, Integer roundNumber, String status, String reply,
                          long updatedAt) {}

    private static final String SELECT = """
            SELECT c.id, c.version_id, v.number, c.start_s, c.end_s, c.author, c.body, c.created_at,
                   c.link_id, l.label, l.audience, i.id, r.number, i.status, i.reply, i.updated_at
            FROM comments c
            JOIN versions v ON v.id = c.version_id
            LEFT JOIN share_links l ON l.id = c.link_id
            LEFT JOIN revision_items i ON i.comment_id = c.id
            LEFT JOIN rounds r ON r.id = i.round_id
            """;
    private static final String ORDER = " ORDER BY v.number, c.start_s, c.created_at";
    private static final RowMapper<Comment> MAPPER = (rs, ctx) -> {
        double end = rs.getDouble(5);
        Double endS = rs.wasNull() ? null : end;
        int round = rs.getInt(13);
        Integer roundNumber = rs.wasNull() ? null : round;
        String status = rs.getString(14);
        long updated = rs.getLong(16);
        return new Comment(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getDouble(4), endS,
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), roundNumber, status == null ? "unsent" : status,
                rs.getString(15) == null ? "" : rs.getString(15), status == null ? rs.getLong(8) : updated);
    };

    /** A comment as the engineer sees it: with its {@code readings} (null while its words are being read). */
    public record ProjectComment(@JsonUnwrapped Comment comment, JsonNode readings) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final Clock clock;
    private final FeedbackNotices notices;

    public CommentStore(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, FeedbackNotices.NONE);
    }

    /** A person's comment owes the engineer an email when {@code notices} say so. */
    public CommentStore(Jdbi jdbi, Clock clock, FeedbackNotices notices) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.notices = notices;
    }

    /** Queues the reading of a new comment's words, in the transaction that stores the comment (jobs.CommentPosting). */
    @FunctionalInterface
    public interface WordsReading {
        void queue(Handle h, String versionId, String commentId);
    }

    /** Stored readings as JSON: null while not read yet. */
    public static JsonNode readings(String json) {
        if (json == null) return null;
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Stores {@code c} from {@code link}, with no vocabulary words to read (its readings: an empty list);
     * a person's comment becomes an open item in their round for that version.
     */
    public Posted add(ShareLink link, NewComment c) {
        return add(link, c, null);
    }

    /** As {@link #add(ShareLink, NewComment)}, with readings to come from the job {@code wordsReading} queues. */
    public Posted addAwaitingReadings(ShareLink link, NewComment c, WordsReading wordsReading) {
        return add(link, c, Objects.requireNonNull(wordsReading));
    }

    private Posted add(ShareLink link, NewComment c, WordsReading wordsReading) {
        boolean words = wordsReading != null;
        return jdbi.inTransaction(h -> {
            long now = clock.millis();
            // First, so concurrent feedback on one project queues here (a row lock on PostgreSQL).
            ProjectRevisions.touch(h, link.projectId(), now);
            // After the lock, so two tries of one comment cannot both miss the other; even once feedback has closed.
            if (c.clientId() != null) {
                var earlier = h.createQuery(SELECT + " WHERE c.link_id = :l AND c.client_id = :cid")
                        .bind("l", link.id()).bind("cid", c.clientId()).map(MAPPER).findOne();
                if (earlier.isPresent()) return new Posted(sameComment(earlier.get(), c), false);
            }
            ApprovalStore.refuseOnceFinal(h, ProjectRef.require(h, link.projectId()));
            VersionRef version = VersionRef.require(h, link.projectId(), c.versionId());
            double start = withinVersion(version, "start_s", c.startS());
            Double end = c.endS() == null ? null : withinVersion(version, "end_s", c.endS());
            if (end != null && end <= start) throw StoreRefusal.invalid("'end_s' must come after 'start_s'");
            String id = Ids.newId();
            // Readings: an empty list at once for a comment without a vocabulary word; otherwise the words job fills them in.
            h.createUpdate("INSERT INTO comments (id, project_id, version_id, link_id, author, body, start_s, end_s, created_at, readings_json, client_id) VALUES (:id, :p, :v, :l, :author, :body, :start, :end, :now, :readings, :cid)")
                    .bind("id", id).bind("p", link.projectId()).bind("v", version.id()).bind("l", link.id())
                    .bind("author", c.author()).bind("body", c.body()).bind("start", start).bind("end", end)
                    .bind("now", now).bind("readings", words ? null : "[]").bind("cid", c.clientId()).execute();
            if (words) wordsReading.queue(h, version.id(), id);
            if (link.audience() == Audience.PERSON) {
                RevisionStore.fileInPersonRound(h, link, version, id, c.author(), now);
                notices.comment(h, link, version.id(), id, now);
            }
            return new Posted(h.createQuery(SELECT + " WHERE c.id = :id").bind("id", id).map(MAPPER).one(), true);
        });
    }

    /** {@code stored}, when {@code repeat} is another try of it; a different comment under its client id is refused, not dropped. */
    private static Comment sameComment(Comment stored, NewComment repeat) {
        if (!stored.versionId().equals(repeat.versionId()) || !stored.body().equals(repeat.body()))
            throw StoreRefusal.conflict("that 'client_id' already names a different comment; a new comment needs a new 'client_id'");
        return stored;
    }

    /** Everything written through {@code link}: a person's own comments, or all of a band's notes. */
    public List<Comment> forLink(String linkId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE c.link_id = :l" + ORDER).bind("l", linkId).map(MAPPER).list());
    }

    /** Every comment on the project, for the engineer, with its readings. */
    public List<ProjectComment> forProject(String projectId) {
        return jdbi.withHandle(h -> {
            ProjectRef.require(h, projectId);
            String select = SELECT.replace("i.updated_at\n", "i.updated_at, c.readings_json\n");
            return h.createQuery(select + " WHERE c.project_id = :p" + ORDER).bind("p", projectId)
                    .map((rs, ctx) -> new ProjectComment(MAPPER.map(rs, ctx), readings(rs.getString(17)))).list();
        });
    }

    /** Removes a band note that has not been sent yet (members tidy their shared list before sending). */
    public void deleteUnsentNote(ShareLink link, String commentId) {
        if (link.audience() != Audience.BAND)
            throw StoreRefusal.conflict("your comments have already reached the engineer, so they stay; add a new one to change your mind");
        jdbi.useTransaction(h -> {
            ProjectRevisions.touch(h, link.projectId(), clock.millis());
            boolean ours = h.createQuery("SELECT COUNT(*) FROM comments WHERE id = :c AND link_id = :l")
                    .bind("c", commentId).bind("l", link.id()).mapTo(Integer.class).one() > 0;
            if (!ours) throw StoreRefusal.notFound("no such note");
            boolean sent = h.createQuery("SELECT COUNT(*) FROM revision_items WHERE comment_id = :c").bind("c", commentId).mapTo(Integer.class).one() > 0;
            if (sent) throw StoreRefusal.conflict("that note has been sent to the engineer, so it stays");
            h.createUpdate("DELETE FROM comments WHERE id = :c").bind("c", commentId).execute();
        });
    }

    /** {@code t} checked against the version's length (a hair past the end counts as the end). */
    private static double withinVersion(VersionRef v, String field, double t) {
        if (t >= 0 && t <= v.durationS()) return t;
        if (t > v.durationS() && t <= v.durationS() + END_SLACK_S) return v.durationS();
        throw StoreRefusal.invalid("'" + field + "' must be between 0:00 and " + minutesSeconds(v.durationS()) + ", the length of v" + v.number());
    }

    /** m:ss, as the pages show times. */
    private static String minutesSeconds(double seconds) {
        long s = (long) Math.floor(seconds);
        return s / 60 + ":" + String.format("%02d", s % 60);
    }
}
