-- Guards of the local upload receiver: when the last chunk arrived (abandoned uploads are cleaned),
-- and who finalizes (one finalize per upload; a second one is refused, never deletes the first's work).
ALTER TABLE upload ADD COLUMN last_chunk_at TIMESTAMPTZ;
ALTER TABLE upload ADD COLUMN finalizing_since TIMESTAMPTZ;
