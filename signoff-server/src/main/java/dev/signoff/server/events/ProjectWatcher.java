package dev.signoff.server.events;

import dev.signoff.server.BackgroundService;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells live pages when a project changed. Every change bumps projects.revision in its own
 * transaction (store.ProjectRevisions), whichever instance made it; this service reads the
 * revisions of all projects someone is watching in ONE query every {@link #POLL_MS} ms and calls
 * the watchers of each project whose revision grew. Watchers also get a heartbeat every
 * {@link #HEARTBEAT_MS} ms, which keeps proxies from closing an idle event stream.
 */
public final class ProjectWatcher implements BackgroundService {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectWatcher.class);
    public static final long POLL_MS = 500;
    public static final long HEARTBEAT_MS = 15_000;

    /** Someone following one project. Both calls come from the watcher's thread and must not block long. */
    public interface Watcher {
        void changed(long revision);

        void heartbeat();
    }

    private final Jdbi jdbi;
    private final Map<String, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final Map<String, Long> known = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    private long lastHeartbeat;

    public ProjectWatcher(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "signoff-project-watcher");
            t.setDaemon(true);
            return t;
        });
        lastHeartbeat = System.currentTimeMillis();
        timer.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** Starts following {@code projectId}; returns its current revision. */
    public long watch(String projectId, Watcher w) {
        long revision = revision(projectId);
        known.putIfAbsent(projectId, revision);
        watchers.computeIfAbsent(projectId, k -> new CopyOnWriteArraySet<>()).add(w);
        return revision;
    }

    public void unwatch(String projectId, Watcher w) {
        watchers.computeIfPresent(projectId, (k, set) -> {
            set.remove(w);
            if (set.isEmpty()) {
                known.remove(k);
                return null;
            }
            return set;
        });
    }

    private long revision(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT revision FROM projects WHERE id = :id").bind("id", projectId)
                .mapTo(Long.class).findOne().orElse(0L));
    }

    private void poll() {
        try {
            List<String> ids = List.copyOf(watchers.keySet());
            if (!ids.isEmpty()) {
                jdbi.useHandle(h -> h.createQuery("SELECT id, revision FROM projects WHERE id IN (<ids>)").bindList("ids", ids)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .forEach(e -> {
                            Long before = known.get(e.getKey());
                            if (before != null && e.getValue() > before) {
                                known.put(e.getKey(), e.getValue());
                                notify(e.getKey(), w -> w.changed(e.getValue()));
                            }
                        }));
            }
            long now = System.currentTimeMillis();
            if (now - lastHeartbeat >= HEARTBEAT_MS) {
                lastHeartbeat = now;
                for (String id : ids) notify(id, Watcher::heartbeat);
            }
        } catch (RuntimeException e) {
            LOG.warn("watching project revisions failed: {}", e.toString());
        }
    }

    private void notify(String projectId, java.util.function.Consumer<Watcher> call) {
        for (Watcher w : watchers.getOrDefault(projectId, Set.of())) {
            try {
                call.accept(w);
            } catch (RuntimeException e) {
                unwatch(projectId, w);   // a stream that broke; its page reconnects if still open
            }
        }
    }

    /** How many pages are following projects here (for tests and logs). */
    public int watcherCount() {
        return watchers.values().stream().mapToInt(Set::size).sum();
    }

    @Override public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
