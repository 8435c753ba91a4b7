-- An analysis attempt that failed for a reason of the server's own waits before the next one
-- (30 s, 2 min, 10 min): a queued job is not claimed before `not_before` (NULL: at once).
ALTER TABLE jobs ADD COLUMN not_before BIGINT;
-- Why an unfinished analysis is waiting or started again, in plain words for the owner
-- (an attempt failed and the next one is due; the server restarted during it). NULL once it ends.
ALTER TABLE versions ADD COLUMN analysis_note TEXT;
