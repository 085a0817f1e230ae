-- A model's ingest log: what happened to it, in words, for its page and GET /model/{id}/logs.
CREATE TABLE model_log (
    id        BIGSERIAL PRIMARY KEY,
    model_id  UUID NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    at        TIMESTAMPTZ NOT NULL,
    message   TEXT NOT NULL
);

CREATE INDEX model_log_model ON model_log (model_id, id);
