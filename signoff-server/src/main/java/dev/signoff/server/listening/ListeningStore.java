package dev.signoff.server.listening;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.signoff.server.store.StoreRefusal;
import dev.signoff.server.notify.Notices;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.ProjectRef;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.store.VersionRef;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who listened, for the engineer: each listener (one browser's share session on one link) with when
 * they opened the link and, per version, how many plays, how many reached the end, the furthest point
 * and the time heard. The listening page reports; nothing here is shown to listeners, and no address
 * is stored.
 *
 * <p>Reports are believed only as far as they can be true: a play's time heard never exceeds the
 * wall-clock time since the play began (plus one report interval), its furthest point never the
 * version's length, and a listener's plays are capped.
 */
public final class ListeningStore {
    public static final int MAX_PLAYS_PER_LISTENER = 2000;
    /** A report may arrive this long after a play began without an earlier one (the page reports every ~10 s). */
    static final double FIRST_REPORT_SLACK_S = 15;
    /** Within this much of the end, a play counts as heard to the end (the last bars often fade into silence a player stops on). */
    static final double END_MARGIN_S = 1.0;

    /** What the page reports about one play. */
    public record PlayReport(String pagePlayId, String versionId, double furthestS, double heardS, boolean ended) {}

    /** One version as one listener heard it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record VersionListening(String versionId, int versionNumber, String versionLabel, double durationS, int plays,
                                   int playsToEnd, double furthestS, double heardS, long lastPlayedAt) {}

    /** One listener: {@code name} as they gave it on the page (null if they never did). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Listener(String linkId, String linkLabel, String audience, String name, String device,
                           long openedAt, long lastSeenAt, List<VersionListening> versions) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ProjectListening(String projectId, List<Listener> listeners) {}

    private final Jdbi jdbi;
    private final Clock clock;
    private final Notices notices;

    public ListeningStore(Jdbi jdbi, Clock clock, Notices notices) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.notices = notices;
    }

    /** The listener {@code listenerId} has the link's page open (the first time: they opened the link). */
    public void opened(ShareLink link, String listenerId, DeviceKind device, String name) {
        jdbi.useTransaction(h -> seen(h, link, listenerId, device, name, clock.millis()));
    }

    /** Records what the page reported about a play, creating the play on its first report. */
    public void played(ShareLink link, String listenerId, DeviceKind device, String name, PlayReport r) {
        if (r.furthestS() < 0 || r.heardS() < 0) throw StoreRefusal.invalid("'furthest_s' and 'heard_s' must be 0 or more");
        jdbi.useTransaction(h -> {
            long now = clock.millis();
            seen(h, link, listenerId, device, name, now);
            VersionRef version = VersionRef.require(h, link.projectId(), r.versionId());
            double furthest = Math.min(r.furthestS(), version.durationS());
            boolean toEnd = r.ended() || furthest >= version.durationS() - END_MARGIN_S;
            record Play(String id, String versionId, long startedAt, double heardS) {}
            var existing = h.createQuery("SELECT id, version_id, started_at, heard_s FROM plays WHERE listener_id = :l AND page_play_id = :p")
                    .bind("l", listenerId).bind("p", r.pagePlayId())
                    .map((rs, ctx) -> new Play(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getDouble(4))).findOne();
            if (existing.isEmpty()) {
                int plays = h.createQuery("SELECT COUNT(*) FROM plays WHERE listener_id = :l").bind("l", listenerId).mapTo(Integer.class).one();
                if (plays >= MAX_PLAYS_PER_LISTENER) throw StoreRefusal.tooMany("this page has reported too many plays");
                h.createUpdate("""
                                INSERT INTO plays (id, listener_id, page_play_id, version_id, started_at, updated_at, furthest_s, heard_s, reached_end)
                                VALUES (:id, :l, :p, :v, :now, :now, :furthest, :heard, :end)
                                ON CONFLICT (listener_id, page_play_id) DO NOTHING""")
                        .bind("id", Ids.newId()).bind("l", listenerId).bind("p", r.pagePlayId()).bind("v", version.id())
                        .bind("now", now).bind("furthest", furthest).bind("heard", Math.min(r.heardS(), FIRST_REPORT_SLACK_S))
                        .bind("end", toEnd ? 1 : 0).execute();
                return;
            }
            Play play = existing.get();
            if (!version.id().equals(play.versionId())) throw StoreRefusal.invalid("that play was of another version; start a new play");
            double possible = (now - play.startedAt()) / 1000.0 + FIRST_REPORT_SLACK_S;
            double heard = Math.max(play.heardS(), Math.min(r.heardS(), possible));
            h.createUpdate("""
                            UPDATE plays SET updated_at = :now, heard_s = :heard,
                                   furthest_s = CASE WHEN furthest_s > :furthest THEN furthest_s ELSE :furthest END,
                                   reached_end = CASE WHEN :end = 1 THEN 1 ELSE reached_end END
                            WHERE id = :id""")
                    .bind("now", now).bind("heard", heard).bind("furthest", furthest).bind("end", toEnd ? 1 : 0)
                    .bind("id", play.id()).execute();
        });
    }

    private void seen(Handle h, ShareLink link, String listenerId, DeviceKind device, String name, long now) {
        int inserted = h.createUpdate("""
                        INSERT INTO listeners (id, link_id, project_id, name, device, opened_at, last_seen_at)
                        VALUES (:id, :link, :p, :name, :device, :now, :now) ON CONFLICT (id) DO NOTHING""")
                .bind("id", listenerId).bind("link", link.id()).bind("p", link.projectId()).bind("name", name)
                .bind("device", device.label()).bind("now", now).execute();
        if (inserted == 0) {
            h.createUpdate("UPDATE listeners SET last_seen_at = :now, device = :device, name = COALESCE(:name, name) WHERE id = :id")
                    .bind("now", now).bind("device", device.label()).bind("name", name).bind("id", listenerId).execute();
            return;
        }
        int listeners = h.createQuery("SELECT COUNT(*) FROM listeners WHERE link_id = :link").bind("link", link.id()).mapTo(Integer.class).one();
        if (listeners == 1) notices.firstOpen(h, link, listenerId, now);
    }

    /** Everyone who opened one of the project's links, the most recently active first. */
    public ProjectListening forProject(String projectId) {
        return jdbi.withHandle(h -> {
            ProjectRef.require(h, projectId);
            Map<String, List<VersionListening>> byListener = new LinkedHashMap<>();
            h.createQuery("""
                            SELECT p.listener_id, v.id, v.number, v.label, v.duration_s, COUNT(*), SUM(p.reached_end),
                                   MAX(p.furthest_s), SUM(p.heard_s), MAX(p.updated_at)
                            FROM plays p
                            JOIN listeners l ON l.id = p.listener_id
                            JOIN versions v ON v.id = p.version_id
                            WHERE l.project_id = :p
                            GROUP BY p.listener_id, v.id, v.number, v.label, v.duration_s
                            ORDER BY v.number DESC""")
                    .bind("p", projectId)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), new VersionListening(rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getDouble(5), rs.getInt(6), rs.getInt(7), rs.getDouble(8), rs.getDouble(9), rs.getLong(10))))
                    .forEach(e -> byListener.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            List<Listener> listeners = h.createQuery("""
                            SELECT l.id, l.link_id, s.label, s.audience, l.name, l.device, l.opened_at, l.last_seen_at
                            FROM listeners l JOIN share_links s ON s.id = l.link_id
                            WHERE l.project_id = :p ORDER BY l.last_seen_at DESC""")
                    .bind("p", projectId)
                    .map((rs, ctx) -> new Listener(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getLong(7), rs.getLong(8), List.copyOf(byListener.getOrDefault(rs.getString(1), List.of()))))
                    .list();
            return new ProjectListening(projectId, listeners);
        });
    }
}
