-- GET /model pages newest first by (created_at, id): this index serves the first page and every
-- cursor after it without sorting the project's models.
CREATE INDEX model_by_project_newest ON model (project_id, created_at DESC, id DESC);
