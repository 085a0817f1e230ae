-- Requested ingests wait here, not on threads: a request is stored QUEUED (with its event, so any
-- fetcher can run it) and acknowledged; fetchers claim queued ingests fairly between projects as
-- their slots free up. A running ingest's fetcher beats heartbeat_at; one that stops beating (a dead
-- fetcher) has its ingest queued again and taken over.
ALTER TABLE ingest ADD COLUMN request TEXT;
ALTER TABLE ingest ADD COLUMN queued_at TIMESTAMPTZ;
ALTER TABLE ingest ADD COLUMN heartbeat_at TIMESTAMPTZ;
CREATE INDEX ingest_status_queued ON ingest (status, queued_at);
