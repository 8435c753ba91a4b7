-- Feedback: comments, revision rounds and approvals (tables in V1). This adds what the feedback
-- screens look things up by, and the approval history's reopen mark.

-- When the engineer reopens an approved project the approval stays in the history, marked with
-- the time it was reopened; a null here means the approval still stands.
ALTER TABLE approvals ADD COLUMN reopened_at BIGINT;
CREATE INDEX approvals_project ON approvals(project_id, created_at);

-- A link's comments (the listening page's list, a band's unsent notes).
CREATE INDEX comments_link ON comments(link_id, created_at);
-- A person link's round for a version is found by (link, version).
CREATE INDEX rounds_link_version ON rounds(link_id, version_id);
CREATE INDEX revision_items_round ON revision_items(round_id);
