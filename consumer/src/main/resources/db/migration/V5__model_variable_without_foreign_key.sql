-- The effective variables of each model, as in V1 but without the foreign key to server_model:
-- only an import writes these rows, right after their model's, and it deletes a model's variables
-- with the model, under the datasource's lock. The key made the database check every variable row
-- of an import against its model, one row at a time, which was most of a large import's time. The
-- table is made anew (its key's name is not the same on both databases) and its rows copied.
CREATE TABLE model_variable_v5 (
  datasource   VARCHAR(63) NOT NULL,
  release_name VARCHAR(63) NOT NULL,
  model        VARCHAR(63) NOT NULL,
  name         VARCHAR(63) NOT NULL,
  position     INTEGER     NOT NULL,
  service      VARCHAR(63) NOT NULL,
  value_json   TEXT,
  source       VARCHAR(300),
  PRIMARY KEY (datasource, release_name, model, name)
);
INSERT INTO model_variable_v5
  SELECT datasource, release_name, model, name, position, service, value_json, source
  FROM model_variable;
DROP TABLE model_variable;
ALTER TABLE model_variable_v5 RENAME TO model_variable;
