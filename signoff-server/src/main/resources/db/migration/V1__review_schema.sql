-- Signoff review server schema, shared by SQLite and PostgreSQL: the same statements run on both,
-- so ids are text made by the application (random UUIDs), times are epoch milliseconds in BIGINT
-- and flags are SMALLINT 0/1.

CREATE TABLE owner_account (
  id SMALLINT PRIMARY KEY,            -- always 1: one owner per server
  setup_token_hash TEXT,              -- SHA-256 of the token printed at first start; null once used
  password_hash TEXT,                 -- PBKDF2, see auth.Passwords; null until the owner sets it
  created_at BIGINT NOT NULL
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,           -- SHA-256 of the cookie value: a leaked table opens nothing
  kind TEXT NOT NULL,                 -- 'owner' or 'share'
  link_id TEXT,                       -- share sessions: the share link they belong to
  csrf TEXT NOT NULL,                 -- sent back in the X-Signoff-CSRF header on every write
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  artist TEXT NOT NULL DEFAULT '',
  rounds_agreed INTEGER NOT NULL DEFAULT 3,
  final_version_id TEXT,
  revision BIGINT NOT NULL DEFAULT 0, -- bumped on every change; live pages watch it (events.ProjectWatcher)
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX projects_name ON projects(name);

CREATE TABLE versions (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  number INTEGER NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL,            -- as uploaded: shown and offered on download, never used as a path
  audio_path TEXT NOT NULL,           -- relative to the data directory, made by the server
  format TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  sample_rate INTEGER NOT NULL,
  channels INTEGER NOT NULL,
  duration_s DOUBLE PRECISION NOT NULL,
  status TEXT NOT NULL,               -- 'queued', 'analysing', 'ready', 'failed'
  integrated_lufs DOUBLE PRECISION,
  true_peak_dbtp DOUBLE PRECISION,
  problems INTEGER,
  report_json TEXT,                   -- the check's JSON report (signoff.check/1)
  waveform_path TEXT,                 -- relative to the data directory
  error TEXT,
  locked SMALLINT NOT NULL DEFAULT 0, -- 1 once approved as the final version
  created_at BIGINT NOT NULL,
  UNIQUE (project_id, number)
);

CREATE TABLE uploads (                -- resumable uploads in progress; the bytes live in uploads/<id>.part
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  file_name TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  received_bytes BIGINT NOT NULL DEFAULT 0,
  label TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE jobs (                   -- the background queue: any instance may claim a job
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,                 -- 'analyse'
  version_id TEXT NOT NULL REFERENCES versions(id),
  state TEXT NOT NULL,                -- 'queued', 'running', 'done', 'failed'
  attempts INTEGER NOT NULL DEFAULT 0,
  worker TEXT,
  lease_until BIGINT,                 -- a running job whose lease ran out (its worker died) is claimed again
  error TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX jobs_state ON jobs(state, created_at);

CREATE TABLE share_links (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  token TEXT NOT NULL UNIQUE,         -- 128 random bits, base64url; kept so the engineer can copy the link again
  label TEXT NOT NULL,                -- the person or the band
  audience TEXT NOT NULL,             -- 'person' or 'band'
  can_comment SMALLINT NOT NULL,
  can_download SMALLINT NOT NULL,
  password_hash TEXT,
  expires_at BIGINT,
  revoked_at BIGINT,
  message TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

CREATE TABLE rounds (                 -- revision items sent back together
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  number INTEGER NOT NULL,
  link_id TEXT REFERENCES share_links(id),
  version_id TEXT REFERENCES versions(id),
  sent_by TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (project_id, number)
);

CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  version_id TEXT NOT NULL REFERENCES versions(id),
  link_id TEXT REFERENCES share_links(id),  -- null: written by the engineer
  author TEXT NOT NULL,
  body TEXT NOT NULL,
  start_s DOUBLE PRECISION NOT NULL,
  end_s DOUBLE PRECISION,
  parent_id TEXT REFERENCES comments(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX comments_project ON comments(project_id, created_at);

CREATE TABLE revision_items (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  comment_id TEXT NOT NULL UNIQUE REFERENCES comments(id),
  round_id TEXT REFERENCES rounds(id),
  status TEXT NOT NULL,               -- 'open', 'done', 'declined'
  reply TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);

CREATE TABLE approvals (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  version_id TEXT NOT NULL REFERENCES versions(id),
  link_id TEXT REFERENCES share_links(id),
  name TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

CREATE TABLE attempts (               -- failed passwords and unknown tokens, counted across instances
  subject TEXT NOT NULL,              -- e.g. 'login:<address>', 'link:<address>'
  at BIGINT NOT NULL
);
CREATE INDEX attempts_subject ON attempts(subject, at);
