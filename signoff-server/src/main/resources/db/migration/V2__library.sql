-- Library additions (projects, versions, uploads, jobs): portable SQL for SQLite and PostgreSQL.

-- Finding counts next to `problems`, so version lists need not parse report_json.
ALTER TABLE versions ADD COLUMN warnings INTEGER;
ALTER TABLE versions ADD COLUMN notes INTEGER;
-- A removed version keeps its row (and its number, which is never given out again); its files are deleted.
ALTER TABLE versions ADD COLUMN deleted_at BIGINT;
CREATE INDEX versions_sha ON versions(project_id, sha256);

-- A finished resumable upload remembers its version, so a client retrying its last chunk gets the same answer.
ALTER TABLE uploads ADD COLUMN version_id TEXT;

CREATE INDEX jobs_version ON jobs(version_id);
