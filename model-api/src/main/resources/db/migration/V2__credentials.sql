-- A project's keys for third-party sources, one per type. The secret is encrypted (AES-GCM) with
-- the key from configuration; the row's project and type are bound into the ciphertext.
CREATE TABLE credential (
    project_id  UUID        NOT NULL REFERENCES project (id),
    type        TEXT        NOT NULL,
    key_id      TEXT        NOT NULL,
    secret      BYTEA       NOT NULL,
    tenant      TEXT,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (project_id, type)
);
