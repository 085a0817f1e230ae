-- What running ingests of a project with a quota have reserved of its headroom: a project's
-- parallel ingests together never take more than its quota. A row goes when the model is counted,
-- fails or is deleted; expires_at ends one an ingest left behind (a fetcher that died).
CREATE TABLE quota_reservation (
    model_id    UUID        PRIMARY KEY,
    project_id  UUID        NOT NULL,
    bytes       BIGINT      NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX quota_reservation_project ON quota_reservation (project_id);
