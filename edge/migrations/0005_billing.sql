-- When the project's engine itself was last heard from (its 202, an event, an upload),
-- apart from heartbeat_at, which the dispatcher and the sweep also move. A queue message
-- or dead letter for a project whose engine was heard from within HEARTBEAT_TIMEOUT_S is
-- acknowledged and left alone: that engine is rendering it.
ALTER TABLE projects ADD COLUMN engine_heard_at INTEGER;
