-- Concurrency and growth limits (issue 11): portable SQL for SQLite and PostgreSQL.

-- A chunk being written claims its resumable upload until writing_until (renewed while its body
-- arrives), so a second request for the same upload is refused instead of mixing bytes into the
-- .part file. The claim is in the database, so it holds across instances; a claim whose server
-- died runs out by itself.
ALTER TABLE uploads ADD COLUMN writer TEXT;
ALTER TABLE uploads ADD COLUMN writing_until BIGINT;

-- Expired sessions are deleted whenever a session opens; without an index each delete read the table.
CREATE INDEX sessions_expires ON sessions(expires_at);
