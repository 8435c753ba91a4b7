-- Listening previews: what share links stream instead of the original (AAC in MP4, made by the
-- analysis job through ffmpeg). preview_error says why a version has none (no ffmpeg on the server,
-- an encoder failure); share links that may not have the original then answer 503 with it.
ALTER TABLE versions ADD COLUMN preview_path TEXT;
ALTER TABLE versions ADD COLUMN preview_bytes BIGINT;
ALTER TABLE versions ADD COLUMN preview_error TEXT;

-- Versions uploaded before previews get one made by a 'preview' job, queued once here (versions still
-- waiting for their analysis get theirs in it). The job's id is made from the version's, as in V7.
INSERT INTO jobs (id, kind, version_id, state, attempts, created_at, updated_at)
SELECT 'preview-' || v.id, 'preview', v.id, 'queued', 0, v.created_at, v.created_at
FROM versions v
WHERE v.deleted_at IS NULL AND v.status IN ('ready', 'failed');
