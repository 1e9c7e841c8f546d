-- Accounts (issue 14): counters that are raised in one statement before any work is done,
-- one-time tickets for the live WebSocket, and revocable share links.

-- Fixed-window counters, each raised with INSERT ... ON CONFLICT DO UPDATE ... RETURNING
-- so parallel requests cannot all read the same old count. Buckets:
--   "register:<address>"        sign-ups from one client address (IPv6 by /64)
--   "login:<address>"           sign-in attempts from one address
--   "login:<email>|<address>"   sign-in attempts on one account from one address
--   "account:<email>"           failed sign-ins on one account from anywhere
CREATE TABLE rate_counters (
  bucket       TEXT PRIMARY KEY,
  window_start INTEGER NOT NULL,                 -- Unix ms; the window runs from here
  count        INTEGER NOT NULL,
  last_at      INTEGER NOT NULL                  -- the latest counted attempt
);
CREATE INDEX rate_counters_window ON rate_counters(window_start);

-- The counters replace the failure log.
DROP TABLE login_failures;

-- One-time tickets for GET /api/projects/:id/live?ticket= (valid 60 s, one use). Only a
-- hash is stored, so a leaked table cannot open sockets.
CREATE TABLE live_tickets (
  ticket_hash TEXT PRIMARY KEY,                  -- hex SHA-256 of the ticket
  project_id  TEXT NOT NULL,
  user_id     TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
);
CREATE INDEX live_tickets_user ON live_tickets(user_id, expires_at);

-- Projects on which a user has opened a live socket: signing out closes that user's
-- sockets in each of these projects' Durable Objects.
CREATE TABLE live_sockets (
  user_id    TEXT NOT NULL,
  project_id TEXT NOT NULL,
  opened_at  INTEGER NOT NULL,
  PRIMARY KEY (user_id, project_id)
);

-- Share links are signed over this number too: DELETE /api/projects/:id/share raises it,
-- which ends every link made before.
ALTER TABLE projects ADD COLUMN share_generation INTEGER NOT NULL DEFAULT 0;
