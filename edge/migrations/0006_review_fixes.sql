-- When the edit in edit_op was claimed. A claim is taken only while edit_op is NULL; one
-- left behind (its request died before the engine answered) may be taken over once it is
-- older than twice the edge's engine timeout, so a claim whose engine call may still be
-- in flight is never released by another request.
ALTER TABLE projects ADD COLUMN edit_claimed_at INTEGER;

-- Until 0004 an account became admin by its email address, which nobody verifies; 0004
-- dropped the rule but kept the roles it had granted. Every admin role is taken back:
-- re-grant it by user id (README.md, Admins).
UPDATE users SET role = 'user' WHERE role = 'admin';

-- An engine job deletion that fails is retried with a backoff (DELETION_RETRY_* in
-- edge/src/job_deletions.ts) and given up after DELETION_MAX_ATTEMPTS tries, so deletions
-- aimed at an engine that is gone for good cannot block the newer ones. Due first, first.
ALTER TABLE engine_job_deletions ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
CREATE INDEX engine_job_deletions_due ON engine_job_deletions (next_attempt_at);

-- Every engine job a project has had (a re-dispatch moves it to another job, maybe on
-- another engine), so deleting the project asks each of those engines to delete its job.
CREATE TABLE engine_jobs (
  origin     TEXT NOT NULL,
  job_id     TEXT NOT NULL,
  project_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (origin, job_id)
);
CREATE INDEX engine_jobs_project ON engine_jobs (project_id);
INSERT OR IGNORE INTO engine_jobs (origin, job_id, project_id, created_at)
  SELECT engine_origin, engine_job_id, id, created_at FROM projects WHERE engine_origin IS NOT NULL AND engine_job_id IS NOT NULL;
