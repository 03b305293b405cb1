-- The site's identity: one row, made at random by the first sync that needs it and kept with the
-- data, so that a site keeps its place in every rollout across restarts, and the replicas that share
-- this database are one site. The key that signs its reports to the publisher (PKCS#8 PEM) is made
-- when the site first enrols; the sequence numbers its reports, so that a replayed one is refused.
CREATE TABLE site_identity (
  singleton       INTEGER     NOT NULL PRIMARY KEY CHECK (singleton = 1),
  id              VARCHAR(64) NOT NULL,
  created_at      TIMESTAMP   NOT NULL,
  report_key      TEXT,
  report_sequence BIGINT      NOT NULL DEFAULT 0
);

-- The publishers this site enrolled with, per repository, and the label it enrolled under.
CREATE TABLE report_enrolment (
  repository  VARCHAR(200)  NOT NULL PRIMARY KEY,
  url         VARCHAR(2000) NOT NULL,
  label       VARCHAR(100)  NOT NULL,
  enrolled_at TIMESTAMP     NOT NULL
);

-- The repositories whose state changed since their last report was delivered. The report is made
-- when it is sent, from the state then: a publisher that is down for a week gets one report when it
-- is back, not a week of them. change_count grows with each change, so that a change made while a
-- report was on its way is not lost when that report is delivered.
CREATE TABLE report_outbox (
  repository      VARCHAR(200) NOT NULL PRIMARY KEY,
  change_count    BIGINT       NOT NULL,
  created_at      TIMESTAMP    NOT NULL,
  attempts        INTEGER      NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMP    NOT NULL,
  last_error      TEXT
);
