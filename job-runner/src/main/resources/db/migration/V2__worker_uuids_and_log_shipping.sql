-- Workers get the id trainML's clients name them by (job_worker_uuid), and job-runner remembers how
-- far it has shipped each worker's log to the live log stream (modelstore.job-logs).
ALTER TABLE job_worker ADD COLUMN worker_uuid UUID;
UPDATE job_worker SET worker_uuid = gen_random_uuid() WHERE worker_uuid IS NULL;
ALTER TABLE job_worker ALTER COLUMN worker_uuid SET NOT NULL;
CREATE UNIQUE INDEX job_worker_uuid ON job_worker (worker_uuid);

-- The file (its file key) and byte position in worker.log up to which lines were shipped; -1 once
-- the worker's live log reached its cap and stopped.
ALTER TABLE job_worker ADD COLUMN log_file_key TEXT;
ALTER TABLE job_worker ADD COLUMN log_position BIGINT NOT NULL DEFAULT 0;
ALTER TABLE job_worker ADD COLUMN log_shipped_bytes BIGINT NOT NULL DEFAULT 0;

-- Whether the job's last log event (ended) was shipped; jobs that ended before this migration count as shipped.
ALTER TABLE job ADD COLUMN log_ended BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE job SET log_ended = TRUE WHERE status IN ('FINISHED', 'FAILED', 'STOPPED', 'REMOVED');
