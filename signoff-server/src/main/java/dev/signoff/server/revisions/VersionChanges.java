package dev.signoff.server.revisions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.analysis.diff.BounceSketch;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.diff.VersionDiff;
import dev.signoff.analysis.revisions.RevisionItem;
import dev.signoff.analysis.revisions.ScopeCheck;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.report.DiffJsonReport;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.ChangeStore;
import dev.signoff.server.store.VersionStore.Version;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Compares a version with the one before it ({@link VersionDiff} on the two stored files) and runs
 * the scope check against the revision items that were open when it was uploaded. The result is
 * stored by the analysis job; a comparison that cannot be made (different sample rates, a file
 * that no longer decodes) becomes a one-line reason and never fails the version.
 */
public final class VersionChanges {
    /** What to store for a version: the diff and its step in JNDs, or why there is none. */
    public record Outcome(String fromVersionId, String diffJson, Double jnd, String error) {}

    private final MediaStorage storage;
    private final ChangeStore changes;
    private final ObjectMapper json = new ObjectMapper();

    public VersionChanges(MediaStorage storage, ChangeStore changes) {
        this.storage = storage;
        this.changes = changes;
    }

    /** The comparison of {@code v} with the version before it; null when it is the project's first. */
    public Outcome compare(Version v) {
        return compare(v, null);
    }

    /**
     * As {@link #compare(Version)}, with {@code v}'s sketch already made in the pass that checked it
     * (null: sketched here); the version before's sketch is the one its own analysis kept (sketched
     * here only for a version analysed before sketches were kept), then both are read side by side.
     */
    public Outcome compare(Version v, BounceSketch sketched) {
        Version before = changes.previous(v).orElse(null);
        if (before == null) return null;
        Path[] files = new Path[2];
        try (MediaStorage.LocalCopy old = storage.local(before.audioPath());
             MediaStorage.LocalCopy now = sketched == null ? storage.local(v.audioPath()) : null) {
            files[0] = old.path();
            files[1] = now != null ? now.path() : sketched.file();
            DiffResult d = sketched == null ? VersionDiff.run(files[0], files[1]) : VersionDiff.run(sketchOf(before, files[0]), sketched);
            List<RevisionItem> items = changes.openItems(v.projectId(), v.createdAt()).stream()
                    .map(i -> new RevisionItem(i.body(), i.startS(), i.endS())).toList();
            ObjectNode o = DiffJsonReport.toJson(d, ScopeCheck.check(d, items));
            name(o.get("old"), before);
            name(o.get("new"), v);
            double jnd = d.largestAudibilityIndex();
            return new Outcome(before.id(), json.writeValueAsString(o), Double.isFinite(jnd) ? jnd : null, null);
        } catch (Exception e) {
            String error = oneLine(e);
            for (int i = 0; i < 2; i++) {
                if (files[i] == null) continue;
                String name = (i == 0 ? before : v).fileName();
                error = error.replace(files[i].toString(), name).replace(files[i].getFileName().toString(), name);
            }
            return new Outcome(before.id(), null, null, error);
        }
    }

    /** The sketch {@code v}'s analysis kept, with {@code file}'s format read from its header; else {@code file} decoded and sketched. */
    private BounceSketch sketchOf(Version v, Path file) throws IOException {
        Optional<ChangeStore.Sketch> kept = changes.sketch(v.id());
        if (kept.isEmpty()) return BounceSketch.of(file);
        ChangeStore.Sketch s = kept.get();
        try (AudioReader reader = AudioDecoders.open(file)) {
            return new BounceSketch(file, reader.info(), s.frames(), s.hopFrames(), s.flux(), s.levelDb());
        }
    }

    /** The stored file's server path is replaced by the name it was uploaded under, with the version's id and number. */
    private static void name(JsonNode node, Version v) {
        if (!(node instanceof ObjectNode o)) return;
        o.put("file", v.fileName());
        o.put("version_id", v.id());
        o.put("number", v.number());
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").trim();
        return "could not compare: " + (m.length() > 300 ? m.substring(0, 300) + "..." : m);
    }
}
