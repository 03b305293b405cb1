-- The publisher's fleet database: the sites enrolled and the latest state each one reported. One
-- schema for H2 and PostgreSQL, so only portable SQL here. Times are UTC milliseconds since the
-- epoch (BIGINT): exact on both databases whatever the JVM's time zone, and subtracted directly
-- for adoption times.

-- A site that may report: its identity, the label its operator gave it, and the Ed25519 key that
-- signs its reports. last_sequence refuses replayed reports.
CREATE TABLE site (
  id               CHAR(32)     NOT NULL PRIMARY KEY,
  label            VARCHAR(100) NOT NULL,
  public_key       CHAR(64)     NOT NULL,
  enrolled_at      BIGINT       NOT NULL,
  last_seen        BIGINT,
  last_sequence    BIGINT       NOT NULL DEFAULT 0,
  consumer_version VARCHAR(40)
);

CREATE INDEX site_last_seen ON site (last_seen);

-- A one-time enrolment token, known by its SHA-256 only; used_at and site are set when a site
-- enrols with it.
CREATE TABLE enrolment (
  token_sha256 CHAR(64)     NOT NULL PRIMARY KEY,
  label        VARCHAR(100) NOT NULL,
  created_at   BIGINT       NOT NULL,
  expires_at   BIGINT       NOT NULL,
  used_at      BIGINT,
  site         CHAR(32)
);

-- The latest state of each datasource at each site, replaced by every report that tells it.
CREATE TABLE site_datasource (
  site        CHAR(32)     NOT NULL REFERENCES site (id) ON DELETE CASCADE,
  datasource  VARCHAR(63)  NOT NULL,
  repository  VARCHAR(100) NOT NULL,
  installed   VARCHAR(100),
  previous    VARCHAR(100),
  outcome     VARCHAR(20)  NOT NULL,
  release_version VARCHAR(100),
  error_class VARCHAR(20),
  import_ms   BIGINT,
  reported_at BIGINT       NOT NULL,
  PRIMARY KEY (site, datasource)
);

-- Per release: the sites that run it, and those waiting, held or failed on it.
CREATE INDEX site_datasource_installed ON site_datasource (datasource, installed);
CREATE INDEX site_datasource_release ON site_datasource (datasource, release_version, outcome);

-- The conflicts a site has open on a datasource, counted by kind and severity.
CREATE TABLE site_conflict (
  site       CHAR(32)    NOT NULL,
  datasource VARCHAR(63) NOT NULL,
  kind       VARCHAR(40) NOT NULL,
  severity   VARCHAR(20) NOT NULL,
  open_count INTEGER     NOT NULL,
  PRIMARY KEY (site, datasource, kind, severity),
  FOREIGN KEY (site, datasource) REFERENCES site_datasource (site, datasource) ON DELETE CASCADE
);

-- When each site first reported a release installed, and how long its import took: adoption times
-- and import-time percentiles, read by release.
CREATE TABLE site_release (
  datasource         VARCHAR(63)  NOT NULL,
  version            VARCHAR(100) NOT NULL,
  site               CHAR(32)     NOT NULL REFERENCES site (id) ON DELETE CASCADE,
  first_installed_at BIGINT       NOT NULL,
  import_ms          BIGINT,
  PRIMARY KEY (datasource, version, site)
);

CREATE INDEX site_release_installed ON site_release (datasource, version, first_installed_at);
CREATE INDEX site_release_import ON site_release (datasource, version, import_ms);
