-- Jobs that use a model. A row is taken synchronously when job-runner accepts a job (under the
-- model's row lock, the same lock deletion takes), and released from JobModelReleased events. A
-- released row stays as a tombstone, so a late or repeated reservation of the same job is refused.
CREATE TABLE model_job_use (
    job_id      UUID PRIMARY KEY,
    model_id    UUID NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    project_id  UUID NOT NULL,
    job_name    VARCHAR(255) NOT NULL,
    reserved_at TIMESTAMPTZ NOT NULL,
    released_at TIMESTAMPTZ
);

CREATE INDEX model_job_use_active ON model_job_use (model_id) WHERE released_at IS NULL;
