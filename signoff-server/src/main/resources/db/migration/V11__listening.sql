-- Who listened: the share links' listeners and what they played, for the engineer only.
-- Nothing here records a listener's address: a listener is their browser's share session, known by
-- a hash derived from its cookie (not the sessions table's own hash), the name they typed on the
-- page if any, and a coarse kind of device read from the User-Agent (the User-Agent itself is not kept).

CREATE TABLE listeners (
  id TEXT PRIMARY KEY,                -- SHA-256 of 'listener:' + the share session cookie
  link_id TEXT NOT NULL REFERENCES share_links(id),
  project_id TEXT NOT NULL REFERENCES projects(id),
  name TEXT,                          -- the name given on the listening page, null until they give one
  device TEXT NOT NULL,               -- 'phone', 'tablet' or 'desktop'
  opened_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX listeners_project ON listeners(project_id, opened_at);
CREATE INDEX listeners_link ON listeners(link_id);

-- One play: from pressing play on a version until it ends, the listener switches version or leaves.
CREATE TABLE plays (
  id TEXT PRIMARY KEY,
  listener_id TEXT NOT NULL REFERENCES listeners(id),
  page_play_id TEXT NOT NULL,         -- the page's own id for this play, so repeated reports update one row
  version_id TEXT NOT NULL REFERENCES versions(id),
  started_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  furthest_s DOUBLE PRECISION NOT NULL,
  heard_s DOUBLE PRECISION NOT NULL,  -- time actually played, bounded by the wall-clock time since the play began
  reached_end SMALLINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX plays_page_play ON plays(listener_id, page_play_id);
CREATE INDEX plays_listener_version ON plays(listener_id, version_id);
