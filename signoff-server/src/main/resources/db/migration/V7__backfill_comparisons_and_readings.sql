-- Work that earlier releases did not do, queued once when their database is upgraded (on a new one
-- nothing matches): the comparison of each analysed version with the one before it (V5: the
-- project page's changes, the scope check and the "let it go" meter) and the feedback readings of
-- each comment (V6). Portable SQL for SQLite and PostgreSQL; each job's id is made from the row it
-- concerns, so ids stay unique without a random function.

INSERT INTO jobs (id, kind, version_id, state, attempts, created_at, updated_at)
SELECT 'compare-' || v.id, 'compare', v.id, 'queued', 0, v.created_at, v.created_at
FROM versions v
WHERE v.status = 'ready' AND v.deleted_at IS NULL
  AND v.diff_json IS NULL AND v.diff_error IS NULL
  AND EXISTS (SELECT 1 FROM versions p WHERE p.project_id = v.project_id AND p.number < v.number
              AND p.deleted_at IS NULL AND p.status <> 'failed');

INSERT INTO jobs (id, kind, version_id, comment_id, state, attempts, created_at, updated_at)
SELECT 'words-' || c.id, 'words', c.version_id, c.id, 'queued', 0, c.created_at, c.created_at
FROM comments c JOIN versions v ON v.id = c.version_id
WHERE c.readings_json IS NULL AND v.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.comment_id = c.id);
