package dev.signoff.server.auth;

import dev.signoff.server.store.ShareLinkStore.ShareLink;
import io.javalin.http.Context;

import static dev.signoff.server.auth.RateLimiter.perLink;

/**
 * Every browser that opens a share link without its cookie gets a session row that lives 90 days.
 * A script could otherwise fill the table from one address, so new sessions are budgeted through the
 * {@link RateLimiter} (rows in {@code attempts}, across instances): per client address on each link,
 * and per link from any address. A listener whose browser already has its session is never counted.
 */
public final class ShareSessionBudget {
    /** Per address and link: a person's devices, private windows and cleared cookies fit many times over. */
    public static final RateLimiter.Rule PER_ADDRESS = new RateLimiter.Rule("share-session", 20, "new listening sessions");
    /** Per link from any address: far above a band's or a label's audience opening one link. */
    public static final RateLimiter.Rule PER_LINK = new RateLimiter.Rule("share-session-any", 200, "new listening sessions");

    private final RateLimiter limiter;
    private final boolean trustProxy;

    public ShareSessionBudget(RateLimiter limiter, boolean trustProxy) {
        this.limiter = limiter;
        this.trustProxy = trustProxy;
    }

    /** Counts one new session for {@code link} from the request's address, or refuses (429 with Retry-After). */
    public void spend(Context ctx, ShareLink link) {
        String address = ClientAddress.of(ctx, trustProxy);
        limiter.attempt(ctx, new RateLimiter.Limit(PER_ADDRESS, link.id() + "@" + address, "from your address"), perLink(PER_LINK, link.id()));
    }
}
