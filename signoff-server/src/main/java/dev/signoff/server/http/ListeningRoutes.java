package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.auth.Guards;
import dev.signoff.server.listening.DeviceKind;
import dev.signoff.server.listening.ListeningStore;
import dev.signoff.server.listening.ListeningStore.PlayReport;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who listened. Share side: the listening page's small reports (the page opened; a play's progress
 * every ~10 s and when it pauses, ends or the page goes away), under the same session and CSRF rules
 * as the other share writes, and limited per listener. Owner side: who opened the project's links and
 * what they played. The listener is their share session (a hash derived from its cookie): no address
 * and no User-Agent is stored, only the coarse kind of device.
 */
public final class ListeningRoutes implements RouteGroup {
    static final int MAX_REPORT_BYTES = 1024;
    /** Per listener: a burst of this many reports, then one a second on average (the page sends one per ~10 s). */
    static final int BURST = 12;
    static final long REFILL_MS = 1000;
    private static final int TRACKED_LISTENERS = 10_000;
    private static final Pattern PLAY_ID = Pattern.compile("[A-Za-z0-9_-]{8,40}");
    private static final Set<String> PLAY_EVENTS = Set.of("play", "progress", "pause", "ended", "leave");

    private final ServerContext ctx;
    private final ListeningStore listening;
    private final OwnerOrigin ownerOrigin;
    private final Map<String, long[]> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, long[]> e) { return size() > TRACKED_LISTENERS; }
    };

    public ListeningRoutes(ServerContext ctx, OwnerOrigin ownerOrigin) {
        this.ctx = ctx;
        this.listening = new ListeningStore(ctx.db().jdbi(), ctx.clock(), ctx.notices());
        this.ownerOrigin = ownerOrigin;
    }

    @Override public void register(JavalinConfig config) {
        config.routes.post("/s/{token}/api/listening", this::report);
        config.routes.get("/api/projects/{id}/listening", this::forProject);
    }

    private void report(Context c) {
        ShareLink link = ctx.guards().share(c).link();
        if (c.bodyAsBytes().length > MAX_REPORT_BYTES) throw Problem.tooLarge("a listening report is at most " + MAX_REPORT_BYTES + " bytes");
        String listener = Ids.sha256("listener:" + c.cookie(Guards.SHARE_COOKIE));
        if (!allowed(listener)) throw Problem.tooManyRequests("too many listening reports; slow down");
        JsonBody body = JsonBody.of(c, ctx.json());
        String event = body.text("event", 10);
        String name = PlainText.optionalName(body, "name", PlainText.MAX_NAME);
        if (name != null && name.isEmpty()) name = null;
        DeviceKind device = DeviceKind.of(c.userAgent(), body.flag("touch", false));
        if (event.equals("open")) {
            listening.opened(link, listener, device, name);
        } else if (PLAY_EVENTS.contains(event)) {
            String playId = body.text("play_id", 40);
            if (!PLAY_ID.matcher(playId).matches()) throw Problem.badRequest("'play_id' must be 8 to 40 letters, digits, '-' or '_'");
            Double furthest = body.number("furthest_s"), heard = body.number("heard_s");
            if (furthest == null || heard == null) throw Problem.badRequest("'furthest_s' and 'heard_s' are required");
            listening.played(link, listener, device, name,
                    new PlayReport(playId, body.text("version_id", 64), furthest, heard, event.equals("ended")));
        } else {
            throw Problem.badRequest("'event' must be open, play, progress, pause, ended or leave");
        }
        c.status(204);
    }

    /** A token bucket per listener, in this instance's memory (the limit is about load, not about secrets). */
    private boolean allowed(String listener) {
        long now = System.nanoTime() / 1_000_000;
        synchronized (buckets) {
            long[] b = buckets.computeIfAbsent(listener, k -> new long[]{BURST, now});
            long refilled = Math.min(BURST, b[0] + (now - b[1]) / REFILL_MS);
            if (refilled > b[0]) { b[0] = refilled; b[1] = now; }
            if (b[0] == 0) return false;
            b[0]--;
            return true;
        }
    }

    private void forProject(Context c) {
        ctx.guards().owner(c);
        ownerOrigin.remember(c);
        c.header("Cache-Control", "no-store").json(listening.forProject(c.pathParam("id")));
    }
}
