-- An index becomes multikey (and stays so, as in MongoDB) once a document gives it more than one key
-- or an array value; only indexes that are not multikey can return documents in sort order.
ALTER TABLE tusk_catalog.indexes ADD COLUMN multikey boolean NOT NULL DEFAULT false;
