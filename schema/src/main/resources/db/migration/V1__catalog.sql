-- Tusk's catalog: which MongoDB database lives in which schema, which collection in which table,
-- and which index under which PostgreSQL name. Mongo names compare as binary UTF-8 (COLLATE "C").
-- options/spec are json, not jsonb: field order is part of their meaning ({a: 1, b: 1} is not {b: 1, a: 1}).
-- The schema tusk_catalog itself is created by Flyway (Catalog.migrate: schemas("tusk_catalog")),
-- which keeps its history table there.

CREATE TABLE tusk_catalog.databases (
    name        text COLLATE "C" PRIMARY KEY,
    schema_name text COLLATE "C" NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tusk_catalog.collections (
    db         text COLLATE "C" NOT NULL REFERENCES tusk_catalog.databases (name) ON DELETE CASCADE ON UPDATE CASCADE,
    name       text COLLATE "C" NOT NULL,
    table_name text COLLATE "C" NOT NULL,
    uuid       uuid NOT NULL UNIQUE,
    options    json NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (db, name),
    UNIQUE (db, table_name)
);

CREATE TABLE tusk_catalog.indexes (
    db         text COLLATE "C" NOT NULL,
    collection text COLLATE "C" NOT NULL,
    name       text COLLATE "C" NOT NULL,
    pg_name    text COLLATE "C" NOT NULL,
    spec       json NOT NULL,
    PRIMARY KEY (db, collection, name),
    UNIQUE (db, pg_name),
    FOREIGN KEY (db, collection) REFERENCES tusk_catalog.collections (db, name) ON DELETE CASCADE ON UPDATE CASCADE
);
