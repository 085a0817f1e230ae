-- Jobs, their workers, and the folders saved from them as models.
CREATE TABLE job (
    id              UUID PRIMARY KEY,
    project_id      UUID NOT NULL,
    name            VARCHAR(255) NOT NULL,
    job_type        VARCHAR(32) NOT NULL,
    status          VARCHAR(32) NOT NULL,
    model_id        UUID,
    output_type     VARCHAR(32),
    disk_size_gb    INTEGER NOT NULL,
    environment     JSONB NOT NULL DEFAULT '{}',
    -- Whether JobModelReleased was announced: a job lets go of its model exactly once.
    model_released  BOOLEAN NOT NULL DEFAULT FALSE,
    failure_reason  TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE INDEX job_project ON job (project_id, created_at DESC);
CREATE INDEX job_status ON job (status);

CREATE TABLE job_worker (
    job_id           UUID NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    worker_number    INTEGER NOT NULL,
    command          TEXT NOT NULL,
    status           VARCHAR(32) NOT NULL,
    pid              BIGINT,
    process_started  TIMESTAMPTZ,
    exit_code        INTEGER,
    output_model_id  UUID,
    failure_reason   TEXT,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    PRIMARY KEY (job_id, worker_number)
);

-- A folder of a job being saved, or saved, as a model (a worker's output or a notebook's folder).
-- The id is the new model's id: the same across retries and restarts, so each save gives one model.
CREATE TABLE folder_save (
    id              UUID PRIMARY KEY,
    job_id          UUID NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    worker_number   INTEGER NOT NULL,
    folder          VARCHAR(16) NOT NULL,
    name            VARCHAR(255) NOT NULL,
    status          VARCHAR(16) NOT NULL,
    size_bytes      BIGINT,
    file_count      BIGINT,
    failure_reason  TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ
);

CREATE INDEX folder_save_status ON folder_save (status);
