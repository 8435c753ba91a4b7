package dev.signoff.server.references;

import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.references.Reference;
import dev.signoff.analysis.revisions.FeedbackTranslator;
import dev.signoff.audio.AudioFileException;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.storage.AudioFormat;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.ReferenceStore;
import dev.signoff.server.store.ReferenceStore.ProjectReference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A project's reference tracks as files and measurements: added from a staged upload (measured
 * first, which proves it is audio, then moved into references/&lt;project&gt;/ and recorded), removed,
 * and measured for the feedback words ({@link dev.signoff.server.jobs.CommentWords}) with the same
 * measures `signoff words --ref` takes. Measurements are kept for the last few references read:
 * comments come in bursts, and decoding a reference again for each would double every reading.
 */
public final class ProjectReferences {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectReferences.class);
    static final int CACHED = 2 * ReferenceStore.MAX_PER_PROJECT;

    /** The upload is not audio Signoff can measure. */
    public static final class NotAudio extends Exception {
        NotAudio(String message) {
            super(message, null, false, false);
        }
    }

    private final DataDirectory dir;
    private final ReferenceStore store;
    private final Map<String, Measurements> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Measurements> eldest) {
            return size() > CACHED;
        }
    };

    public ProjectReferences(DataDirectory dir, ReferenceStore store) {
        this.dir = dir;
        this.store = store;
    }

    public ReferenceStore store() { return store; }

    /**
     * Adds a file staged in uploads/ (consumed: moved into references/, or deleted when refused).
     * Throws {@link NotAudio}, or the store's {@link ReferenceStore.SameFile} and {@link ReferenceStore.Full}.
     *
     * @param fileName the name the client gave it: shown, never used as a path
     */
    public ProjectReference add(String projectId, Path staged, String fileName, String sha256) throws NotAudio, IOException {
        boolean moved = false;
        try {
            Measurements m;
            try {
                m = measure(staged);
            } catch (AudioFileException e) {
                throw new NotAudio(e.getMessage().replace(staged.getFileName().toString(), fileName));
            }
            if (!(m.durationS() > 0) || !Double.isFinite(m.loudness().integratedLufs()))
                throw new NotAudio(fileName + ": silent or empty; a reference needs music to be measured");
            AudioFormat format = AudioFormat.ofDecoder(m.info().format());
            String id = Ids.newId();
            Path target = dir.references().resolve(projectId).resolve(id + "." + format.extension());
            Files.createDirectories(target.getParent());
            long size = Files.size(staged);
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
            try {
                return store.insert(id, projectId, fileName, dir.relativize(target), format.id(), size, sha256, m.durationS());
            } catch (RuntimeException e) {
                Files.deleteIfExists(target);
                throw e;
            }
        } finally {
            if (!moved) Files.deleteIfExists(staged);
        }
    }

    /** Removes a reference and its file; false when it was gone already. */
    public boolean remove(ProjectReference r) throws IOException {
        if (!store.remove(r.id())) return false;
        synchronized (cache) {
            cache.remove(r.id());
        }
        Files.deleteIfExists(dir.resolve(r.audioPath()));
        return true;
    }

    /** The project's references, measured (a file that no longer decodes is left out: the others still count). */
    public List<Reference> measured(String projectId) throws IOException {
        List<Reference> out = new ArrayList<>();
        for (ProjectReference r : store.forProject(projectId)) {
            Path file = dir.resolve(r.audioPath());
            Measurements m;
            synchronized (cache) {
                m = cache.get(r.id());
            }
            if (m == null) {
                try {
                    m = measure(file);
                } catch (AudioFileException | java.nio.file.NoSuchFileException e) {
                    LOG.warn("reference {} ({}) of project {} left out of the readings: {}", r.id(), r.fileName(), projectId, e.getMessage());
                    continue;
                }
                synchronized (cache) {
                    cache.put(r.id(), m);
                }
            }
            out.add(new Reference(file, m));
        }
        return out;
    }

    private static Measurements measure(Path file) throws IOException {
        return MeasurementPlan.of(FeedbackTranslator.MEASURES).measure(file, (i, f) -> { });
    }
}
