-- An index is built while writes go on: its catalog row exists (so writers maintain its side table)
-- before the existing documents are all in it; until then it is not ready and no query reads it.
ALTER TABLE tusk_catalog.indexes ADD COLUMN ready boolean NOT NULL DEFAULT true;
