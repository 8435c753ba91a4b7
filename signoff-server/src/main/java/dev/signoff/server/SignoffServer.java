package dev.signoff.server;

import dev.signoff.server.http.ApprovalRoutes;
import dev.signoff.server.http.AudioRoutes;
import dev.signoff.server.http.AuthRoutes;
import dev.signoff.server.http.ChangeRoutes;
import dev.signoff.server.http.CommentRoutes;
import dev.signoff.server.http.ErrorAnswers;
import dev.signoff.server.http.EventRoutes;
import dev.signoff.server.http.HostCheck;
import dev.signoff.server.http.ListeningRoutes;
import dev.signoff.server.http.NotificationRoutes;
import dev.signoff.server.http.OwnerOrigin;
import dev.signoff.server.http.PageRoutes;
import dev.signoff.server.http.ProjectRoutes;
import dev.signoff.server.http.RecallRoutes;
import dev.signoff.server.http.ReferenceRoutes;
import dev.signoff.server.http.RevisionRoutes;
import dev.signoff.server.http.RouteGroup;
import dev.signoff.server.http.SecurityHeaders;
import dev.signoff.server.http.ShareRoutes;
import dev.signoff.server.http.ShareSessionRoutes;
import dev.signoff.server.http.ShareTokenThrottle;
import dev.signoff.server.http.UploadRoutes;
import dev.signoff.server.library.Library;
import dev.signoff.server.notify.MailSender;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.storage.FolderStorage;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.Database;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The review server: one process serving the owner's pages, the share links' listening pages and
 * their APIs, plus background services (analysis jobs, live-update watchers). Stateless apart from
 * the database and the data directory, so several can run side by side on one PostgreSQL.
 */
public final class SignoffServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignoffServer.class);

    private final ServerContext context;
    private final Javalin app;
    private final List<BackgroundService> services;
    private final Optional<String> setupToken;
    private final MediaStorage storage;

    private SignoffServer(ServerContext context, Javalin app, List<BackgroundService> services, Optional<String> setupToken, MediaStorage storage) {
        this.context = context;
        this.storage = storage;
        this.app = app;
        this.services = services;
        this.setupToken = setupToken;
    }

    public static SignoffServer start(ServerConfig config, Clock clock) {
        return start(config, clock, PreviewEncoder.onPath());
    }

    /** As above, with listening previews made by {@code previews} (the ffmpeg found on PATH, or none). */
    public static SignoffServer start(ServerConfig config, Clock clock, PreviewEncoder previews) {
        return start(config, clock, previews, new FolderStorage(config.dataDir()));
    }

    /** As above, keeping the versions' files in {@code storage}, which the server closes when it stops. */
    public static SignoffServer start(ServerConfig config, Clock clock, PreviewEncoder previews, MediaStorage storage) {
        if (!previews.available() && config.analysisWorkers() > 0)
            LOG.warn("ffmpeg is not on PATH: versions get no listening preview, and links without downloads cannot play them (apt-get install ffmpeg)");
        Database db = Database.open(config.databaseUrl(), config.dataDir().sqliteFile());
        try {
            ServerContext context = ServerContext.create(config, db, clock);
            Library library = Library.create(config.dataDir(), storage, db.jdbi(), clock, config.analysisWorkers(), Library.JOB_LEASE, previews);
            ShareTokenThrottle throttle = new ShareTokenThrottle(context);
            AudioRoutes audio = new AudioRoutes(context, library);
            OwnerOrigin ownerOrigin = new OwnerOrigin(context);
            List<RouteGroup> groups = List.of(new ErrorAnswers(), new SecurityHeaders(), new HostCheck(config), throttle, new PageRoutes(), new AuthRoutes(context),
                    new ShareRoutes(context), new ShareSessionRoutes(context),
                    new ProjectRoutes(context, library), new UploadRoutes(context, library), new ReferenceRoutes(context, library), new RecallRoutes(context, library), audio, new EventRoutes(context, library),
                    new CommentRoutes(context, library), new RevisionRoutes(context), new ApprovalRoutes(context), new ChangeRoutes(context, library),
                    new ListeningRoutes(context, ownerOrigin), new NotificationRoutes(context, ownerOrigin));
            List<BackgroundService> services = new ArrayList<>(List.of(context.caches()));
            services.addAll(library.services());
            if (config.mail() != null) services.add(new MailSender(db.jdbi(), clock, config.mail()));
            Javalin app = Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.http.maxRequestSize = 64L << 20;
                cfg.jetty.modifyServletContextHandler(handler -> handler.insertHandler(audio.fastPath(throttle)));
                cfg.staticFiles.add(files -> {
                    files.hostedPath = "/assets";
                    files.directory = "/web";
                    files.location = Location.CLASSPATH;
                });
                for (RouteGroup group : groups) group.register(cfg);
            });
            app.start(config.host(), config.port());
            for (BackgroundService s : services) s.start();
            Optional<String> token = context.owner().issueSetupToken();
            return new SignoffServer(context, app, services, token, storage);
        } catch (RuntimeException e) {
            db.close();
            storage.close();
            throw e;
        }
    }

    public int port() { return app.port(); }

    /** An HTTP route the server answers: its method and path pattern, e.g. GET /s/{token}/api/session. */
    public record Route(String method, String path) {}

    /** Every HTTP route registered, for tests that sweep them all (access checks, CSRF). */
    public List<Route> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> new Route(e.endpoint.method.name(), e.endpoint.path)).toList();
    }

    public ServerContext context() { return context; }

    /** The one-time token that lets the owner set a password (empty once set). */
    public Optional<String> setupToken() { return setupToken; }

    @Override public void close() {
        for (BackgroundService s : services) {
            try { s.close(); } catch (RuntimeException e) { LOG.warn("stopping {} failed", s, e); }
        }
        app.stop();
        context.db().close();
        storage.close();
    }
}
