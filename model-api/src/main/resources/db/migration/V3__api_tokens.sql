-- API tokens: each acts for one project. Only the SHA-256 of a token is stored; the token itself
-- is shown once, when it is created.
CREATE TABLE api_token (
    id          UUID        PRIMARY KEY,
    project_id  UUID        NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    name        TEXT        NOT NULL,
    token_hash  TEXT        NOT NULL UNIQUE,
    hint        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX api_token_by_project ON api_token (project_id);
