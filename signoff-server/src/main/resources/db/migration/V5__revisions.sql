-- Revisions: each version compared with the one before it (signoff diff), for the project page's
-- "Changes since vN", the scope check and the "let it go" meter. Portable SQL for SQLite and PostgreSQL.

-- The version this one was compared with (the previous version of the project that had not failed).
ALTER TABLE versions ADD COLUMN diff_from_version_id TEXT;
-- The diff (signoff.diff/1, docs/diff.md) including the scope check against the revision items
-- that were open when this version was uploaded.
ALTER TABLE versions ADD COLUMN diff_json TEXT;
-- The step's size for the meter: its largest change in JNDs (0 when nothing changed).
ALTER TABLE versions ADD COLUMN diff_jnd DOUBLE PRECISION;
-- Why no diff could be made (one line, e.g. different sample rates); the version itself is fine.
ALTER TABLE versions ADD COLUMN diff_error TEXT;
