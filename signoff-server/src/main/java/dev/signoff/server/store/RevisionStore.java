package dev.signoff.server.store;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Revision items and rounds. Every comment that reaches the engineer is an item (open, done or
 * declined, with a reply). A round groups what one person or one band sent back together: a
 * person's comments on a version gather in their round for that version as they write them; a
 * band's collated notes become one round when a member sends them. The project compares the
 * rounds used with the rounds in the deal: a round of revisions is the engineer's, one version's
 * feedback answered by the next, so the rounds used are the versions feedback was about, however
 * many people sent it. It flags a round whose list has more than
 * {@value #SUGGEST_CALL_AFTER} items: a list that long is better talked through in a call or a
 * studio visit than answered note by note.
 */
public final class RevisionStore {
    public static final int SUGGEST_CALL_AFTER = 4;
    public static final List<String> STATUSES = List.of("open", "done", "declined");
    public static final int MAX_REPLY = 2000;
    /** A comment pinned to one moment covers a little either side: people pin a touch early or late. */
    private static final double MOMENT_S = 2.0;

    /**
     * One requested change, with the comment it came from. {@code sameMoment}: other people's items about an
     * overlapping stretch of the same version. {@code readings}: the comment's vocabulary words measured at its
     * time (a JSON array, docs/server-api-feedback.md), null while they are being read.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(String id, String commentId, String roundId, String linkId, String versionId, int versionNumber,
                       double startS, Double endS, String author, String body, String status, String reply,
                       long createdAt, long updatedAt, List<String> sameMoment, JsonNode readings) {
        Item withSameMoment(List<String> ids) {
            return new Item(id, commentId, roundId, linkId, versionId, versionNumber, startS, endS, author, body,
                    status, reply, createdAt, updatedAt, List.copyOf(ids), readings);
        }
    }

    /**
     * A round with its items; {@code versionId} is the (newest) version the feedback is about;
     * {@code number} counts what was sent, {@code revisionRound} the revision round it belongs to
     * (the rank of its version among those feedback was about).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Round(String id, int number, int revisionRound, String linkId, String linkLabel, String audience, String versionId,
                        Integer versionNumber, String sentBy, long createdAt, int open, int done, int declined,
                        boolean suggestCall, List<Item> items) {}

    /** A band link whose members have notes not sent yet. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Collating(String linkId, String linkLabel, int notes) {}

    /** The engineer's view of a project's revision loop. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Revisions(String projectId, int roundsAgreed, int roundsUsed, int suggestCallAfter,
                            String finalVersionId, List<Round> rounds, List<Collating> collating) {}

    /** A round as the listener who sent it sees it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LinkRound(String id, int number, String versionId, Integer versionNumber, String sentBy,
                            long createdAt, int items, int open, boolean suggestCall) {}

    /** An item after the engineer changed it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ItemState(String id, String status, String reply, long updatedAt) {}

    private static final RowMapper<Item> ITEM = (rs, ctx) -> {
        double end = rs.getDouble(8);
        Double endS = rs.wasNull() ? null : end;
        return new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                rs.getDouble(7), endS, rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getLong(13), rs.getLong(14), List.of(), CommentStore.readings(rs.getString(15)));
    };
    private static final RowMapper<LinkRound> LINK_ROUND = (rs, ctx) -> {
        int version = rs.getInt(4);
        Integer versionNumber = rs.wasNull() ? null : version;
        int items = rs.getInt(7);
        return new LinkRound(rs.getString(1), rs.getInt(2), rs.getString(3), versionNumber, rs.getString(5),
                rs.getLong(6), items, rs.getInt(8), suggestsCall(items));
    };
    private static final String LINK_ROUNDS = """
            SELECT r.id, r.number, r.version_id, v.number, r.sent_by, r.created_at, COUNT(i.id),
                   SUM(CASE WHEN i.status = 'open' THEN 1 ELSE 0 END)
            FROM rounds r
            LEFT JOIN versions v ON v.id = r.version_id
            LEFT JOIN revision_items i ON i.round_id = r.id
            """;
    private static final String LINK_ROUNDS_GROUP = " GROUP BY r.id, r.number, r.version_id, v.number, r.sent_by, r.created_at ORDER BY r.number";

    private final Jdbi jdbi;
    private final Clock clock;
    private final FeedbackNotices notices;

    public RevisionStore(Jdbi jdbi, Clock clock) {
        this(jdbi, clock, FeedbackNotices.NONE);
    }

    /** A band's round sent owes the engineer an email when {@code notices} say so. */
    public RevisionStore(Jdbi jdbi, Clock clock, FeedbackNotices notices) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.notices = notices;
    }

    /** True when a list of {@code items} is long enough to suggest a call or a studio visit instead. */
    public static boolean suggestsCall(int items) { return items > SUGGEST_CALL_AFTER; }

    /**
     * Files a person's new comment as an open item in their round for {@code version}, starting
     * that round with their first comment on it. Runs inside the comment's transaction.
     */
    static void fileInPersonRound(Handle h, ShareLink link, VersionRef version, String commentId, String author, long now) {
        String roundId = h.createQuery("SELECT id FROM rounds WHERE link_id = :l AND version_id = :v ORDER BY number DESC")
                .bind("l", link.id()).bind("v", version.id()).mapTo(String.class).findFirst()
                .orElseGet(() -> newRound(h, link, version.id(), author, now));
        insertItem(h, link.projectId(), commentId, roundId, now);
    }

    /** Sends all of a band link's unsent notes to the engineer as one round of items. */
    public LinkRound sendNotes(ShareLink link, String sentBy) {
        if (link.audience() != Audience.BAND)
            throw StoreRefusal.conflict("comments from this link reach the engineer as they are written; there is nothing to send");
        return jdbi.inTransaction(h -> {
            long now = clock.millis();
            ProjectRevisions.touch(h, link.projectId(), now);
            ApprovalStore.refuseOnceFinal(h, ProjectRef.require(h, link.projectId()));
            record Note(String commentId, String versionId, int versionNumber) {}
            List<Note> notes = h.createQuery("""
                            SELECT c.id, c.version_id, v.number FROM comments c
                            JOIN versions v ON v.id = c.version_id
                            LEFT JOIN revision_items i ON i.comment_id = c.id
                            WHERE c.link_id = :l AND i.id IS NULL
                            ORDER BY c.created_at""")
                    .bind("l", link.id()).map((rs, ctx) -> new Note(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
            if (notes.isEmpty()) throw StoreRefusal.conflict("there are no unsent notes to send");
            Note newest = notes.stream().max(Comparator.comparingInt(Note::versionNumber)).orElseThrow();
            String roundId = newRound(h, link, newest.versionId(), sentBy, now);
            for (Note n : notes) insertItem(h, link.projectId(), n.commentId(), roundId, now);
            notices.round(h, link, roundId, newest.versionId(), now);
            return h.createQuery(LINK_ROUNDS + " WHERE r.id = :r" + LINK_ROUNDS_GROUP).bind("r", roundId).map(LINK_ROUND).one();
        });
    }

    /** The rounds sent through {@code linkId}, oldest first. */
    public List<LinkRound> forLink(String linkId) {
        return jdbi.withHandle(h -> h.createQuery(LINK_ROUNDS + " WHERE r.link_id = :l" + LINK_ROUNDS_GROUP)
                .bind("l", linkId).map(LINK_ROUND).list());
    }

    /** The project's rounds (newest first) with their items, the rounds agreed and used, and bands still collating. */
    public Revisions forProject(String projectId) {
        return jdbi.withHandle(h -> {
            ProjectRef project = ProjectRef.require(h, projectId);
            record RoundRow(String id, int number, String linkId, String linkLabel, String audience, String versionId,
                            Integer versionNumber, String sentBy, long createdAt) {}
            List<RoundRow> roundRows = h.createQuery("""
                            SELECT r.id, r.number, r.link_id, l.label, l.audience, r.version_id, v.number, r.sent_by, r.created_at
                            FROM rounds r
                            LEFT JOIN share_links l ON l.id = r.link_id
                            LEFT JOIN versions v ON v.id = r.version_id
                            WHERE r.project_id = :p ORDER BY r.number DESC""")
                    .bind("p", projectId).map((rs, ctx) -> {
                        int v = rs.getInt(7);
                        Integer versionNumber = rs.wasNull() ? null : v;
                        return new RoundRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), versionNumber, rs.getString(8), rs.getLong(9));
                    }).list();
            List<Item> items = withSameMoment(h.createQuery("""
                            SELECT i.id, i.comment_id, i.round_id, c.link_id, c.version_id, v.number, c.start_s, c.end_s,
                                   c.author, c.body, i.status, i.reply, c.created_at, i.updated_at, c.readings_json
                            FROM revision_items i
                            JOIN comments c ON c.id = i.comment_id
                            JOIN versions v ON v.id = c.version_id
                            WHERE i.project_id = :p ORDER BY v.number, c.start_s, c.created_at""")
                    .bind("p", projectId).map(ITEM).list());
            Map<String, List<Item>> byRound = new LinkedHashMap<>();
            for (Item i : items) byRound.computeIfAbsent(i.roundId(), k -> new ArrayList<>()).add(i);
            List<String> revised = roundRows.stream().sorted(Comparator.comparing(RoundRow::versionNumber, Comparator.nullsLast(Comparator.naturalOrder())))
                    .map(RoundRow::versionId).distinct().toList();
            List<Round> rounds = roundRows.stream().map(r -> {
                List<Item> its = byRound.getOrDefault(r.id(), List.of());
                return new Round(r.id(), r.number(), revised.indexOf(r.versionId()) + 1, r.linkId(), r.linkLabel(), r.audience(), r.versionId(), r.versionNumber(),
                        r.sentBy(), r.createdAt(), count(its, "open"), count(its, "done"), count(its, "declined"),
                        suggestsCall(its.size()), its);
            }).toList();
            List<Collating> collating = h.createQuery("""
                            SELECT l.id, l.label, COUNT(c.id) FROM comments c
                            JOIN share_links l ON l.id = c.link_id
                            LEFT JOIN revision_items i ON i.comment_id = c.id
                            WHERE c.project_id = :p AND i.id IS NULL
                            GROUP BY l.id, l.label ORDER BY l.label""")
                    .bind("p", projectId).map((rs, ctx) -> new Collating(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
            return new Revisions(projectId, project.roundsAgreed(), revised.size(), SUGGEST_CALL_AFTER,
                    project.finalVersionId(), rounds, collating);
        });
    }

    /** The engineer's answer to an item: a new status, a reply, or both (null leaves a field as it is). */
    public ItemState update(String itemId, String status, String reply) {
        if (status != null && !STATUSES.contains(status))
            throw StoreRefusal.invalid("'status' must be one of " + String.join(", ", STATUSES));
        return jdbi.inTransaction(h -> {
            long now = clock.millis();
            record Current(String projectId, String status, String reply) {}
            Current current = h.createQuery("SELECT project_id, status, reply FROM revision_items WHERE id = :id")
                    .bind("id", itemId).map((rs, ctx) -> new Current(rs.getString(1), rs.getString(2), rs.getString(3)))
                    .findOne().orElseThrow(() -> StoreRefusal.notFound("no such revision item"));
            ProjectRevisions.touch(h, current.projectId(), now);
            ItemState next = new ItemState(itemId, status == null ? current.status() : status,
                    reply == null ? current.reply() : reply, now);
            h.createUpdate("UPDATE revision_items SET status = :s, reply = :r, updated_at = :now WHERE id = :id")
                    .bind("s", next.status()).bind("r", next.reply()).bind("now", now).bind("id", itemId).execute();
            return next;
        });
    }

    private static String newRound(Handle h, ShareLink link, String versionId, String sentBy, long now) {
        String id = Ids.newId();
        int number = h.createQuery("SELECT COALESCE(MAX(number), 0) + 1 FROM rounds WHERE project_id = :p")
                .bind("p", link.projectId()).mapTo(Integer.class).one();
        h.createUpdate("INSERT INTO rounds (id, project_id, number, link_id, version_id, sent_by, created_at) VALUES (:id, :p, :n, :l, :v, :by, :now)")
                .bind("id", id).bind("p", link.projectId()).bind("n", number).bind("l", link.id()).bind("v", versionId)
                .bind("by", sentBy).bind("now", now).execute();
        return id;
    }

    private static void insertItem(Handle h, String projectId, String commentId, String roundId, long now) {
        h.createUpdate("INSERT INTO revision_items (id, project_id, comment_id, round_id, status, reply, updated_at) VALUES (:id, :p, :c, :r, 'open', '', :now)")
                .bind("id", Ids.newId()).bind("p", projectId).bind("c", commentId).bind("r", roundId).bind("now", now).execute();
    }

    private static int count(List<Item> items, String status) {
        return (int) items.stream().filter(i -> i.status().equals(status)).count();
    }

    /**
     * Marks items on the same version whose stretches overlap but that come from different people
     * (another link, or another member of the band): requests that may pull in opposite directions
     * and are best read side by side.
     */
    static List<Item> withSameMoment(List<Item> items) {
        List<Item> out = new ArrayList<>(items.size());
        for (Item a : items) {
            List<String> same = new ArrayList<>();
            for (Item b : items) {
                if (a == b || !a.versionId().equals(b.versionId()) || sameVoice(a, b)) continue;
                if (from(a) <= to(b) && from(b) <= to(a)) same.add(b.id());
            }
            out.add(same.isEmpty() ? a : a.withSameMoment(same));
        }
        return out;
    }

    private static boolean sameVoice(Item a, Item b) {
        return Objects.equals(a.linkId(), b.linkId()) && a.author().strip().equalsIgnoreCase(b.author().strip());
    }

    private static double from(Item i) { return i.endS() == null ? i.startS() - MOMENT_S : i.startS(); }

    private static double to(Item i) { return i.endS() == null ? i.startS() + MOMENT_S : i.endS(); }
}
