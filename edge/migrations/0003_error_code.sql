-- What kind of failure ended a project, as the engine names it in its fail callback
-- ("refused": a provider refused a scene's content, so the user can change that scene's
-- words and regenerate it; "failed", "canceled", "bad_input"). NULL when none was given.
ALTER TABLE projects ADD COLUMN error_code TEXT;
