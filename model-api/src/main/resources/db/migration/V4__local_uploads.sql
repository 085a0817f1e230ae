-- The per-model token a user's computer uploads a local model with, encrypted like credentials.
-- It is shown while the model waits for its upload and refused by the receiver once it is done.
ALTER TABLE model ADD COLUMN upload_token BYTEA;
