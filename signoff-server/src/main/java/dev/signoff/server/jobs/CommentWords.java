package dev.signoff.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.diff.Hz;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.revisions.FeedbackTranslator;
import dev.signoff.analysis.revisions.FeedbackTranslator.Reading;
import dev.signoff.analysis.revisions.RequestParser;
import dev.signoff.analysis.revisions.RevisionItem;
import dev.signoff.analysis.revisions.Vocabulary;
import dev.signoff.analysis.revisions.WholePicture;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.references.ProjectReferences;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.ProjectRevisions;
import dev.signoff.server.store.ReferenceStore;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.store.VersionStore.Version;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Feedback translation on the server: a {@link JobQueue#WORDS} job reads one comment's vocabulary
 * words ({@link FeedbackTranslator}) against the measurements of its version's stored file and the
 * project's reference tracks ({@link ProjectReferences}), and stores the readings as JSON with the
 * comment, in one transaction with the job's completion.
 *
 * <p>Comments on one version come in bursts (a client going through the song), so the last
 * {@value #CACHED_VERSIONS} versions' {@link Measurements} are kept in memory: one decoding pass
 * serves the whole burst. A comment without any vocabulary word gets an empty list at once, when it
 * is posted ({@link #hasWords}), and never reaches the queue.
 */
public final class CommentWords {
    static final int CACHED_VERSIONS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Measures a stored file (a seam for tests). */
    interface Measurer {
        Measurements measure(Version v) throws IOException;
    }

    /** A project's reference tracks, measured ({@link ProjectReferences#measured}). */
    interface ReferenceSource {
        List<Reference> of(String projectId) throws IOException;
    }

    private final Jdbi jdbi;
    private final JobQueue queue;
    private final VersionStore versions;
    private final Measurer measurer;
    private final ReferenceSource references;
    private final Map<String, Measurements> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Measurements> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };
    private volatile int measured;

    public CommentWords(DataDirectory dir, MediaStorage storage, Jdbi jdbi, JobQueue queue, VersionStore versions) {
        this(jdbi, queue, versions, v -> {
            try (MediaStorage.LocalCopy audio = storage.local(v.audioPath())) {
                return MeasurementPlan.of(FeedbackTranslator.MEASURES).measure(audio.path(), (i, f) -> { });
            }
        }, new ProjectReferences(dir, new ReferenceStore(jdbi, queue.clock()))::measured);
    }

    CommentWords(Jdbi jdbi, JobQueue queue, VersionStore versions, Measurer measurer) {
        this(jdbi, queue, versions, measurer, projectId -> List.of());
    }

    CommentWords(Jdbi jdbi, JobQueue queue, VersionStore versions, Measurer measurer, ReferenceSource references) {
        this.jdbi = jdbi;
        this.queue = queue;
        this.versions = versions;
        this.measurer = measurer;
        this.references = references;
    }

    /** True when the text holds a word Signoff can put a number beside; otherwise its readings are an empty list. */
    public static boolean hasWords(String body) {
        return !RequestParser.builtIn().parse(RevisionItem.of(body)).words().isEmpty();
    }

    /** How many times a version's file was decoded and measured (the cache's misses). */
    int measured() { return measured; }

    private record CommentRow(String projectId, String versionId, String body, double startS, Double endS) {}

    /**
     * Runs one claimed words job to its end: done with the readings stored, failed for good (the
     * comment or version is gone, or the file no longer decodes), or back in the queue.
     * {@code lost} says the lease was taken over; nothing is stored then.
     */
    void run(JobQueue.Claim claim, BooleanSupplier lost) {
        Optional<CommentRow> comment = jdbi.withHandle(h -> h.createQuery(
                        "SELECT project_id, version_id, body, start_s, end_s FROM comments WHERE id = :c")
                .bind("c", claim.commentId()).map((rs, ctx) -> {
                    double end = rs.getDouble(5);
                    Double endS = rs.wasNull() ? null : end;
                    return new CommentRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4), endS);
                }).findOne());
        if (comment.isEmpty()) {   // a band note removed before it was read
            jdbi.useTransaction(h -> queue.fail(h, claim, "the comment was removed before its words were read"));
            return;
        }
        CommentRow c = comment.get();
        Version v = versions.find(c.versionId()).orElse(null);
        if (v == null) {
            jdbi.useTransaction(h -> queue.fail(h, claim, "the version was removed before the comment's words were read"));
            return;
        }
        if (claim.attempt() > JobQueue.MAX_ATTEMPTS) {
            jdbi.useTransaction(h -> queue.fail(h, claim, "reading the comment's words stopped " + JobQueue.MAX_ATTEMPTS + " times without finishing"));
            return;
        }
        try {
            Measurements m = measurements(v);
            List<Reference> refs = references.of(c.projectId());
            FeedbackTranslator.Translation t = FeedbackTranslator.translate(m, refs, new RevisionItem(c.body(), c.startS(), c.endS()));
            String readings = JSON.writeValueAsString(json(t.readings()));
            if (lost.getAsBoolean()) return;
            jdbi.useTransaction(h -> {
                if (!queue.complete(h, claim)) return;
                h.createUpdate("UPDATE comments SET readings_json = :r WHERE id = :c").bind("r", readings).bind("c", claim.commentId()).execute();
                ProjectRevisions.touch(h, c.projectId(), queue.clock().millis());   // open project pages show the readings
            });
        } catch (dev.signoff.audio.AudioFileException e) {
            jdbi.useTransaction(h -> queue.fail(h, claim, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            String error = "reading the comment's words failed: " + e;
            queue.retryOrFail(claim, error, h -> { });
        }
    }

    /**
     * Reads the project's worded comments again (a 'words' job each, in {@code h}'s transaction):
     * its references changed, and a reading states where the song stands against them. The old
     * readings stay shown until the new ones replace them. Returns how many were queued.
     */
    public static int readAgain(Handle h, JobQueue queue, String projectId) {
        List<Map.Entry<String, String>> worded = h.createQuery("SELECT id, version_id FROM comments WHERE project_id = :p "
                        + "AND readings_json IS NOT NULL AND readings_json <> '[]'")
                .bind("p", projectId).map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2))).list();
        for (Map.Entry<String, String> c : worded) queue.enqueue(h, JobQueue.WORDS, c.getValue(), c.getKey());
        return worded.size();
    }

    /** Keeps a version's measurements made elsewhere (its analysis) for the comments that follow. */
    public void remember(String versionId, Measurements m) {
        synchronized (cache) {
            cache.put(versionId, m);
        }
    }

    private Measurements measurements(Version v) throws IOException {
        synchronized (cache) {
            Measurements m = cache.get(v.id());
            if (m != null) return m;
        }
        Measurements m = measurer.measure(v);
        measured++;
        synchronized (cache) {
            cache.put(v.id(), m);
        }
        return m;
    }

    /** The readings as stored and served: docs/server-api-feedback.md, "Readings". */
    static ArrayNode json(List<Reading> readings) {
        ArrayNode out = JSON.createArrayNode();
        for (Reading r : readings) {
            ObjectNode o = out.addObject();
            o.put("word", r.word().name());
            o.put("meaning", r.word().meaning());
            o.put("measure", r.measure());
            o.put("unit", r.unit());
            number(o, "here", r.here());
            number(o, "rest", r.rest());
            number(o, "difference", r.difference());
            o.put("sentence", r.sentence());
            o.put("message", message(r));
            if (r.picture() != null) picture(o.putObject("picture"), r.picture());
        }
        return out;
    }

    private static void picture(ObjectNode o, WholePicture p) {
        o.put("figure", p.figure());
        o.put("measure", p.what());
        number(o, "here", p.hereDb());
        number(o, "song", p.songDb());
        number(o, "low", p.lowDb());
        number(o, "high", p.highDb());
        o.put("range", p.rangeSource());
        ArrayNode findings = o.putArray("findings");
        for (Finding f : p.findings()) {
            ObjectNode n = findings.addObject();
            n.put("code", f.code().name());
            number(n, "value", p.value(f));
            if (f.startS() != null) n.put("start_s", f.startS());
            n.put("message", f.message());
        }
        o.put("sentence", p.sentence());
    }

    /**
     * "muddy: 200-500 Hz is +2.1 dB here against the rest of the song", then the whole picture where
     * the band has one: "; the whole mix is harsh: HARSH_BUILDUP, +10.5 dB (the built-in range: up to +5.0 dB)".
     */
    static String message(Reading r) {
        WholePicture p = r.picture();
        if (p == null) return against(r);
        return against(r) + "; " + p.verdict() + " (" + p.rangeSource() + ": " + p.limits() + ")";
    }

    private static String against(Reading r) {
        Vocabulary.Entry e = r.word();
        String subject = e.measure() == Vocabulary.Measure.REGION && e.hasRange() ? Hz.range(e.loHz(), e.hiHz()) : r.measure();
        if (Double.isFinite(r.here()) && Double.isFinite(r.rest())) {
            double d = Math.abs(r.difference()) < 0.05 ? 0 : r.difference();
            if (e.measure() == Vocabulary.Measure.LEVEL)
                return String.format(Locale.ROOT, "%s: the level is %s %s here against the whole song's", e.name(), Clock.signedDb(d), r.unit());
            return String.format(Locale.ROOT, "%s: %s is %s %s here against the rest of the song", e.name(), subject, Clock.signedDb(d), r.unit());
        }
        String s = r.sentence();
        return e.name() + ": " + (s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1, s.endsWith(".") ? s.length() - 1 : s.length()));
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) o.put(field, Math.round(v * 100) / 100.0);
        else o.putNull(field);
    }
}
