package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.store.SessionStore.Session;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.signoff.server.auth.Guards.OWNER_COOKIE;

/**
 * The owner's sign-in: first-start setup (the token printed on the console plus a new password),
 * sign-in with the password, sign-out, and the session probe pages use to get their CSRF value.
 */
public final class AuthRoutes implements RouteGroup {
    static final int MIN_PASSWORD = 8;
    private final ServerContext ctx;

    public AuthRoutes(ServerContext ctx) { this.ctx = ctx; }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/api/session", this::session);
        config.routes.post("/api/setup", this::setup);
        config.routes.post("/api/login", this::login);
        config.routes.post("/api/logout", this::logout);
    }

    private void session(Context c) {
        Map<String, Object> out = new LinkedHashMap<>();
        Session s = ctx.sessions().find(c.cookie(OWNER_COOKIE)).filter(Session::owner).orElse(null);
        out.put("owner", s != null);
        out.put("setup_needed", !ctx.owner().hasPassword());
        if (s != null) out.put("csrf", s.csrf());
        c.header("Cache-Control", "no-store").json(out);
    }

    private void setup(Context c) {
        JsonBody body = JsonBody.of(c, ctx.json());
        String token = body.text("token", 100);
        String password = password(body);
        if (!ctx.owner().completeSetup(token, password))
            throw Problem.forbidden("that setup token is not the one printed by the server (or setup is already done)");
        c.json(Map.of("csrf", ctx.guards().openOwnerSession(c).csrf()));
    }

    private void login(Context c) {
        JsonBody body = JsonBody.of(c, ctx.json());
        if (!ctx.owner().passwordMatches(body.text("password", 200)))
            throw Problem.unauthorized("wrong password");
        c.json(Map.of("csrf", ctx.guards().openOwnerSession(c).csrf()));
    }

    private void logout(Context c) {
        ctx.guards().owner(c);
        ctx.guards().closeOwnerSession(c);
        c.status(204);
    }

    static String password(JsonBody body) {
        String p = body.text("password", 200);
        if (p.length() < MIN_PASSWORD) throw Problem.badRequest("choose a password of at least " + MIN_PASSWORD + " characters");
        return p;
    }
}
