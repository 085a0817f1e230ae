-- Projects own models. Until projects get their own API the system has one default project.
CREATE TABLE project (
    id          UUID        PRIMARY KEY,
    name        TEXT        NOT NULL,
    is_default  BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX project_one_default ON project (is_default) WHERE is_default;
INSERT INTO project (id, name, is_default) VALUES (gen_random_uuid(), 'Default project', TRUE);

CREATE TABLE model (
    id              UUID        PRIMARY KEY,
    project_id      UUID        NOT NULL REFERENCES project (id),
    name            TEXT        NOT NULL,
    model_type      TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    source_type     TEXT        NOT NULL,
    source_uri      TEXT        NOT NULL,
    source_options  JSONB       NOT NULL DEFAULT '{}',
    size_bytes      BIGINT,
    file_count      BIGINT,
    progress_bytes  BIGINT      NOT NULL DEFAULT 0,
    progress_files  BIGINT      NOT NULL DEFAULT 0,
    failure_reason  TEXT,
    manifest_key    TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX model_by_project ON model (project_id, created_at);
