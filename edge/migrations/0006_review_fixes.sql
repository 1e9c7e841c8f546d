-- When the edit in edit_op was claimed. A claim is taken only while edit_op is NULL; one
-- left behind (its request died before the engine answered) may be taken over once it is
-- older than twice the edge's engine timeout, so a claim whose engine call may still be
-- in flight is never released by another request.
ALTER TABLE projects ADD COLUMN edit_claimed_at INTEGER;

-- Until 0004 an account became admin by its email address, which nobody verifies; 0004
-- dropped the rule but kept the roles it had granted. Every admin role is taken back:
-- re-grant it by user id (README.md, Admins).
UPDATE users SET role = 'user' WHERE role = 'admin';
