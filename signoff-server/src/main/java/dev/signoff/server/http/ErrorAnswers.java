package dev.signoff.server.http;

import dev.signoff.server.auth.AccessRefusal;
import dev.signoff.server.storage.StorageUnavailable;
import dev.signoff.server.store.DiskFull;
import dev.signoff.server.store.StoreRefusal;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;

/**
 * The one place where what goes wrong becomes an HTTP answer, {@code {"error": message}}: the
 * routes' {@link Problem}s as they are, the stores' and the guards' refusals by their reason, a full
 * disk as a 507, an unreachable object store as a 503, anything else as a logged 500 with a generic message.
 */
public final class ErrorAnswers implements RouteGroup {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    @Override public void register(JavalinConfig cfg) {
        cfg.routes.exception(Problem.class, (e, ctx) -> answer(ctx, e));
        cfg.routes.exception(StoreRefusal.class, (e, ctx) -> answer(ctx, problem(e)));
        cfg.routes.exception(AccessRefusal.class, (e, ctx) -> answer(ctx, problem(e)));
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
            readRestOfBody(ctx);
            ctx.status(e.getStatus()).json(Map.of("error", e.getMessage()));
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            readRestOfBody(ctx);
            if (DiskFull.causedBy(e)) {
                LOG.warn("{} {} refused: the disk is full ({})", ctx.method(), ctx.path(), e.toString());
                answer(ctx, Problem.diskFull());
                return;
            }
            if (StorageUnavailable.causedBy(e)) {
                LOG.warn("{} {} refused: {}", ctx.method(), ctx.path(), e.toString());
                ctx.status(503).header("Retry-After", "10").json(Map.of("error", StorageUnavailable.MESSAGE));
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(Map.of("error", "the server failed to handle this request; it has been logged"));
        });
    }

    public static Problem problem(StoreRefusal e) {
        return switch (e.reason()) {
            case NOT_FOUND -> Problem.notFound(e.getMessage());
            case CONFLICT -> Problem.conflict(e.getMessage());
            case INVALID -> Problem.badRequest(e.getMessage());
            case TOO_MANY -> Problem.tooManyRequests(e.getMessage());
        };
    }

    public static Problem problem(AccessRefusal e) {
        return switch (e.reason()) {
            case SIGN_IN -> Problem.unauthorized(e.getMessage());
            case FORBIDDEN -> Problem.forbidden(e.getMessage());
            case NOT_FOUND -> Problem.notFound(e.getMessage());
            case TOO_MANY -> Problem.tooManyRequests(e.getMessage());
        };
    }

    private static void answer(Context ctx, Problem p) {
        readRestOfBody(ctx);
        ctx.status(p.status()).json(Map.of("error", p.getMessage()));
    }

    /**
     * A request refused before its body was read (a guard, a filter, a bad header) is still being
     * sent: its body is read (up to {@link UploadRoutes#DRAIN_LIMIT}) so that the client reads the
     * refusal instead of a connection closed under it. A no-op once the body has been read.
     */
    private static void readRestOfBody(Context ctx) {
        try {
            UploadRoutes.drain(ctx.req().getInputStream());
        } catch (IOException | RuntimeException e) {
            // the client went away, or the body was read another way: nothing left to protect
        }
    }
}
