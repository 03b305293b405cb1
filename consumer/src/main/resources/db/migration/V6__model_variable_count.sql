-- The number of each model's effective variables, written with the model by an import, so that a
-- listing of the models (the models command, the admin API, the console) reads it from the row
-- rather than counting the rows of model_variable, forty to eighty a model, each time it is shown.
ALTER TABLE server_model ADD COLUMN variable_count INTEGER;
UPDATE server_model SET variable_count = (
  SELECT COUNT(*) FROM model_variable v WHERE v.datasource = server_model.datasource
    AND v.release_name = server_model.release_name AND v.model = server_model.name);
ALTER TABLE server_model ALTER COLUMN variable_count SET NOT NULL;
