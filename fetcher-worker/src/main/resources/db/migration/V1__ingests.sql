-- One row per model this fetcher pool was asked to ingest: who runs it, and how it ended.
-- attempt_id changes when a redelivered request takes over a crashed attempt; only the current
-- attempt may record the outcome, so each model gets exactly one.
CREATE TABLE ingest (
    model_id          UUID        PRIMARY KEY,
    project_id        UUID        NOT NULL,
    request_event_id  UUID,
    attempt_id        UUID,
    status            TEXT        NOT NULL,
    worker            TEXT,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    size_bytes        BIGINT,
    file_count        BIGINT,
    reason            TEXT
);
