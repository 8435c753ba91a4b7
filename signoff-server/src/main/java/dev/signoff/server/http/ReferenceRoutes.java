package dev.signoff.server.http;

import dev.signoff.server.ServerContext;
import dev.signoff.server.jobs.CommentWords;
import dev.signoff.server.library.Library;
import dev.signoff.server.library.VersionImporter;
import dev.signoff.server.references.ProjectReferences;
import dev.signoff.server.store.ProjectStore.Project;
import dev.signoff.server.store.ReferenceStore;
import dev.signoff.server.store.ReferenceStore.ProjectReference;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project's reference tracks, for the owner only (docs/server-api-feedback.md, "References"):
 * listed, added with the file as the body, removed. There is no route that serves their audio and
 * none under a share link: listeners never learn what the mix was compared with. Adding or removing
 * one reads the project's worded comments again against the new set.
 */
public final class ReferenceRoutes implements RouteGroup {
    private final ServerContext ctx;
    private final Library library;
    private final ProjectReferences references;

    public ReferenceRoutes(ServerContext ctx, Library library) {
        this.ctx = ctx;
        this.library = library;
        this.references = new ProjectReferences(ctx.dataDir(), new ReferenceStore(ctx.db().jdbi(), ctx.clock()));
    }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/api/projects/{id}/references", this::list);
        config.routes.put("/api/projects/{id}/references", this::add);
        config.routes.delete("/api/references/{id}", this::remove);
    }

    private void list(Context c) {
        ctx.guards().owner(c);
        Project p = library.projects().require(c.pathParam("id"));
        c.header("Cache-Control", "no-store").json(Map.of("references",
                references.store().forProject(p.id()).stream().map(ReferenceRoutes::json).toList()));
    }

    /** PUT /api/projects/{id}/references?name=ref.wav with the file as the body. */
    private void add(Context c) throws IOException {
        long limit = ctx.config().maxUploadBytes();
        Path staged = library.importer().stagingFile();
        try (InputStream body = c.bodyInputStream()) {
            try {
                ctx.guards().owner(c);
                Project p = library.projects().require(c.pathParam("id"));
                String name = UploadRoutes.fileName(c.queryParam("name"), "name");
                if (c.req().getContentLengthLong() > limit) throw tooLarge(name);
                String sha;
                try {
                    sha = VersionImporter.copyHashing(body, staged, limit);
                } catch (VersionImporter.TooLarge e) {
                    throw tooLarge(name);
                }
                if (Files.size(staged) == 0) throw Problem.badRequest(name + ": the request has no body; send the file's bytes");
                ProjectReference r = references.add(p.id(), staged, name, sha);
                readAgain(p.id());
                c.status(201).json(json(r));
            } catch (IOException e) {
                throw UploadRoutes.refusedForFullDisk(e, body);
            }
        } catch (ProjectReferences.NotAudio e) {
            throw Problem.unsupported(e.getMessage());
        } catch (ReferenceStore.SameFile | ReferenceStore.Full e) {
            throw Problem.conflict(e.getMessage());
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private void remove(Context c) throws IOException {
        ctx.guards().owner(c);
        ProjectReference r = references.store().find(c.pathParam("id")).orElseThrow(() -> Problem.notFound("no such reference"));
        if (references.remove(r)) readAgain(r.projectId());
        c.status(204);
    }

    private void readAgain(String projectId) {
        int queued = ctx.db().jdbi().inTransaction(h -> CommentWords.readAgain(h, library.jobs(), projectId));
        if (queued > 0) library.workers().wake();
    }

    private Problem tooLarge(String name) {
        return Problem.tooLarge(name + " is too large; this server accepts files up to " + (ctx.config().maxUploadBytes() >> 20)
                + " MB (serve --max-upload-mb)");
    }

    static Map<String, Object> json(ProjectReference r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", r.id());
        o.put("file_name", r.fileName());
        o.put("format", r.format());
        o.put("size_bytes", r.sizeBytes());
        o.put("duration_s", Math.round(r.durationS() * 100) / 100.0);
        o.put("created_at", r.createdAt());
        return o;
    }
}
