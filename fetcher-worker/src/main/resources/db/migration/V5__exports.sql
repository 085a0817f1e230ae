-- Exports of ready models, queued here like ingests: any fetcher claims a queued store export (SKIP
-- LOCKED) and beats its heartbeat while it copies; one whose fetcher stops beating is queued again
-- and taken over. A local export is running from the start, served by whichever fetcher the user's
-- client reaches, found by its token's hash; it ends at the client's finalize or when it expires.
CREATE TABLE export (
    id              UUID        PRIMARY KEY,
    model_id        UUID        NOT NULL,
    project_id      UUID        NOT NULL,
    output_type     TEXT        NOT NULL,
    status          TEXT        NOT NULL,
    request         TEXT        NOT NULL,
    token_hash      TEXT,
    worker          TEXT,
    attempt_id      UUID,
    clash_checked   BOOLEAN     NOT NULL DEFAULT FALSE,
    downloaded      BOOLEAN     NOT NULL DEFAULT FALSE,
    bytes           BIGINT      NOT NULL DEFAULT 0,
    files           BIGINT      NOT NULL DEFAULT 0,
    reason          TEXT,
    queued_at       TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    heartbeat_at    TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ
);
CREATE INDEX export_status_queued ON export (status, queued_at);
CREATE INDEX export_by_model ON export (model_id);
CREATE UNIQUE INDEX export_by_token ON export (token_hash) WHERE token_hash IS NOT NULL;
