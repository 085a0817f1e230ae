-- Local models waiting for, or receiving, their upload. Chunks are objects under the model's own
-- prefix (models/<id>/upload/<offset>); a chunk is acknowledged only after its object is stored
-- and expected_offset moved past it, so a restart never loses an acknowledged chunk.
CREATE TABLE upload (
    model_id          UUID    PRIMARY KEY REFERENCES ingest (model_id),
    token_hash        TEXT    NOT NULL UNIQUE,
    upload_id         TEXT,
    expected_offset   BIGINT  NOT NULL DEFAULT 0
);
