-- The site's identity: one row, made at random by the first sync that needs it and kept with the
-- data, so that a site keeps its place in every rollout across restarts, and the replicas that share
-- this database are one site.
CREATE TABLE site_identity (
  singleton  INTEGER     NOT NULL PRIMARY KEY CHECK (singleton = 1),
  id         VARCHAR(64) NOT NULL,
  created_at TIMESTAMP   NOT NULL
);
