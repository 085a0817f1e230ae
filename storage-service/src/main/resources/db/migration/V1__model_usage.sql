-- Bytes stored per model, built from events. A deleted model keeps a 'deleted' row (a tombstone),
-- so a late ingest event for it is recognised and its objects removed rather than counted.
CREATE TABLE model_usage (
    model_id    UUID        PRIMARY KEY,
    project_id  UUID        NOT NULL,
    size_bytes  BIGINT      NOT NULL DEFAULT 0,
    file_count  BIGINT      NOT NULL DEFAULT 0,
    state       TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX model_usage_by_project ON model_usage (project_id) WHERE state = 'STORED';
