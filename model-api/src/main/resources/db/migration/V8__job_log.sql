-- Jobs' live-log lines (JobLogLines events from job-runner), for the WebSocket log stream. The whole
-- log of a worker stays with job-runner (GET /job/{id}/logs); these rows expire after
-- modelstore.api.log-streams.job-log-retention. A row with ended = TRUE closes the job's stream.
CREATE TABLE job_log (
    id          BIGSERIAL PRIMARY KEY,
    job_id      UUID NOT NULL,
    project_id  UUID NOT NULL,
    stream      VARCHAR(64) NOT NULL,
    at          TIMESTAMPTZ NOT NULL,
    message     TEXT,
    ended       BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE INDEX job_log_job ON job_log (job_id, id);
CREATE INDEX job_log_at ON job_log (at);
