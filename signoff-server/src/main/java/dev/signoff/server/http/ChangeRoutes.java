package dev.signoff.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.analysis.revisions.Conflicts;
import dev.signoff.analysis.revisions.RevisionItem;
import dev.signoff.analysis.sections.Section;
import dev.signoff.server.ServerContext;
import dev.signoff.server.library.Library;
import dev.signoff.server.recall.VersionRecall;
import dev.signoff.server.revisions.ProjectHistory;
import dev.signoff.server.store.ChangeStore;
import dev.signoff.server.store.ProjectStore.Project;
import dev.signoff.server.store.RecallStore;
import dev.signoff.server.store.RevisionStore;
import dev.signoff.server.store.VersionStore.Version;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Between versions (owner only): what changed from the version before with the scope check
 * (stored by the analysis job), the "let it go" meter over the project, and the conflicting
 * requests within each round. docs/server-api-revisions.md.
 */
public final class ChangeRoutes implements RouteGroup {
    private final ServerContext ctx;
    private final Library library;
    private final RevisionStore revisions;
    private final RecallStore recalls;
    private final ObjectMapper json = new ObjectMapper();

    public ChangeRoutes(ServerContext ctx, Library library) {
        this.ctx = ctx;
        this.library = library;
        this.revisions = new RevisionStore(ctx.db().jdbi(), ctx.clock());
        this.recalls = new RecallStore(ctx.db().jdbi(), ctx.clock());
    }

    @Override public void register(JavalinConfig config) {
        config.routes.get("/api/versions/{id}/changes", this::changes);
        config.routes.get("/api/projects/{id}/history", this::history);
        config.routes.get("/api/projects/{id}/conflicts", this::conflicts);
    }

    private void changes(Context c) throws IOException {
        ctx.guards().owner(c);
        Version v = library.versions().require(c.pathParam("id"));
        ChangeStore.Stored s = library.changes().find(v.id()).orElseThrow(() -> Problem.notFound("no such version"));
        if (!s.done()) throw Problem.notFound("v" + v.number() + " has not been compared with the version before"
                + (s.fromVersionId() == null && v.status().id().equals("ready") ? " (it is the first, or the comparison is still running)" : " yet (" + v.status().id() + ")"));
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("version_id", v.id());
        o.put("version_number", v.number());
        Version from = library.versions().find(s.fromVersionId()).orElse(null);
        o.put("from_version_id", s.fromVersionId());
        o.put("from_version_number", from == null ? null : from.number());
        o.put("jnd", s.jnd());
        o.put("error", s.error());
        o.put("diff", s.diffJson() == null ? null : json.readTree(s.diffJson()));
        c.header("Cache-Control", "no-store").json(o);
    }

    private void history(Context c) {
        ctx.guards().owner(c);
        Project p = library.projects().require(c.pathParam("id"));
        ProjectHistory.Reading r = ProjectHistory.read(library.versions(), library.changes(), p.id());
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("project_id", p.id());
        o.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
        o.put("message", r.message());
        o.put("jnd_threshold", 1.0);
        o.put("recent_steps", dev.signoff.analysis.history.LetItGoMeter.RECENT);
        List<Map<String, Object>> versions = new ArrayList<>();
        for (ProjectHistory.Step s : r.steps()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version_id", s.version().id());
            v.put("number", s.version().number());
            v.put("label", s.version().label());
            v.put("file_name", s.version().fileName());
            v.put("jnd", s.jnd() == null ? null : Math.round(s.jnd() * 100) / 100.0);
            v.put("changes", s.changes());
            v.put("audible_changes", s.audibleChanges());
            v.put("largest", s.largest());
            v.put("error", s.error());
            v.put("pending", s.pending());
            versions.add(v);
        }
        o.put("versions", versions);
        if (r.latest() == null) {
            o.put("latest", null);
        } else {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("version_id", r.latest().id());
            l.put("number", r.latest().number());
            l.put("problems", r.latest().problems());
            l.put("warnings", r.latest().warnings());
            l.put("notes", r.latest().notes());
            l.put("problem_codes", r.problemCodes());
            o.put("latest", l);
        }
        c.header("Cache-Control", "no-store").json(o);
    }

    /**
     * Per round, the requests that pull against each other (Conflicts.find with the round's version's
     * sections, named by its DAW session's markers when it has one).
     */
    private void conflicts(Context c) throws IOException {
        ctx.guards().owner(c);
        Project p = library.projects().require(c.pathParam("id"));
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (RevisionStore.Round round : revisions.forProject(p.id()).rounds()) {
            Map<RevisionItem, RevisionStore.Item> byItem = new IdentityHashMap<>();
            List<RevisionItem> items = new ArrayList<>();
            for (RevisionStore.Item i : round.items()) {
                if (i.status().equals("declined")) continue;
                RevisionItem ri = new RevisionItem(i.body(), i.startS(), i.endS());
                byItem.put(ri, i);
                items.add(ri);
            }
            String report = round.versionId() == null ? null : library.versions().reportJson(round.versionId()).orElse(null);
            List<Section> sections = ProjectHistory.sections(report);
            Optional<RecallStore.VersionSession> session = round.versionId() == null ? Optional.empty() : recalls.find(round.versionId());
            Map<Section, String> markerNames = session.isPresent() ? VersionRecall.markerNames(session.get(), sections) : Map.of();
            List<Map<String, Object>> found = new ArrayList<>();
            for (Conflicts.Conflict k : Conflicts.find(items, sections, markerNames)) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("dimension", k.dimension());
                e.put("message", k.message());
                e.put("first", item(byItem.get(k.first().item())));
                e.put("second", item(byItem.get(k.second().item())));
                found.add(e);
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("round_id", round.id());
            r.put("number", round.number());
            r.put("version_id", round.versionId());
            r.put("version_number", round.versionNumber());
            r.put("conflicts", found);
            rounds.add(r);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("project_id", p.id());
        o.put("rounds", rounds);
        c.header("Cache-Control", "no-store").json(o);
    }

    private static Map<String, Object> item(RevisionStore.Item i) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (i == null) return o;
        o.put("item_id", i.id());
        o.put("author", i.author());
        o.put("body", i.body());
        o.put("start_s", i.startS());
        o.put("end_s", i.endS());
        o.put("status", i.status());
        return o;
    }
}
