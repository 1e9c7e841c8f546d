-- When the edit in edit_op was claimed. A claim is taken only while edit_op is NULL; one
-- left behind (its request died before the engine answered) may be taken over once it is
-- older than twice the edge's engine timeout, so a claim whose engine call may still be
-- in flight is never released by another request.
ALTER TABLE projects ADD COLUMN edit_claimed_at INTEGER;
