-- Shared by every service (each in its own schema): the transactional outbox and the processed-event inbox.

-- Events written in the same transaction as the state change they announce; the relay publishes
-- them to Kafka in order of seq and then deletes them.
CREATE TABLE outbox_event (
    seq         BIGSERIAL   PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per event a consumer has applied, written in the same transaction as its effect, so a
-- redelivered event is recognised and skipped.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
