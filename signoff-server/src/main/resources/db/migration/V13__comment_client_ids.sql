-- Posting a comment is idempotent (issue 11): the listening page names each comment with a random
-- client id, so "Try again" after an answer lost on the way back finds the comment already stored
-- instead of storing it twice. NULL for comments from pages that send no id (several NULLs are
-- allowed by a unique index on SQLite and PostgreSQL alike). Portable SQL for SQLite and PostgreSQL.
ALTER TABLE comments ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX comments_link_client_id ON comments(link_id, client_id);
