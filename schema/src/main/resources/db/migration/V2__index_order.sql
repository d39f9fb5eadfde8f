-- listIndexes shows indexes in creation order: remember when each was created.
ALTER TABLE tusk_catalog.indexes ADD COLUMN created_at timestamptz NOT NULL DEFAULT clock_timestamp();
