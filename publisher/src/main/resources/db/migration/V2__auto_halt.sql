-- The releases the halt policy stopped, once each: after a maintainer resumes one, the policy
-- leaves it to the maintainers.
CREATE TABLE auto_halt (
  datasource VARCHAR(63)   NOT NULL,
  version    VARCHAR(100)  NOT NULL,
  halted_at  BIGINT        NOT NULL,
  reason     VARCHAR(1000) NOT NULL,
  PRIMARY KEY (datasource, version)
);
