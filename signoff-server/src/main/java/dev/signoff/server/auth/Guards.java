package dev.signoff.server.auth;

import dev.signoff.server.store.SessionStore;
import dev.signoff.server.store.SessionStore.Session;
import dev.signoff.server.store.ShareLinkStore;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Who may do what. Every owner route calls {@link #owner}, every share route {@link #share}; both
 * refuse a state-changing request (anything but GET/HEAD) unless it carries the session's CSRF value
 * in {@value #CSRF_HEADER} and, when the browser names an Origin, comes from this server's own.
 *
 * <p>Cookies are HttpOnly and SameSite=Strict; they are Secure whenever the browser treats the
 * origin as secure (HTTPS, or loopback), so they still work for a phone opening the plain-HTTP LAN
 * address (see the README on putting the server behind TLS for the internet).
 */
public final class Guards {
    public static final String OWNER_COOKIE = "signoff_owner";
    public static final String SHARE_COOKIE = "signoff_share";
    public static final String CSRF_HEADER = "X-Signoff-CSRF";
    public static final Duration OWNER_SESSION = Duration.ofDays(30);
    public static final Duration SHARE_SESSION = Duration.ofDays(90);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** An owner request that passed the checks. */
    public record OwnerSession(String csrf) {}

    /** A share-link request that passed the checks: the link, hence the one project it may touch. */
    public record ShareGrant(ShareLink link, String csrf) {
        public String projectId() { return link.projectId(); }
    }

    private final SessionStore sessions;
    private final ShareLinkStore links;
    private final Clock clock;
    private final ShareSessionBudget shareSessionBudget;

    public Guards(SessionStore sessions, ShareLinkStore links, Clock clock, ShareSessionBudget shareSessionBudget) {
        this.sessions = sessions;
        this.links = links;
        this.clock = clock;
        this.shareSessionBudget = shareSessionBudget;
    }

    public OwnerSession owner(Context ctx) {
        Session s = sessions.find(ctx.cookie(OWNER_COOKIE)).filter(Session::owner)
                .orElseThrow(() -> new AccessRefusal(AccessRefusal.Reason.SIGN_IN, "sign in first"));
        checkWrite(ctx, s.csrf());
        return new OwnerSession(s.csrf());
    }

    /**
     * The share link named by the {@code token} path parameter. Unknown, revoked and expired links
     * all answer the same 404, so a guess learns nothing. A link with a password needs the share
     * session its unlock made; a link without one gets a session on first use.
     */
    public ShareGrant share(Context ctx) {
        ShareLink link = usableLink(ctx.pathParam("token"));
        Session s = sessions.find(ctx.cookie(SHARE_COOKIE)).filter(x -> link.id().equals(x.linkId())).orElse(null);
        if (s == null) {
            if (link.hasPassword()) throw new AccessRefusal(AccessRefusal.Reason.SIGN_IN, "this link needs its password");
            if (!SAFE_METHODS.contains(ctx.method().name())) throw new AccessRefusal(AccessRefusal.Reason.FORBIDDEN, "open the link's page first");
            return new ShareGrant(link, openShareSession(ctx, link).csrf());
        }
        checkWrite(ctx, s.csrf());
        return new ShareGrant(link, s.csrf());
    }

    /** The link for {@code token} if it works right now; 404 otherwise. */
    public ShareLink usableLink(String token) {
        return links.findByToken(token).filter(l -> l.usableAt(clock.millis()))
                .orElseThrow(() -> new AccessRefusal(AccessRefusal.Reason.NOT_FOUND, "this link does not work any more; ask the engineer for a new one"));
    }

    public SessionStore.Issued openOwnerSession(Context ctx) {
        var issued = sessions.open("owner", null, OWNER_SESSION);
        setCookie(ctx, OWNER_COOKIE, issued.cookie(), "/", OWNER_SESSION);
        return issued;
    }

    public SessionStore.Issued openShareSession(Context ctx, ShareLink link) {
        shareSessionBudget.spend(ctx, link);
        var issued = sessions.open("share", link.id(), SHARE_SESSION);
        setCookie(ctx, SHARE_COOKIE, issued.cookie(), "/s/" + link.token(), SHARE_SESSION);
        return issued;
    }

    public void closeOwnerSession(Context ctx) {
        sessions.close(ctx.cookie(OWNER_COOKIE));
        setCookie(ctx, OWNER_COOKIE, "", "/", Duration.ZERO);
    }

    private void checkWrite(Context ctx, String csrf) {
        if (SAFE_METHODS.contains(ctx.method().name())) return;
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null || !java.security.MessageDigest.isEqual(sent.getBytes(), csrf.getBytes()))
            throw new AccessRefusal(AccessRefusal.Reason.FORBIDDEN, "missing or wrong CSRF token; reload the page");
        requireSameOrigin(ctx);
    }

    /**
     * Refuses a request whose browser names another origin (scheme, host and port) as its Origin, or
     * an opaque one ("null": a sandboxed frame or a file): a page on plain http must not write to the
     * https site of the same name. Also guards the writes that come before any session exists
     * (sign-in, setup, unlocking a link), which have no CSRF value yet.
     */
    public static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin != null) {
            String host = ctx.header("Host");
            if (host == null || !origin.equalsIgnoreCase(scheme(ctx) + "://" + host))
                throw new AccessRefusal(AccessRefusal.Reason.FORBIDDEN, "request from another site refused");
        }
    }

    /**
     * The scheme the browser used: a TLS proxy's X-Forwarded-Proto, else the connection's. A page
     * cannot set that header on a request to another origin without a CORS preflight, which this
     * server never grants, so a cross-site request cannot claim https.
     */
    private static String scheme(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        if (forwarded != null && !forwarded.isBlank()) return forwarded.split(",")[0].strip();
        return ctx.scheme();
    }

    private static void setCookie(Context ctx, String name, String value, String path, Duration maxAge) {
        Cookie cookie = new Cookie(name, value, path, (int) maxAge.toSeconds(), secureOrigin(ctx), true, null, SameSite.STRICT);
        ctx.cookie(cookie);
    }

    /** Browsers keep Secure cookies only from secure origins: HTTPS or loopback. */
    static boolean secureOrigin(Context ctx) {
        String proto = ctx.header("X-Forwarded-Proto");
        if ("https".equalsIgnoreCase(proto) || ctx.scheme().equals("https")) return true;
        String host = ctx.host() == null ? "" : ctx.host().replaceFirst(":\\d+$", "");
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
    }
}
