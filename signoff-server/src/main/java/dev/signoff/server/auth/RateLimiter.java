package dev.signoff.server.auth;

import dev.signoff.server.store.BriefCache;
import dev.signoff.server.store.Ids;
import io.javalin.http.Context;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Slows down guessing: wrong owner passwords, wrong link passwords, setup-token guesses and unknown
 * share tokens. Attempts are rows in the {@code attempts} table, so the limits hold across every
 * instance sharing the database. Past a rule's limit within its window the request gets a 429 with
 * Retry-After, before any password is even checked.
 *
 * <p>Password checks reserve their attempt before verifying ({@link #attempt}): PBKDF2 takes a while,
 * and counting only afterwards would let a burst of parallel guesses all pass the check. A right
 * answer takes back its own reservation and nothing else, so one client's success never resets
 * another's count.
 */
public final class RateLimiter {

    /** What is counted and how many are allowed per {@link #WINDOW}. {@code what} names it in the refusal message. */
    public record Rule(String name, int limit, String what) {}

    /** One rule applied to one subject: a client address, or a link id. */
    public record Limit(Rule rule, String key, String whose) {
        String subject() { return rule.name() + ":" + key; }
    }

    /** Every rule counts over the same sliding window, so pruning needs only one cutoff. */
    public static final Duration WINDOW = Duration.ofMinutes(15);
    public static final Rule OWNER_PASSWORD = new Rule("owner-password", 10, "wrong passwords");
    public static final Rule SETUP_TOKEN = new Rule("setup-token", 10, "wrong setup tokens");
    public static final Rule LINK_PASSWORD = new Rule("link-password", 10, "wrong passwords");
    /** Per link, across addresses: bounds guessing spread over many addresses (30 tries per 15 minutes). */
    public static final Rule LINK_PASSWORD_ANY_ADDRESS = new Rule("link-password-any", 30, "wrong passwords");
    public static final Rule SHARE_TOKEN = new Rule("share-token", 10, "links that do not work");

    /** An attempt counted in advance; {@link #succeeded} takes it back. */
    public final class Attempt {
        private final List<String> ids;

        private Attempt(List<String> ids) { this.ids = ids; }

        public void succeeded() {
            jdbi.useHandle(h -> {
                for (String id : ids) h.createUpdate("DELETE FROM attempts WHERE id = :id").bind("id", id).execute();
            });
        }
    }

    private final Jdbi jdbi;
    private final Clock clock;
    /** Limits found unused a moment ago: the token-guessing check runs on every share-link call. */
    private final BriefCache<String, Boolean> passed = new BriefCache<>();

    public RateLimiter(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A limit on the client's address: "from your address" in the message. */
    public static Limit perAddress(Rule rule, String address) { return new Limit(rule, address, "from your address"); }

    /** A limit on one share link, whoever tries it. */
    public static Limit perLink(Rule rule, String linkId) { return new Limit(rule, linkId, "for this link"); }

    /** Counts one attempt against every limit, or refuses (429) when any of them is used up. */
    public Attempt attempt(Context ctx, Limit... limits) {
        for (Limit limit : limits) passed.forget(limit.rule().name() + ":" + limit.key());
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            for (Limit limit : limits) refuseIfOver(ctx, h, limit, now);
            List<String> ids = new ArrayList<>();
            for (Limit limit : limits) ids.add(insert(h, limit, now));
            prune(h, now);
            return new Attempt(ids);
        });
    }

    /** Refuses (429) when {@code limit} is used up; counts nothing. */
    public void check(Context ctx, Limit limit) {
        String key = limit.rule().name() + ":" + limit.key();
        if (passed.peek(key) != null) return;
        long now = clock.millis();
        jdbi.useHandle(h -> refuseIfOver(ctx, h, limit, now));
        passed.put(key, Boolean.TRUE);
    }

    /** Whether {@code limit} was found unused a moment ago (no query: the listening fast path asks). */
    public boolean knownClear(Limit limit) {
        return passed.peek(limit.rule().name() + ":" + limit.key()) != null;
    }

    /** Counts one failure found after the fact (an unknown share token). */
    public void recordFailure(Limit limit) {
        passed.forget(limit.rule().name() + ":" + limit.key());
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            insert(h, limit, now);
            prune(h, now);
        });
    }

    private void refuseIfOver(Context ctx, Handle h, Limit limit, long now) {
        Rule rule = limit.rule();
        List<Long> times = h.createQuery("SELECT at FROM attempts WHERE subject = :s AND at > :since ORDER BY at")
                .bind("s", limit.subject()).bind("since", now - WINDOW.toMillis()).mapTo(Long.class).list();
        if (times.size() < rule.limit()) return;
        // Free again once enough of the counted attempts have left the window to go under the limit.
        long freeAt = times.get(times.size() - rule.limit()) + WINDOW.toMillis();
        long seconds = Math.max(1, (freeAt - now + 999) / 1000);
        ctx.header("Retry-After", Long.toString(seconds));
        throw new AccessRefusal(AccessRefusal.Reason.TOO_MANY, "too many " + rule.what() + " " + limit.whose() + "; try again in " + duration(seconds));
    }

    private static String insert(Handle h, Limit limit, long now) {
        String id = Ids.newId();
        h.createUpdate("INSERT INTO attempts (id, subject, at) VALUES (:id, :s, :at)")
                .bind("id", id).bind("s", limit.subject()).bind("at", now).execute();
        return id;
    }

    /** Attempts older than the window count for nothing any more. */
    private static void prune(Handle h, long now) {
        h.createUpdate("DELETE FROM attempts WHERE at <= :cutoff").bind("cutoff", now - WINDOW.toMillis()).execute();
    }

    static String duration(long seconds) {
        if (seconds < 60) return seconds + (seconds == 1 ? " second" : " seconds");
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
