-- Feedback translation on the server: the vocabulary words of each comment ("muddy", "buried
-- vocal", "too much reverb") measured at the comment's time in its version against the rest of the
-- song. Portable SQL for SQLite and PostgreSQL.

-- The readings as a JSON array (docs/server-api-feedback.md): '[]' for a comment without a word
-- Signoff measures, NULL while its 'words' job is waiting or running.
ALTER TABLE comments ADD COLUMN readings_json TEXT;

-- A 'words' job reads one comment (its version_id is the comment's version).
ALTER TABLE jobs ADD COLUMN comment_id TEXT;
