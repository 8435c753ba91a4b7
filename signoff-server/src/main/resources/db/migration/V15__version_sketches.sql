-- Each version's comparison sketch (BounceSketch in signoff-analysis: onset strength and level per
-- 20 ms frame, about 100 KB for 4 minutes), kept by its analysis so that the next version's comparison
-- lines the two up without decoding this one again for it (issue 12). Versions analysed before have
-- none and are sketched from their file as before. Portable SQL for SQLite and PostgreSQL (SQLite
-- keeps a blob in a BYTEA column as it is).
CREATE TABLE version_sketches (
    version_id TEXT PRIMARY KEY REFERENCES versions (id),
    frames BIGINT NOT NULL,
    hop_frames INTEGER NOT NULL,
    flux BYTEA NOT NULL,
    level_db BYTEA NOT NULL
);
