-- Capped collections: the number and BSON bytes of the documents each holds, kept by statement-level
-- triggers on its table (every write path counts, whatever code runs it), so trimming after an insert
-- reads two numbers instead of summing the table. Every write statement on a capped table first locks
-- its row here (capped_lock), which serializes the writers of one capped collection: `_seq` values are
-- then taken in commit order, and a tailable cursor that has read up to `_seq` n never sees an older
-- document appear later.
CREATE TABLE tusk_catalog.capped_usage (
    uuid      uuid PRIMARY KEY REFERENCES tusk_catalog.collections (uuid) ON DELETE CASCADE ON UPDATE CASCADE,
    documents bigint NOT NULL DEFAULT 0,
    bytes     bigint NOT NULL DEFAULT 0
);

-- The collection a table holds, found by the table's current schema and name (a rename across
-- databases gives the collection a new uuid, so triggers cannot carry it as an argument).
CREATE FUNCTION tusk_catalog.capped_uuid(schema_name text, table_name text) RETURNS uuid
LANGUAGE sql STABLE AS $$
    SELECT c.uuid FROM tusk_catalog.collections c JOIN tusk_catalog.databases d ON d.name = c.db
    WHERE d.schema_name = $1 AND c.table_name = $2
$$;

CREATE FUNCTION tusk_catalog.capped_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM tusk_catalog.capped_usage
    WHERE uuid = tusk_catalog.capped_uuid(TG_TABLE_SCHEMA, TG_TABLE_NAME) FOR UPDATE;
    RETURN NULL;
END
$$;

CREATE FUNCTION tusk_catalog.capped_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    docs  bigint := 0;
    total bigint := 0;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT docs + count(*), total + coalesce(sum(octet_length(doc)), 0) INTO docs, total FROM new_rows;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        SELECT docs - count(*), total - coalesce(sum(octet_length(doc)), 0) INTO docs, total FROM old_rows;
    END IF;
    IF docs <> 0 OR total <> 0 THEN
        UPDATE tusk_catalog.capped_usage SET documents = documents + docs, bytes = bytes + total
        WHERE uuid = tusk_catalog.capped_uuid(TG_TABLE_SCHEMA, TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END
$$;
