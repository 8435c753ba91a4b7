-- A version's DAW session (issue 14): the session file the mix was bounced from, uploaded with it
-- (by `signoff watch`, or the owner afterwards), kept in media storage, and its recall sheet as read
-- on upload: tracks, plugin chains, tempo, sample rate, markers and the findings that do not depend
-- on the media files, which stay on the engineer's machine. One per version; a new upload replaces
-- it. Owner only. Portable SQL for SQLite and PostgreSQL.
CREATE TABLE version_sessions (
  version_id TEXT PRIMARY KEY REFERENCES versions(id),
  file_name TEXT NOT NULL,            -- as uploaded: shown, never used as a path
  daw TEXT NOT NULL,                  -- reaper, dawproject or ardour
  stored_key TEXT NOT NULL,           -- sessions/<version>/<id>.<ext> in media storage, made by the server
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  recall_json TEXT NOT NULL,          -- the signoff.session/1-shaped recall sheet
  created_at BIGINT NOT NULL
);
