-- Shared by every service: outbox rows that Kafka refused for good (a record too large, an invalid
-- topic) move here with the error, so they never hold up the rows behind them. Operators read them
-- (health, metric modelstore_outbox_dead_letters) and may replay or delete them.
CREATE TABLE outbox_dead_letter (
    seq         BIGINT      PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    error       TEXT        NOT NULL,
    failed_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- when the owning service applied the consequence (e.g. failed the model); null until then
    handled_at  TIMESTAMPTZ
);
