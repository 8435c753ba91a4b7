package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.auth.ClientAddress;
import dev.signoff.server.auth.RateLimiter;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.signoff.server.auth.RateLimiter.perAddress;

/**
 * Token guessing: every 404 under /s/ whose token names no link at all counts against the client's
 * address (a revoked or expired link was real, so a listener reloading it is not guessing), and past
 * the limit every share-link API call from that address is refused (429) whether its token is right
 * or not, so a guesser cannot tell a hit from a miss. The listening page itself is a static shell and
 * always loads; its script then shows the refusal.
 */
public final class ShareTokenThrottle implements RouteGroup {
    private static final Pattern SHARE_PATH = Pattern.compile("^/s/([^/]+)(/.*)?$");
    private static final Pattern SHARE_API = Pattern.compile("^/s/[^/]+/api/.*");
    private final ServerContext ctx;
    private final RateLimiter limiter;

    public ShareTokenThrottle(ServerContext ctx) {
        this.ctx = ctx;
        this.limiter = new RateLimiter(ctx.db().jdbi(), ctx.clock());
    }

    @Override public void register(JavalinConfig config) {
        config.routes.before(c -> {
            if (SHARE_API.matcher(c.path()).matches()) limiter.check(c, limit(c));
        });
        config.routes.after(c -> {
            if (c.statusCode() != 404) return;
            Matcher m = SHARE_PATH.matcher(c.path());
            if (m.matches() && ctx.links().findByToken(m.group(1)).isEmpty())
                limiter.recordFailure(limit(c));
        });
    }

    private RateLimiter.Limit limit(Context c) {
        return perAddress(RateLimiter.SHARE_TOKEN, ClientAddress.of(c, ctx.config().trustProxy()));
    }

    /** Whether {@code address} was found clear of token guessing a moment ago (answered from memory). */
    boolean knownClear(String address) {
        return limiter.knownClear(perAddress(RateLimiter.SHARE_TOKEN, address));
    }
}
