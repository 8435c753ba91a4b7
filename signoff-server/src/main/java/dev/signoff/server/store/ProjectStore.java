package dev.signoff.server.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Projects: one song for one client, holding its numbered versions, links and feedback. */
public final class ProjectStore {

    public record Project(String id, String name, String artist, int roundsAgreed, String finalVersionId,
                          long revision, long createdAt, long updatedAt) {}

    /** A project as the dashboard lists it: its newest version and how far the review has come. */
    public record Summary(Project project, VersionStore.Version latest, int versionCount, int commentCount, int roundsUsed) {}

    /** Thrown when the name is taken; names are unique regardless of case. */
    public static final class DuplicateName extends RuntimeException {
        public DuplicateName(String name) { super("a project named '" + name + "' already exists", null, false, false); }
    }

    static final String COLUMNS = "id, name, artist, rounds_agreed, final_version_id, revision, created_at, updated_at";
    static final RowMapper<Project> MAPPER = (rs, ctx) -> new Project(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getInt(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));

    private final Jdbi jdbi;
    private final Clock clock;

    public ProjectStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Project create(String name, String artist, int roundsAgreed) {
        String id = Ids.newId();
        long now = clock.millis();
        try {
            jdbi.useTransaction(h -> {
                if (findByName(h, name).isPresent()) throw new DuplicateName(name);
                h.createUpdate("INSERT INTO projects (" + COLUMNS + ") VALUES (:id, :name, :artist, :rounds, NULL, 0, :now, :now)")
                        .bind("id", id).bind("name", name).bind("artist", artist).bind("rounds", roundsAgreed)
                        .bind("now", now).execute();
            });
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            // Two creations racing past the check: the unique index decides.
            if (findByName(name).isPresent()) throw new DuplicateName(name);
            throw e;
        }
        return find(id).orElseThrow();
    }

    public Optional<Project> find(String id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    /** The project, or a 404 problem for a request that names one that does not exist. */
    public Project require(String id) {
        return find(id).orElseThrow(() -> StoreRefusal.notFound("no such project"));
    }

    static Optional<Project> find(Handle h, String id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM projects WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }

    public Optional<Project> findByName(String name) {
        return jdbi.withHandle(h -> findByName(h, name));
    }

    private static Optional<Project> findByName(Handle h, String name) {
        return h.createQuery("SELECT " + COLUMNS + " FROM projects WHERE LOWER(name) = :name")
                .bind("name", name.toLowerCase(Locale.ROOT)).map(MAPPER).findFirst();
    }

    /** The project named {@code name}, created (with defaults) when there is none. */
    public Project findOrCreate(String name) {
        return findByName(name).orElseGet(() -> {
            try {
                return create(name, "", 3);
            } catch (DuplicateName raced) {
                return findByName(name).orElseThrow();
            }
        });
    }

    /** Every project, most recently changed first, each with its latest version and counts. */
    public List<Summary> list() {
        return jdbi.withHandle(h -> {
            List<Project> projects = h.createQuery("SELECT " + COLUMNS + " FROM projects ORDER BY updated_at DESC, name")
                    .map(MAPPER).list();
            var latest = new java.util.HashMap<String, VersionStore.Version>();
            h.createQuery("SELECT " + VersionStore.COLUMNS + " FROM versions v WHERE deleted_at IS NULL AND number = "
                            + "(SELECT MAX(number) FROM versions w WHERE w.project_id = v.project_id AND w.deleted_at IS NULL)")
                    .map(VersionStore.MAPPER).forEach(v -> latest.put(v.projectId(), v));
            var versions = counts(h, "SELECT project_id, COUNT(*) FROM versions WHERE deleted_at IS NULL GROUP BY project_id");
            var comments = counts(h, "SELECT project_id, COUNT(*) FROM comments GROUP BY project_id");
            // Rounds of revisions: the versions feedback was about (RevisionStore), not the people who sent it.
            var rounds = counts(h, "SELECT project_id, COUNT(DISTINCT version_id) FROM rounds GROUP BY project_id");
            return projects.stream().map(p -> new Summary(p, latest.get(p.id()), versions.getOrDefault(p.id(), 0),
                    comments.getOrDefault(p.id(), 0), rounds.getOrDefault(p.id(), 0))).toList();
        });
    }

    private static java.util.Map<String, Integer> counts(Handle h, String sql) {
        var out = new java.util.HashMap<String, Integer>();
        h.createQuery(sql).map((rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
