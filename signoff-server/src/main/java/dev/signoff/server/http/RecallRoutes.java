package dev.signoff.server.http;

import dev.signoff.analysis.sections.Section;
import dev.signoff.server.ServerContext;
import dev.signoff.server.library.Library;
import dev.signoff.server.library.VersionImporter;
import dev.signoff.server.recall.VersionRecall;
import dev.signoff.server.revisions.ProjectHistory;
import dev.signoff.server.store.RecallStore;
import dev.signoff.server.store.RecallStore.VersionSession;
import dev.signoff.server.store.VersionStore.Version;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A version's DAW session and recall sheet, for the owner only (docs/server.md, "Recall sheet"):
 * attached with the session file as the body, read back as a {@code signoff.session/1}-shaped sheet
 * with the version's sections named by the session's markers. Plugin chains and file names are the
 * engineer's business: no route under a share link reaches them.
 */
public final class RecallRoutes implements RouteGroup {
    private final ServerContext ctx;
    private final Library library;
    private final VersionRecall recall;

    public RecallRoutes(ServerContext ctx, Library library) {
        this.ctx = ctx;
        this.library = library;
        this.recall = new VersionRecall(ctx.dataDir(), library.storage(), new RecallStore(ctx.db().jdbi(), ctx.clock()));
    }

    public VersionRecall recall() { return recall; }

    @Override public void register(JavalinConfig config) {
        config.routes.put("/api/versions/{id}/session", this::attach);
        config.routes.get("/api/versions/{id}/session", this::show);
    }

    /** PUT /api/versions/{id}/session?name=Song.rpp with the session file as the body. */
    private void attach(Context c) throws IOException {
        Path staged = library.importer().stagingFile();
        try (InputStream body = c.bodyInputStream()) {
            try {
                // Inside, so that a refused stranger still sending gets the refusal, not a broken connection.
                ctx.guards().owner(c);
                Version v = library.versions().require(c.pathParam("id"));
                String name = UploadRoutes.fileName(c.queryParam("name"), "name");
                if (c.req().getContentLengthLong() > VersionRecall.MAX_SESSION_BYTES) throw tooLarge(name);
                String sha;
                try {
                    sha = VersionImporter.copyHashing(body, staged, VersionRecall.MAX_SESSION_BYTES);
                } catch (VersionImporter.TooLarge e) {
                    throw tooLarge(name);
                }
                if (Files.size(staged) == 0) throw Problem.badRequest(name + ": the request has no body; send the session file's bytes");
                VersionSession s = recall.attach(v.id(), staged, name, sha);
                c.status(201).header("Cache-Control", "no-store").json(recall.sheet(s, sections(v)));
            } catch (Problem refused) {
                UploadRoutes.drain(body);
                throw refused;
            } catch (IOException e) {
                throw UploadRoutes.refusedForFullDisk(e, body);
            }
        } catch (VersionRecall.NotASession e) {
            throw Problem.unsupported(e.getMessage());
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    private void show(Context c) throws IOException {
        ctx.guards().owner(c);
        Version v = library.versions().require(c.pathParam("id"));
        VersionSession s = recall.store().find(v.id()).orElseThrow(() -> Problem.notFound("v" + v.number() + " has no session; attach one with PUT"));
        c.header("Cache-Control", "no-store").json(recall.sheet(s, sections(v)));
    }

    private List<Section> sections(Version v) {
        return ProjectHistory.sections(library.versions().reportJson(v.id()).orElse(null));
    }

    private static Problem tooLarge(String name) {
        return Problem.tooLarge(name + " is too large for a session file; this server accepts session files up to "
                + (VersionRecall.MAX_SESSION_BYTES >> 20) + " MB (a DAWproject with its audio embedded: export it with the audio as external files)");
    }
}
