-- Lines shipped to the live log per worker (it stops at a line count as well as at a byte count).
ALTER TABLE job_worker ADD COLUMN log_shipped_lines BIGINT NOT NULL DEFAULT 0;
