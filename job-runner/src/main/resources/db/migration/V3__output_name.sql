-- A job's output model name (data.output_options.name); NULL means 'Job - <name>'.
ALTER TABLE job ADD COLUMN output_name VARCHAR(255);
