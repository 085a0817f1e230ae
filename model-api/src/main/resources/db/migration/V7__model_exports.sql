-- Exports: copies of a ready model going out, to a bucket, a datastore or the user's computer.
-- The model is 'exporting' while one is queued or running; a model's exports go with it when it is deleted.
CREATE TABLE model_export (
    id              UUID        PRIMARY KEY,
    model_id        UUID        NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    project_id      UUID        NOT NULL,
    output_type     TEXT        NOT NULL,
    output_uri      TEXT        NOT NULL,
    output_options  JSONB       NOT NULL DEFAULT '{}',
    status          TEXT        NOT NULL,
    bytes           BIGINT      NOT NULL DEFAULT 0,
    files           BIGINT      NOT NULL DEFAULT 0,
    total_bytes     BIGINT,
    total_files     BIGINT,
    reason          TEXT,
    note            TEXT,
    auth_token      BYTEA,
    requested_at    TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ
);
CREATE INDEX model_export_by_model ON model_export (model_id, requested_at);
