-- Storycut edge schema. Times are Unix milliseconds.

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,            -- stored lower-cased
  password_hash TEXT NOT NULL,                   -- base64 PBKDF2-SHA256 output
  password_salt TEXT NOT NULL,                   -- base64, 16 random bytes per user
  password_iter INTEGER NOT NULL,
  role          TEXT NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
  token_version INTEGER NOT NULL DEFAULT 0,      -- logout bumps it: older JWTs stop working
  created_at    INTEGER NOT NULL
);

CREATE TABLE projects (
  id            TEXT PRIMARY KEY,
  user_id       TEXT NOT NULL REFERENCES users(id),
  status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'canceled')),
  stage         TEXT,                            -- the engine's current stage
  progress      REAL NOT NULL DEFAULT 0,         -- 0..1
  spec          TEXT NOT NULL,                   -- JSON: what the user asked for
  result        TEXT,                            -- JSON: artifacts, duration, title, ...
  error         TEXT,                            -- a reason a user can read
  cost          INTEGER NOT NULL,                -- credits held for this project
  attempts      INTEGER NOT NULL DEFAULT 0,      -- dispatches to an engine so far
  engine_origin TEXT,
  engine_job_id TEXT,
  last_seq      INTEGER NOT NULL DEFAULT 0,      -- highest engine event seq seen
  heartbeat_at  INTEGER,                         -- last time the engine was heard from
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
CREATE INDEX projects_user_created ON projects(user_id, created_at DESC);
CREATE INDEX projects_status_heartbeat ON projects(status, heartbeat_at);

-- Append-only. available = grants - holds + releases; a capture turns a hold into a
-- charge without moving the balance. op_key makes every booking idempotent:
-- "signup:<user>", "<project>:hold", "<project>:capture", "<project>:release",
-- "admin:<request id>".
CREATE TABLE credit_ledger (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    TEXT NOT NULL REFERENCES users(id),
  kind       TEXT NOT NULL CHECK (kind IN ('grant', 'hold', 'capture', 'release')),
  amount     INTEGER NOT NULL CHECK (amount >= 0),
  project_id TEXT,
  op_key     TEXT NOT NULL UNIQUE,
  note       TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX credit_ledger_user ON credit_ledger(user_id, id DESC);

-- Engine events as received (deduplicated by seq) for history and late joiners.
CREATE TABLE project_events (
  project_id TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  type       TEXT NOT NULL,
  data       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, seq)
);

-- Artifacts stored in R2 for a project (key jobs/<project>/<name>).
CREATE TABLE artifacts (
  project_id   TEXT NOT NULL,
  name         TEXT NOT NULL,
  r2_key       TEXT NOT NULL,
  size         INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (project_id, name)
);

-- Multipart uploads of large artifacts in progress (the engine sends ?part=K&parts=N).
CREATE TABLE artifact_uploads (
  project_id TEXT NOT NULL,
  name       TEXT NOT NULL,
  parts      INTEGER NOT NULL,
  upload_id  TEXT NOT NULL,
  done_parts TEXT NOT NULL DEFAULT '{}',         -- JSON {partNumber: etag}
  created_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, name)
);

-- Login throttling: failures per account and per IP in a sliding window.
CREATE TABLE login_failures (
  bucket     TEXT NOT NULL,                      -- "email:<addr>" or "ip:<addr>"
  at         INTEGER NOT NULL
);
CREATE INDEX login_failures_bucket ON login_failures(bucket, at);
