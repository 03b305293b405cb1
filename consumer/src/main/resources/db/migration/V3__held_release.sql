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
