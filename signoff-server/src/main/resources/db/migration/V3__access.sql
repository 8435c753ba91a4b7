-- Access additions (share links, sessions, rate limits): portable SQL for SQLite and PostgreSQL.

-- Each counted attempt gets an id, so a request that turns out to be right can take back exactly its own.
ALTER TABLE attempts ADD COLUMN id TEXT;
-- Old attempts are pruned by time on every count.
CREATE INDEX attempts_at ON attempts(at);

-- The project page lists its links; revoking a link ends its sessions.
CREATE INDEX share_links_project ON share_links(project_id, created_at);
CREATE INDEX sessions_link ON sessions(link_id);
