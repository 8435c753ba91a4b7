package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.auth.Guards.ShareGrant;
import dev.signoff.server.jobs.JobQueue;
import dev.signoff.server.library.Library;
import dev.signoff.server.recall.VersionRecall;
import dev.signoff.server.store.ProjectStore;
import dev.signoff.server.store.ProjectStore.Project;
import dev.signoff.server.store.RecallStore;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.store.VersionStore.Version;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;

/**
 * Projects and their versions: the owner's dashboard and project page, the listening page's view
 * of its one project, and removing a version that was uploaded by mistake.
 */
public final class ProjectRoutes implements RouteGroup {
    static final int MAX_NAME = 200;
    static final int MAX_ROUNDS = 50;

    private final ServerContext ctx;
    private final Library library;
    private final VersionRecall recall;

    public ProjectRoutes(ServerContext ctx, Library library) {
        this.ctx = ctx;
        this.library = library;
        this.recall = new VersionRecall(ctx.dataDir(), library.storage(), new RecallStore(ctx.db().jdbi(), ctx.clock()));
    }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/api/projects", this::list);
        config.routes.post("/api/projects", this::create);
        config.routes.get("/api/projects/{id}", this::show);
        config.routes.get("/api/versions/{id}/report", this::report);
        config.routes.delete("/api/versions/{id}", this::remove);
        config.routes.post("/api/versions/{id}/analyse", this::analyseAgain);
        config.routes.get("/s/{token}/api/project", this::shared);
    }

    private void list(Context c) {
        ctx.guards().owner(c);
        c.header("Cache-Control", "no-store").json(library.projects().list().stream().map(LibraryJson::summary).toList());
    }

    private void create(Context c) {
        ctx.guards().owner(c);
        JsonBody body = JsonBody.of(c, ctx.json());
        String name = PlainText.name(body, "name", MAX_NAME);
        String artist = PlainText.optionalName(body, "artist", MAX_NAME);
        Double rounds = body.number("rounds_agreed");
        if (rounds != null && (rounds != Math.floor(rounds) || rounds < 0 || rounds > MAX_ROUNDS))
            throw Problem.badRequest("'rounds_agreed' must be a whole number from 0 to " + MAX_ROUNDS);
        try {
            Project p = library.projects().create(name, artist == null ? "" : artist, rounds == null ? 3 : rounds.intValue());
            c.status(201).json(LibraryJson.project(p, java.util.List.of()));
        } catch (ProjectStore.DuplicateName e) {
            throw Problem.conflict(e.getMessage());
        }
    }

    private void show(Context c) {
        ctx.guards().owner(c);
        Project p = library.projects().require(c.pathParam("id"));
        c.header("Cache-Control", "no-store").json(LibraryJson.project(p, library.versions().forProject(p.id())));
    }

    private void shared(Context c) {
        ShareGrant grant = ctx.guards().share(c);
        Project p = library.projects().require(grant.projectId());
        c.header("Cache-Control", "no-store").json(LibraryJson.sharedProject(p, library.versions().forProject(p.id()),
                "/s/" + grant.link().token() + "/api", grant.link().canDownload()));
    }

    /** The full check report (signoff.check/1, docs/json-schema.md) once the analysis is done. */
    private void report(Context c) {
        ctx.guards().owner(c);
        Version v = library.versions().require(c.pathParam("id"));
        String report = library.versions().reportJson(v.id()).orElse(null);
        if (report == null) throw Problem.notFound("v" + v.number() + " has no report yet (" + v.status().id() + ")");
        c.header("Cache-Control", "no-store").contentType("application/json").result(report);
    }

    /** A failed analysis runs again, from its first attempt (the owner fixed what the error named). */
    private void analyseAgain(Context c) {
        ctx.guards().owner(c);
        Version v = library.versions().require(c.pathParam("id"));
        boolean queued = ctx.db().jdbi().inTransaction(h -> {
            if (!library.versions().requeueFailed(h, v.id())) return false;
            library.jobs().enqueue(h, JobQueue.ANALYSE, v.id());
            return true;
        });
        if (!queued) {
            Version now = library.versions().require(v.id());
            throw Problem.conflict("v" + now.number() + (now.status() == VersionStore.Status.READY ? " is already analysed" : " is being analysed")
                    + "; only a failed analysis can be started again");
        }
        library.workers().wake();
        c.status(202).json(LibraryJson.version(library.versions().require(v.id())));
    }

    private void remove(Context c) throws IOException {
        ctx.guards().owner(c);
        Version v = library.versions().require(c.pathParam("id"));
        String refusal = library.versions().remove(v);
        if (refusal != null) throw Problem.conflict(refusal);
        ctx.caches().changed();   // no instance streams it any more, before its file goes
        library.storage().delete(v.audioPath());
        if (v.waveformPath() != null) library.storage().delete(v.waveformPath());
        if (v.previewPath() != null) library.storage().delete(v.previewPath());
        recall.forget(v.id());
        c.status(204);
    }
}
