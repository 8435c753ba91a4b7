package dev.signoff.server.access;

import dev.signoff.server.store.Ids;
import org.jdbi.v3.core.Jdbi;

/**
 * Rows the access tests need around share links (projects, a version, a comment and what hangs off
 * it), written straight into the schema so these tests depend on no other area's routes.
 */
final class Fixtures {
    /** A project with one version, one client comment turned revision item, a round and an approval. */
    record Project(String id, String name, String versionId, String commentId, String itemId, String roundId, String approvalId) {}

    private Fixtures() {}

    static Project project(Jdbi jdbi, String name) {
        String id = Ids.newId(), version = Ids.newId(), comment = Ids.newId(), item = Ids.newId(), round = Ids.newId(), approval = Ids.newId();
        long now = System.currentTimeMillis();
        jdbi.useTransaction(h -> {
            h.execute("INSERT INTO projects (id, name, artist, rounds_agreed, revision, created_at, updated_at) VALUES (?, ?, 'The Artist', 3, 0, ?, ?)", id, name, now, now);
            h.execute("INSERT INTO versions (id, project_id, number, label, file_name, audio_path, format, size_bytes, sha256, sample_rate, channels, duration_s, status, created_at) "
                    + "VALUES (?, ?, 1, 'first', 'mix.wav', ?, 'wav', 1000, 'abc', 48000, 2, 30.0, 'ready', ?)", version, id, "audio/" + id + "/" + version + ".wav", now);
            h.execute("INSERT INTO rounds (id, project_id, number, version_id, sent_by, created_at) VALUES (?, ?, 1, ?, 'Ana', ?)", round, id, version, now);
            h.execute("INSERT INTO comments (id, project_id, version_id, author, body, start_s, created_at) VALUES (?, ?, ?, 'Ana', ?, 12.5, ?)",
                    comment, id, version, "secret note of " + name, now);
            h.execute("INSERT INTO revision_items (id, project_id, comment_id, round_id, status, updated_at) VALUES (?, ?, ?, ?, 'open', ?)", item, id, comment, round, now);
            h.execute("INSERT INTO approvals (id, project_id, version_id, name, created_at) VALUES (?, ?, ?, 'Ana', ?)", approval, id, version, now);
        });
        return new Project(id, name, version, comment, item, round, approval);
    }

    static long revision(Jdbi jdbi, String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT revision FROM projects WHERE id = :p").bind("p", projectId).mapTo(Long.class).one());
    }
}
