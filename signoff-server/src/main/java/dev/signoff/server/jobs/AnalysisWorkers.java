package dev.signoff.server.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.analysis.Analyser;
import dev.signoff.analysis.AnalysisPipeline;
import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.MeasurementPlan;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MixCheck;
import dev.signoff.analysis.diff.BounceSketch;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.vocal.VocalChoice;
import dev.signoff.analysis.waveform.WaveformPeaks;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioFileException;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.StreamInfo;
import dev.signoff.report.FileOutcome;
import dev.signoff.report.JsonReport;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.BackgroundService;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.revisions.VersionChanges;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.ChangeStore;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.store.VersionStore.Version;
import dev.signoff.server.waveform.PeaksFile;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This instance's analysis threads. Each claims 'analyse' jobs from the shared {@link JobQueue}
 * and decodes the stored file once, in a pass built from the {@link MeasurementPlan} of a check
 * that also feeds the waveform's zoom levels and the sketch the comparison lines versions up by.
 * The waveform and loudness are stored as soon as the pass ends, so the owner can play the version,
 * loudness-matched; the check's JSON report, loudness, true peak and finding counts then mark it
 * ready together with the comparison with the version before it ({@link VersionChanges}: the diff,
 * the scope check and the step in JNDs; the version before lined up by the sketch its own analysis
 * kept, then both read side by side), and its 'preview' job is queued in the same transaction: ffmpeg's encoding
 * ({@link PreviewEncoder}) costs more CPU than the whole analysis, so it follows 'ready' instead of
 * holding it back, and share links list the version once its preview is made. They also run 'words'
 * jobs ({@link CommentWords}: a comment's vocabulary words measured against its version) and
 * 'compare' jobs (a comparison alone, for versions from before comparisons). Idle threads poll the queue every
 * {@link #POLL_MS} ms; a job queued by this instance wakes them at once.
 */
public final class AnalysisWorkers implements BackgroundService {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisWorkers.class);
    static final long POLL_MS = 1000;
    /** A version's note once an analysis cut short by a server stopping (or killed) is queued to start again. */
    static final String RESTARTED = "the analysis started again after the server restarted";
    /** Worker names: {@code pid@host-instance-thread}, so a server can tell which ones ran in a process that is gone. */
    private static final Pattern WORKER = Pattern.compile("^(\\d+)@(.+)-(.{6})-\\d+$");
    /** The instances running in this process (tests run several side by side in one JVM). */
    private static final Set<String> LIVE_INSTANCES = ConcurrentHashMap.newKeySet();
    /** The pass of a plain check: no references, no devices. */
    private static final MeasurementPlan CHECK = MeasurementPlan.forCheck(List.of());

    private final DataDirectory dir;
    private final MediaStorage storage;
    private final Jdbi jdbi;
    private final JobQueue queue;
    private final VersionStore versions;
    private final int threads;
    private final ChangeStore changeStore;
    private final VersionChanges changes;
    private final CommentWords words;
    private final PreviewEncoder previews;
    private final ObjectMapper json = new ObjectMapper();
    private final Object wakeUp = new Object();
    private final List<Thread> running = new ArrayList<>();
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "-" + dev.signoff.server.store.Ids.token().substring(0, 6);
    private volatile boolean stopping;
    private ScheduledExecutorService leases;

    public AnalysisWorkers(DataDirectory dir, MediaStorage storage, Jdbi jdbi, JobQueue queue, VersionStore versions, ChangeStore changeStore,
                           PreviewEncoder previews, int threads) {
        this.dir = dir;
        this.storage = storage;
        this.previews = previews;
        this.jdbi = jdbi;
        this.queue = queue;
        this.versions = versions;
        this.threads = threads;
        this.changeStore = changeStore;
        this.changes = new VersionChanges(storage, changeStore);
        this.words = new CommentWords(dir, storage, jdbi, queue, versions);
    }

    /** The feedback-translation jobs' runner (and its cache of recent versions' measurements). */
    public CommentWords words() { return words; }

    @Override public void start() {
        LIVE_INSTANCES.add(instance);
        restartAbandoned();
        if (threads == 0) return;
        if (previews.available()) queueMissingPreviews();
        leases = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "signoff-job-leases"));
        for (int i = 0; i < threads; i++) {
            String worker = instance + "-" + i;
            Thread t = daemon(() -> loop(worker), "signoff-analysis-" + i);
            running.add(t);
            t.start();
        }
    }

    /**
     * Puts back in the queue, to be claimed at once, the jobs that were running in a server process
     * on this machine that has ended (killed, or stopped before its analysis could give up the job):
     * waiting for their leases to run out would leave the versions at "analysing" for a minute with
     * no word why. Jobs of other machines' workers wait for their leases as before: from here a
     * worker there that stopped renewing cannot be told from a slow one.
     */
    private void restartAbandoned() {
        for (JobQueue.Claim c : queue.running()) {
            if (!ranInEndedProcess(c.worker())) continue;
            jdbi.useTransaction(h -> {
                if (queue.retry(h, c, "the server running it stopped") && JobQueue.ANALYSE.equals(c.kind()))
                    versions.markWaiting(h, c.versionId(), RESTARTED);
            });
            LOG.info("job {} ({}) was cut short when the server stopped; it starts again", c.jobId(), c.kind());
        }
        wake();
    }

    /** True when {@code worker} ran in a process on this machine that is no longer running. */
    static boolean ranInEndedProcess(String worker) {
        Matcher m = worker == null ? null : WORKER.matcher(worker);
        if (m == null || !m.matches()) return false;
        String[] self = ManagementFactory.getRuntimeMXBean().getName().split("@", 2);
        if (self.length != 2 || !m.group(2).equals(self[1])) return false;
        long pid = Long.parseLong(m.group(1));
        String instance = worker.substring(0, worker.lastIndexOf('-'));
        // Our own pid: a process before this one had it (a container restarted) unless the instance lives here.
        if (pid == ProcessHandle.current().pid()) return !LIVE_INSTANCES.contains(instance);
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** Versions stored while the server had no ffmpeg get their preview now that it has one. */
    private void queueMissingPreviews() {
        int queued = jdbi.inTransaction(h -> {
            List<String> ids = versions.reopenPreviews(h, PreviewEncoder.NO_FFMPEG);
            for (String id : ids) queue.enqueue(h, JobQueue.PREVIEW, id);
            return ids.size();
        });
        if (queued > 0) LOG.info("ffmpeg is here now: making the listening previews of {} versions", queued);
    }

    /** A job was queued here: idle threads look now instead of at their next poll. */
    public void wake() {
        synchronized (wakeUp) { wakeUp.notifyAll(); }
    }

    private void loop(String worker) {
        while (!stopping) {
            try {
                Optional<JobQueue.Claim> claim = queue.claim(worker);
                if (claim.isPresent()) {
                    run(claim.get());
                } else {
                    synchronized (wakeUp) { wakeUp.wait(POLL_MS); }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (stopping) return;
                LOG.warn("analysis worker {}: {}", worker, e.toString());
                sleepQuietly();
            }
        }
    }

    /** Runs one claimed job to its end (done, failed, or back in the queue). */
    void run(JobQueue.Claim claim) {
        if (JobQueue.WORDS.equals(claim.kind())) {
            try (Lease lease = new Lease(claim)) {
                words.run(claim, lease::lost);
            }
            return;
        }
        if (JobQueue.COMPARE.equals(claim.kind())) {
            compare(claim);
            return;
        }
        if (JobQueue.PREVIEW.equals(claim.kind())) {
            preview(claim);
            return;
        }
        Version v = versions.find(claim.versionId()).orElse(null);
        if (v == null) {   // removed while queued
            jdbi.useTransaction(h -> queue.complete(h, claim));
            return;
        }
        if (claim.attempt() > JobQueue.MAX_ATTEMPTS) {
            String why = "the analysis stopped " + JobQueue.MAX_ATTEMPTS + " times without finishing (was the server stopped or out of memory?)";
            jdbi.useTransaction(h -> {
                if (queue.fail(h, claim, why)) failed(h, v, why);
            });
            return;
        }
        long t0 = System.nanoTime();
        Path[] decoded = {Path.of(v.audioPath())};   // the name the decoders' messages give the file
        try (Lease lease = new Lease(claim); MediaStorage.LocalCopy audio = storage.local(v.audioPath())) {
            decoded[0] = audio.path();
            jdbi.useTransaction(h -> versions.markAnalysing(h, v.id()));
            Analysed analysed = analyse(v, audio.path(), t0);
            CheckResult result = analysed.check();
            if (lease.lost()) return;
            String report = json.writeValueAsString(JsonReport.toJson(new FileOutcome(Path.of(v.fileName()), result, null)));
            var m = result.measurements();
            words.remember(v.id(), m);   // comments on a new version usually follow it
            // The comparison with the version before is part of the analysis: the version is ready
            // once both are stored, in one transaction with the job's completion.
            VersionChanges.Outcome diff = changes.compare(v, analysed.sketch());
            if (lease.lost()) return;
            boolean stored = jdbi.inTransaction(h -> {
                if (!queue.complete(h, claim)) return false;
                if (diff != null) changeStore.store(h, v.id(), diff.fromVersionId(), diff.diffJson(), diff.jnd(), diff.error());
                BounceSketch sketch = analysed.sketch();
                changeStore.storeSketch(h, v.id(), new ChangeStore.Sketch(sketch.frames(), sketch.hopFrames(), sketch.flux(), sketch.levelDb()));
                versions.storeReport(h, v.id(), report, m.loudness().integratedLufs(), m.peaks().truePeakDbtp(),
                        count(result, Severity.PROBLEM), count(result, Severity.WARNING), count(result, Severity.NOTE));
                queuePreview(h, v);
                return true;
            });
            if (stored) LOG.info("v{} ({}) analysed in {} s", v.number(), v.fileName(),
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
        } catch (AudioFileException e) {
            // The file decoded at import; if it no longer does, trying again will not help.
            String error = e.getMessage().replace(decoded[0].getFileName().toString(), v.fileName());
            jdbi.useTransaction(h -> {
                if (queue.fail(h, claim, error)) failed(h, v, error);
            });
        } catch (IOException | RuntimeException e) {
            if (stopping) {   // interrupted by close(): back in the queue for whichever instance runs next
                jdbi.useTransaction(h -> {
                    if (queue.retry(h, claim, "the server stopped during the analysis")) versions.markWaiting(h, v.id(), RESTARTED);
                });
                return;
            }
            LOG.warn("analysing v{} ({}) failed (attempt {} of {})", v.number(), v.fileName(), claim.attempt(), JobQueue.MAX_ATTEMPTS, e);
            String reason = plainReason(e);
            queue.retryOrFail(claim, "the analysis failed: " + e,
                    (h, pause) -> versions.markWaiting(h, v.id(), "attempt " + claim.attempt() + " of " + JobQueue.MAX_ATTEMPTS
                            + " failed: " + reason + "; it tries again in " + spoken(pause)),
                    h -> failed(h, v, reason + "; the server's log has the details. Analyse it again once that is fixed"));
        }
    }

    /** The analysis gave up; a version whose waveform was drawn still gets its preview, so listeners can play it. */
    private void failed(Handle h, Version v, String why) {
        versions.markFailed(h, v.id(), why);
        queuePreview(h, v);
    }

    /**
     * The version's preview follows in a job of its own, so encoding it (more CPU than the whole
     * analysis) never holds back 'ready'; without ffmpeg, the reason there is none.
     */
    private void queuePreview(Handle h, Version v) {
        if (v.previewPath() != null) return;
        // One at a time: two encodings of one version would write the same file (an analysis run
        // again after it failed while its first preview job still runs).
        if (!previews.available()) versions.storePreview(h, v.id(), null, null, PreviewEncoder.NO_FFMPEG);
        else if (!queue.pending(h, JobQueue.PREVIEW, v.id())) queue.enqueue(h, JobQueue.PREVIEW, v.id());
    }

    /**
     * What went wrong on the server's side, for the owner: no class names or paths (those go to the
     * log), and a hint at what to look at.
     */
    static String plainReason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) return "the server could not read or write its own files (a full disk, or a folder it may not write?)";
            if (t instanceof java.sql.SQLException || t instanceof org.jdbi.v3.core.JdbiException) return "the server's database did not answer";
        }
        return "the analysis stopped on an error in the server";
    }

    /** 30 s, 2 min. */
    private static String spoken(java.time.Duration d) {
        return d.toSeconds() < 60 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }

    /**
     * A comparison on its own, for a version analysed before comparisons existed. The scope check
     * reads the items that are open now among those written before the version was uploaded.
     */
    private void compare(JobQueue.Claim claim) {
        Version v = versions.find(claim.versionId()).orElse(null);
        if (v == null || claim.attempt() > JobQueue.MAX_ATTEMPTS) {
            String why = v == null ? "the version was removed before it was compared" : "the comparison stopped " + JobQueue.MAX_ATTEMPTS + " times without finishing";
            jdbi.useTransaction(h -> queue.fail(h, claim, why));
            return;
        }
        try (Lease lease = new Lease(claim)) {
            VersionChanges.Outcome diff = changes.compare(v);   // a comparison that cannot be made is an outcome, not an exception
            if (lease.lost()) return;
            jdbi.useTransaction(h -> {
                if (queue.complete(h, claim) && diff != null)
                    changeStore.store(h, v.id(), diff.fromVersionId(), diff.diffJson(), diff.jnd(), diff.error());
            });
            LOG.info("v{} ({}) compared with the version before it", v.number(), v.fileName());
        } catch (RuntimeException e) {
            if (stopping) {
                queue.retry(claim, "the server stopped during the comparison");
                return;
            }
            queue.retryOrFail(claim, "the comparison failed: " + e, h -> { });
        }
    }

    /** A claim's lease, renewed every third of it until closed; {@link #lost()} once another worker took the job over. */
    private final class Lease implements AutoCloseable {
        private final AtomicBoolean lost = new AtomicBoolean();
        private final ScheduledFuture<?> renewal;

        Lease(JobQueue.Claim claim) {
            long every = Math.max(1, queue.lease().toMillis() / 3);
            renewal = leases == null ? null : leases.scheduleAtFixedRate(() -> {
                try {
                    if (!queue.renew(claim)) lost.set(true);
                } catch (RuntimeException e) {
                    LOG.warn("renewing the lease of job {} failed: {}", claim.jobId(), e.toString());
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }

        boolean lost() { return lost.get(); }

        @Override public void close() {
            if (renewal != null) renewal.cancel(false);
        }
    }

    /** What the one pass over a new version gives: its check, and the sketch its comparison starts from. */
    private record Analysed(CheckResult check, BounceSketch sketch) {}

    /** The server's own analysers on the pass: the waveform's zoom levels and the comparison's sketch. */
    private static final class Alongside implements Function<StreamInfo, List<? extends Analyser>> {
        private WaveformPeaks peaks;
        private BounceSketch.Sketcher sketcher;

        @Override public List<? extends Analyser> apply(StreamInfo info) {
            peaks = new WaveformPeaks(info);
            sketcher = new BounceSketch.Sketcher(info);
            return List.of(peaks, sketcher);
        }
    }

    /**
     * Decodes a new version once for its check, waveform and comparison sketch; stores the waveform
     * and loudness as soon as the pass ends.
     */
    private Analysed analyse(Version v, Path audio, long startNanos) throws IOException {
        Alongside alongside = new Alongside();
        Measurements measured = CHECK.measure(audio, alongside, (info, done) -> { });
        Path file = dir.waveforms().resolve(v.id() + ".peaks");
        PeaksFile.of(alongside.peaks.result()).write(file);
        String waveform = dir.relativize(file);
        storage.put(waveform, file);
        jdbi.useTransaction(h -> versions.storeQuickLook(h, v.id(), measured.loudness().integratedLufs(), waveform));
        CheckResult check = MixCheck.judge(audio, measured, List.of(), List.of(), VocalChoice.DETECT, startNanos);
        return new Analysed(check, alongside.sketcher.result(audio));
    }

    /** A version's listening preview, or why it has none ({@code error}, with null path and bytes). */
    private record Preview(String path, Long bytes, String error) {}

    /**
     * The outcome of {@code encoding} (null: no ffmpeg): an encoder failure is an outcome to show, not
     * a reason to fail the analysis. Only an interruption (the server stopping) is thrown.
     */
    private Preview finish(Version v, PreviewEncoder.Encoding encoding) throws InterruptedIOException {
        if (encoding == null) return new Preview(null, null, PreviewEncoder.NO_FFMPEG);
        try {
            Path file = encoding.finish();
            String key = dir.relativize(file);
            long bytes = Files.size(file);
            storage.put(key, file);
            return new Preview(key, bytes, null);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            LOG.warn("v{} ({}): {}", v.number(), v.fileName(), e.getMessage());
            return new Preview(null, null, e.getMessage());
        }
    }

    /**
     * A version's listening preview, queued with its 'ready' (or by the upgrade, for a version from
     * before previews): ffmpeg encodes what one more decoding of the original feeds it.
     */
    private void preview(JobQueue.Claim claim) {
        Version v = versions.find(claim.versionId()).orElse(null);
        if (v == null || claim.attempt() > JobQueue.MAX_ATTEMPTS) {
            String why = v == null ? "the version was removed before its preview was made" : "making it stopped " + JobQueue.MAX_ATTEMPTS + " times without finishing";
            // A version's pages wait for its preview until it is made or known missing: say why it is missing.
            jdbi.useTransaction(h -> {
                if (queue.fail(h, claim, why) && v != null) versions.storePreview(h, v.id(), null, null, why);
            });
            return;
        }
        try (Lease lease = new Lease(claim);
             MediaStorage.LocalCopy audio = v.previewPath() == null && previews.available() ? storage.local(v.audioPath()) : null;
             PreviewEncoder.Encoding encoding = audio != null ? previews.start(dir, v.id(), v.sampleRate(), v.channels()) : null) {
            if (encoding != null) {
                try (AudioReader reader = AudioDecoders.open(audio.path())) {
                    new AnalysisPipeline(List.of(encoding.source())).run(reader, MixCheck.BLOCK_FRAMES, done -> { });
                }
            }
            Preview preview = v.previewPath() == null ? finish(v, encoding) : null;
            if (lease.lost()) return;
            jdbi.useTransaction(h -> {
                if (queue.complete(h, claim) && preview != null) versions.storePreview(h, v.id(), preview.path(), preview.bytes(), preview.error());
            });
            if (preview != null && preview.error() == null) LOG.info("v{} ({}): listening preview made", v.number(), v.fileName());
        } catch (IOException | RuntimeException e) {
            if (stopping) {
                queue.retry(claim, "the server stopped while the preview was made");
                return;
            }
            String error = "making it failed: " + e.getMessage();
            queue.retryOrFail(claim, error, h -> versions.storePreview(h, v.id(), null, null, error));
        }
    }

    private static int count(CheckResult r, Severity s) {
        return (int) r.findings().stream().map(Finding::severity).filter(s::equals).count();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override public void close() {
        stopping = true;
        for (Thread t : running) t.interrupt();
        for (Thread t : running) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leases != null) leases.shutdownNow();
        LIVE_INSTANCES.remove(instance);
    }
}
