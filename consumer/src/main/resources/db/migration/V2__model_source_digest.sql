-- The SHA-256 of all a model's effective form depends on in its release archive: the files of the
-- datasource, releases and services, its own file and its extends chain. An import skips parsing
-- a model whose source digest is the stored one. Null for rows written before it existed: those
-- are parsed again once.
ALTER TABLE server_model ADD COLUMN source_digest VARCHAR(64);
