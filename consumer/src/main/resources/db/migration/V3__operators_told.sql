-- Releases held for an admin's approval: one row per datasource and release held, written with
-- its notification in one transaction, so that a held release is told once, not at every poll,
-- across restarts and by one replica only. The row goes when the datasource is no longer held at
-- that version (imported, approved, replaced by a newer held release).
CREATE TABLE held_release (
  datasource  VARCHAR(63)  NOT NULL,
  version     VARCHAR(100) NOT NULL,
  repository  VARCHAR(200) NOT NULL,
  installed   VARCHAR(100),
  reason      TEXT         NOT NULL,
  held_at     TIMESTAMP    NOT NULL,
  PRIMARY KEY (datasource, version)
);

-- A sync is recorded once per change of its outcome, the row of an unchanged one moved to the
-- latest sync: finding a repository's newest row is done at every poll.
CREATE INDEX import_run_by_repository ON import_run (repository, id);

-- Root rotations the consumer followed, one row per repository and new root version, written with
-- their notification in one transaction: told once, by the first replica that follows it.
CREATE TABLE root_rotation (
  repository    VARCHAR(200) NOT NULL,
  version       BIGINT       NOT NULL,
  from_version  BIGINT       NOT NULL,
  changed_roles VARCHAR(100) NOT NULL,
  followed_at   TIMESTAMP    NOT NULL,
  PRIMARY KEY (repository, version)
);
