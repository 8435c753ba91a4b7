-- A project's reference tracks (issue 15): released tracks the engineer trusts, uploaded by the
-- owner so that feedback words on the server are read against the same references as
-- `signoff words --ref` on the command line. Owner only: no share route lists or serves them.
-- Portable SQL for SQLite and PostgreSQL.
CREATE TABLE project_references (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  file_name TEXT NOT NULL,            -- as uploaded: shown, never used as a path
  audio_path TEXT NOT NULL,           -- references/<project>/<id>.<ext>, made by the server
  format TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  duration_s DOUBLE PRECISION NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (project_id, sha256)
);
CREATE INDEX project_references_by_project ON project_references (project_id);
