-- Email notifications: the owner's choices and a durable outbox the senders work through.

CREATE TABLE notification_settings (
  id SMALLINT PRIMARY KEY,            -- always 1: one owner per server
  email TEXT,                         -- where to send; null: the address given with --notify-to
  on_feedback SMALLINT NOT NULL DEFAULT 1,
  on_approval SMALLINT NOT NULL DEFAULT 1,
  on_first_open SMALLINT NOT NULL DEFAULT 1,
  owner_origin TEXT                   -- the address the engineer's own browser reaches the server at, for the links in emails
);

CREATE TABLE mail_outbox (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,                 -- 'feedback', 'round', 'approval' or 'opened'
  group_key TEXT NOT NULL,            -- 'feedback:<link>:<version>' while a feedback email gathers comments, else unique per email
  project_id TEXT NOT NULL REFERENCES projects(id),
  link_id TEXT REFERENCES share_links(id),
  version_id TEXT REFERENCES versions(id),
  subject_id TEXT,                    -- the round or approval the email is about
  created_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,             -- not before: the end of a feedback burst, or the next retry
  gather_until BIGINT NOT NULL,       -- a feedback email waits for more comments at most until then
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_until BIGINT,               -- an instance is sending it until then
  sent_at BIGINT,
  failed_at BIGINT,                   -- given up after too many attempts
  last_error TEXT
);
CREATE UNIQUE INDEX mail_outbox_group ON mail_outbox(group_key);
CREATE INDEX mail_outbox_due ON mail_outbox(sent_at, failed_at, due_at);

CREATE TABLE mail_outbox_comments (
  outbox_id TEXT NOT NULL REFERENCES mail_outbox(id),
  comment_id TEXT NOT NULL REFERENCES comments(id),
  PRIMARY KEY (outbox_id, comment_id)
);
