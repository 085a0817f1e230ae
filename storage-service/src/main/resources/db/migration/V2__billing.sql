-- What is billed per model, and each project's stored total over time (one row per change), from
-- which charges are computed: a model kept for a day costs a day.
ALTER TABLE model_usage ADD COLUMN billed_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE model_usage ADD COLUMN stored_at TIMESTAMPTZ;

CREATE TABLE project_usage_change (
    seq           BIGSERIAL   PRIMARY KEY,
    project_id    UUID        NOT NULL,
    at            TIMESTAMPTZ NOT NULL,
    used_bytes    BIGINT      NOT NULL,
    billed_bytes  BIGINT      NOT NULL
);
CREATE INDEX project_usage_change_by_project ON project_usage_change (project_id, seq);
