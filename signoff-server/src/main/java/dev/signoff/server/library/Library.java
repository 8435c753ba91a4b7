package dev.signoff.server.library;

import dev.signoff.server.DataDirectory;
import dev.signoff.server.BackgroundService;
import dev.signoff.server.events.ProjectWatcher;
import dev.signoff.server.jobs.AnalysisWorkers;
import dev.signoff.server.jobs.JobQueue;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.storage.FolderStorage;
import dev.signoff.server.storage.MediaStorage;
import dev.signoff.server.store.ChangeStore;
import dev.signoff.server.store.ProjectStore;
import dev.signoff.server.store.RecallStore;
import dev.signoff.server.store.UploadStore;
import dev.signoff.server.store.VersionStore;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The library's parts wired together: projects, versions and their files' storage, uploads, the analysis
 * queue and its workers, and the watcher behind live pages. The server builds one; `signoff watch`
 * builds one without workers to import through the same code.
 */
public record Library(ProjectStore projects, VersionStore versions, ChangeStore changes, UploadStore uploads, JobQueue jobs,
                      VersionImporter importer, ResumableUploads resumable, AnalysisWorkers workers,
                      ProjectWatcher watcher, VaultCleaner cleaner, MediaStorage storage) {

    /** How long a claimed job is held without a renewal before another worker may take it over. */
    public static final Duration JOB_LEASE = Duration.ofSeconds(60);

    public static Library create(DataDirectory dir, Jdbi jdbi, Clock clock, int analysisThreads, Duration jobLease) {
        return create(dir, jdbi, clock, analysisThreads, jobLease, PreviewEncoder.onPath());
    }

    /** As above, with listening previews made by {@code previews}. */
    public static Library create(DataDirectory dir, Jdbi jdbi, Clock clock, int analysisThreads, Duration jobLease, PreviewEncoder previews) {
        return create(dir, new FolderStorage(dir), jdbi, clock, analysisThreads, jobLease, previews);
    }

    /** As above, with the versions' files in {@code storage} (the data directory still stages uploads). */
    public static Library create(DataDirectory dir, MediaStorage storage, Jdbi jdbi, Clock clock, int analysisThreads, Duration jobLease,
                                 PreviewEncoder previews) {
        var projects = new ProjectStore(jdbi, clock);
        var versions = new VersionStore(jdbi, clock);
        var uploads = new UploadStore(jdbi, clock);
        var jobs = new JobQueue(jdbi, clock, jobLease);
        var changes = new ChangeStore(jdbi, clock);
        var workers = new AnalysisWorkers(dir, storage, jdbi, jobs, versions, changes, previews, analysisThreads);
        var importer = new VersionImporter(dir, storage, jdbi, versions, jobs, clock, job -> workers.wake());
        return new Library(projects, versions, changes, uploads, jobs, importer, new ResumableUploads(dir, uploads, versions, importer, clock),
                workers, new ProjectWatcher(jdbi), new VaultCleaner(dir, storage, uploads, versions, new RecallStore(jdbi, clock), clock), storage);
    }

    /** The background services a server runs for the library. */
    public List<BackgroundService> services() {
        return List.of(workers, watcher, cleaner);
    }
}
