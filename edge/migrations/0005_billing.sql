-- When the project's engine itself was last heard from (its 202, an event, an upload),
-- apart from heartbeat_at, which the dispatcher and the sweep also move. A queue message
-- or dead letter for a project whose engine was heard from within HEARTBEAT_TIMEOUT_S is
-- acknowledged and left alone: that engine is rendering it.
ALTER TABLE projects ADD COLUMN engine_heard_at INTEGER;

-- Engine jobs of deleted projects still to be deleted on their engine (DELETE
-- /v1/jobs/{id}): written in the batch that deletes the project, removed once the engine
-- answers 204 or 404; the cron sweep retries what an unreachable engine left.
CREATE TABLE engine_job_deletions (
  origin     TEXT NOT NULL,
  job_id     TEXT NOT NULL,
  project_id TEXT NOT NULL,
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (origin, job_id)
);

-- The seconds the project is billed for: the duration asked, or the length its script's
-- narration needs (edge/src/speech_estimate.ts) when that is longer. The engine gets it
-- as max_duration; a render much longer is charged the difference at completion. NULL
-- in rows from before: their spec's duration.
ALTER TABLE projects ADD COLUMN billed_duration INTEGER;

-- Edits of a finished video (regenerate, recompose) are priced: `edits` counts those an
-- engine accepted (EDIT_LIMIT caps it); `edit_op` is the operation of the one running,
-- its credits held under edit_op || ':hold' and captured or released with it; and
-- `edit_duration` the seconds the video is billed for once that edit succeeds.
ALTER TABLE projects ADD COLUMN edits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN edit_op TEXT;
ALTER TABLE projects ADD COLUMN edit_duration INTEGER;
