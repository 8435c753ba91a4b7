package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.auth.ClientAddress;
import dev.signoff.server.auth.Guards;
import dev.signoff.server.auth.RateLimiter;
import dev.signoff.server.store.SessionStore.Session;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.signoff.server.auth.Guards.OWNER_COOKIE;
import static dev.signoff.server.auth.RateLimiter.perAddress;

/**
 * The owner's sign-in: first-start setup (the token printed on the console plus a new password),
 * sign-in with the password, sign-out, password change, and the session probe pages use to get their
 * CSRF value. Wrong passwords and setup tokens are rate-limited per client address.
 */
public final class AuthRoutes implements RouteGroup {
    static final int MIN_PASSWORD = 8;
    private final ServerContext ctx;
    private final RateLimiter limiter;

    public AuthRoutes(ServerContext ctx) {
        this.ctx = ctx;
        this.limiter = new RateLimiter(ctx.db().jdbi(), ctx.clock());
    }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/api/session", this::session);
        config.routes.post("/api/setup", this::setup);
        config.routes.post("/api/login", this::login);
        config.routes.post("/api/logout", this::logout);
        config.routes.post("/api/password", this::changePassword);
    }

    private void session(Context c) {
        Map<String, Object> out = new LinkedHashMap<>();
        Session s = ctx.sessions().find(c.cookie(OWNER_COOKIE)).filter(Session::owner).orElse(null);
        out.put("owner", s != null);
        out.put("setup_needed", !ctx.owner().hasPassword());
        if (s != null) out.put("csrf", s.csrf());
        c.json(out);
    }

    private void setup(Context c) {
        Guards.requireSameOrigin(c);
        JsonBody body = JsonBody.of(c, ctx.json());
        String token = body.text("token", 100);
        String password = password(body, "password");
        RateLimiter.Attempt attempt = limiter.attempt(c, perAddress(RateLimiter.SETUP_TOKEN, address(c)));
        if (!ctx.owner().completeSetup(token, password))
            throw Problem.forbidden("that setup token is not the one printed by the server (or setup is already done)");
        attempt.succeeded();
        c.json(Map.of("csrf", ctx.guards().openOwnerSession(c).csrf()));
    }

    private void login(Context c) {
        Guards.requireSameOrigin(c);
        JsonBody body = JsonBody.of(c, ctx.json());
        String password = body.text("password", 200);
        RateLimiter.Attempt attempt = limiter.attempt(c, perAddress(RateLimiter.OWNER_PASSWORD, address(c)));
        if (!ctx.owner().passwordMatches(password)) throw Problem.unauthorized("wrong password");
        attempt.succeeded();
        c.json(Map.of("csrf", ctx.guards().openOwnerSession(c).csrf()));
    }

    private void logout(Context c) {
        ctx.guards().owner(c);
        ctx.guards().closeOwnerSession(c);
        c.status(204);
    }

    /**
     * A new password, given the current one. Every owner session ends (a stolen cookie stops working
     * too); this browser gets a fresh one.
     */
    private void changePassword(Context c) {
        ctx.guards().owner(c);
        JsonBody body = JsonBody.of(c, ctx.json());
        String current = body.text("current", 200);
        String password = password(body, "password");
        RateLimiter.Attempt attempt = limiter.attempt(c, perAddress(RateLimiter.OWNER_PASSWORD, address(c)));
        if (!ctx.owner().passwordMatches(current)) throw Problem.forbidden("the current password is not right");
        attempt.succeeded();
        ctx.owner().changePassword(password);
        c.json(Map.of("csrf", ctx.guards().openOwnerSession(c).csrf()));
    }

    private String address(Context c) { return ClientAddress.of(c, ctx.config().trustProxy()); }

    static String password(JsonBody body, String field) {
        String p = body.text(field, 200);
        if (p.length() < MIN_PASSWORD) throw Problem.badRequest("choose a password of at least " + MIN_PASSWORD + " characters");
        return p;
    }
}
