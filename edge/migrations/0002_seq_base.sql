-- Engine event seqs start at 1 for every engine job. When a project is re-dispatched to
-- a new job (another engine, or one that lost its state), the edge numbers that job's
-- events from seq_base = the last seq seen, so a project's event sequence (stored and
-- sent to browsers) only ever grows.
ALTER TABLE projects ADD COLUMN seq_base INTEGER NOT NULL DEFAULT 0;
