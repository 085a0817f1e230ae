-- Optional per-project storage quotas, set by operators. No row: no quota.
CREATE TABLE project_quota (
    project_id   UUID        PRIMARY KEY,
    quota_bytes  BIGINT      NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
