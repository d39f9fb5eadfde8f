-- An update that only sets, unsets or increments fields, applied by PostgreSQL to the stored row itself,
-- so an update by _id is one statement (dev.tusk.update.FieldPatch builds the arguments; its
-- differential test holds this function to the Java update language).
--
-- Operation i: kinds[i] 1 = $set, 2 = $unset, 3 = $inc by an int32/int64; paths[i] the field path, each
-- component's UTF-8 bytes followed by 0x00; elems[i] the BSON element named after the last component
-- ($set: the new element; $inc: the operand); jsons[i] its value's query form. Operations run in the
-- given order; a field that is not there is appended to its document.
--
-- status: 0 = the document is unchanged, 1 = changed (new_doc, new_q), 2 = not for this function (a
-- path through something other than an existing embedded document, an $inc of a field that is not an
-- int32/int64 or one that overflows int64, a result over 16 MiB): the caller runs the update in Java
-- instead, which applies MongoDB's rules and errors.
CREATE OR REPLACE FUNCTION tusk_catalog.patch_fields(doc bytea, q jsonb, paths bytea[], kinds int[],
    elems bytea[], jsons jsonb[], OUT status int, OUT new_doc bytea, OUT new_q jsonb)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    i int;
    rest bytea;  -- the components still to walk
    comp bytea;  -- the current component with its terminator
    k int;       -- its length
    keypath text[];
    starts int[]; -- offsets of the length prefixes of the documents walked through, outermost first
    base int;    -- offset of the current document's length prefix
    p int;       -- offset of the current element's type byte
    t int;       -- its type
    v int;       -- offset of its value
    e int;       -- offset just past it
    found boolean;
    piece bytea; -- what replaces [p, cut)
    cut int;
    lvl int;
    cur bigint;
    add bigint;
    total bigint;
    op_type int;
    at int;
    len int;     -- the current document's length
    region bytea; -- its elements
    c int;
BEGIN
    new_doc := doc || ''::bytea; -- decompressed once here, not by every byte read below
    new_q := q;
    FOR i IN 1 .. coalesce(array_length(kinds, 1), 0) LOOP
        rest := paths[i];
        keypath := '{}';
        starts := '{}';
        base := 0;
        LOOP
            k := position('\x00'::bytea IN rest);
            comp := substring(rest FROM 1 FOR k);
            rest := substring(rest FROM k + 1);
            keypath := keypath || convert_from(substring(comp FROM 1 FOR k - 1), 'UTF8');
            starts := starts || base;
            -- Where is the element? q knows whether it exists; if its name (with the terminator) occurs once
            -- in its document's bytes, that occurrence is it; otherwise walk the elements.
            len := tusk_catalog.le_int(new_doc, base, 16);
            IF NOT (new_q #> keypath[1:array_length(keypath, 1) - 1]) ? keypath[array_length(keypath, 1)] THEN
                p := base + len - 1; -- not there: its document's terminator
            ELSE
                region := substring(new_doc FROM base + 5 FOR len - 5);
                c := position(comp IN region);
                IF c > 1 AND position(comp IN substring(region FROM c + 1)) = 0 THEN
                    p := base + 2 + c;
                ELSE
                    p := base + 4;
                    LOOP -- four statements per element: PL/pgSQL pays for each
                        t := get_byte(new_doc, p);
                        EXIT WHEN t IS NULL OR t = 0 OR substring(new_doc FROM p + 2 FOR k) = comp;
                        v := p + 1 + position('\x00'::bytea IN substring(new_doc FROM p + 2));
                        p := v + tusk_catalog.bson_value_size(new_doc, v, t);
                    END LOOP;
                END IF;
            END IF;
            IF p IS NULL THEN -- a type this function does not know: leave the update to Java
                status := 2;
                RETURN;
            END IF;
            t := get_byte(new_doc, p);
            found := t <> 0;
            IF found THEN
                v := p + 1 + k;
                e := v + tusk_catalog.bson_value_size(new_doc, v, t);
            END IF;
            EXIT WHEN length(rest) = 0;
            IF NOT found OR t <> 3 THEN -- a missing parent, an array or a scalar on the way: Java's rules
                status := 2;
                RETURN;
            END IF;
            base := v;
        END LOOP;
        -- found: the element is [p, e) with type t and value at v; otherwise p is its document's terminator
        cut := CASE WHEN found THEN e ELSE p END;
        IF kinds[i] = 1 THEN
            piece := elems[i];
            new_q := jsonb_set(new_q, keypath, jsons[i], true);
        ELSIF kinds[i] = 2 THEN
            piece := ''::bytea;
            IF found THEN
                new_q := new_q #- keypath;
            END IF;
        ELSIF NOT found THEN
            piece := elems[i];
            new_q := jsonb_set(new_q, keypath, jsons[i], true);
        ELSIF t NOT IN (16, 18) THEN
            status := 2;
            RETURN;
        ELSE
            -- plain variables as arguments, so that PostgreSQL inlines the SQL helpers instead of calling them
            piece := elems[i];
            op_type := get_byte(piece, 0);
            at := 1 + k;
            cur := tusk_catalog.le_int(new_doc, v, t);
            add := tusk_catalog.le_int(piece, at, op_type);
            IF (add > 0 AND cur > 9223372036854775807 - add) OR (add < 0 AND cur < -9223372036854775808 - add) THEN
                status := 2;
                RETURN;
            END IF;
            total := cur + add;
            IF t = 16 AND op_type = 16 AND total BETWEEN -2147483648 AND 2147483647 THEN
                piece := '\x10'::bytea || comp || tusk_catalog.le_bytes(total, 4);
            ELSE
                piece := '\x12'::bytea || comp || tusk_catalog.le_bytes(total, 8);
            END IF;
            new_q := jsonb_set(new_q, keypath, to_jsonb(total), true);
        END IF;
        IF piece <> substring(new_doc FROM p + 1 FOR cut - p) THEN
            new_doc := substring(new_doc FROM 1 FOR p) || piece || substring(new_doc FROM cut + 1);
            -- the documents around the change grow or shrink with it
            FOR lvl IN 1 .. array_length(starts, 1) LOOP
                at := starts[lvl];
                total := tusk_catalog.le_int(new_doc, at, 16) + length(piece) - (cut - p);
                new_doc := overlay(new_doc PLACING tusk_catalog.le_bytes(total, 4) FROM at + 1 FOR 4);
            END LOOP;
        END IF;
    END LOOP;
    IF length(new_doc) > 16777216 THEN
        status := 2;
        RETURN;
    END IF;
    IF new_doc = doc THEN
        status := 0;
        new_doc := NULL;
        new_q := NULL;
    ELSE
        status := 1;
    END IF;
END
$$;

-- The size of the BSON value of type t at 0-based offset v; null for a type it does not know.
CREATE OR REPLACE FUNCTION tusk_catalog.bson_value_size(d bytea, v int, t int) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN t IN (1, 9, 17, 18) THEN 8
        WHEN t = 16 THEN 4
        WHEN t IN (2, 13, 14) THEN 4 + (get_byte(d, v) | (get_byte(d, v + 1) << 8) | (get_byte(d, v + 2) << 16) | (get_byte(d, v + 3) << 24))
        WHEN t IN (3, 4, 15) THEN (get_byte(d, v) | (get_byte(d, v + 1) << 8) | (get_byte(d, v + 2) << 16) | (get_byte(d, v + 3) << 24))
        WHEN t = 8 THEN 1
        WHEN t = 7 THEN 12
        WHEN t = 19 THEN 16
        WHEN t IN (6, 10, 127, 255) THEN 0
        WHEN t = 5 THEN 5 + (get_byte(d, v) | (get_byte(d, v + 1) << 8) | (get_byte(d, v + 2) << 16) | (get_byte(d, v + 3) << 24))
        WHEN t = 12 THEN 16 + (get_byte(d, v) | (get_byte(d, v + 1) << 8) | (get_byte(d, v + 2) << 16) | (get_byte(d, v + 3) << 24))
        WHEN t = 11 THEN position('\x00'::bytea IN substring(d FROM v + 1))
            + position('\x00'::bytea IN substring(d FROM v + 1 + position('\x00'::bytea IN substring(d FROM v + 1))))
    END
$$;

-- The signed little-endian integer (type 16: 4 bytes, 18: 8 bytes) at 0-based offset `at`.
CREATE OR REPLACE FUNCTION tusk_catalog.le_int(b bytea, at int, type int) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN type = 16 THEN
        (get_byte(b, at) | (get_byte(b, at + 1) << 8) | (get_byte(b, at + 2) << 16) | (get_byte(b, at + 3) << 24))::bigint
    ELSE
        get_byte(b, at)::bigint | (get_byte(b, at + 1)::bigint << 8) | (get_byte(b, at + 2)::bigint << 16)
        | (get_byte(b, at + 3)::bigint << 24) | (get_byte(b, at + 4)::bigint << 32) | (get_byte(b, at + 5)::bigint << 40)
        | (get_byte(b, at + 6)::bigint << 48) | (get_byte(b, at + 7)::bigint << 56)
    END
$$;

-- The low `size` (4 or 8) bytes of x, little-endian.
CREATE OR REPLACE FUNCTION tusk_catalog.le_bytes(x bigint, size int) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN size = 4 THEN
        set_byte(set_byte(set_byte(set_byte('\x00000000'::bytea,
            0, (x & 255)::int), 1, ((x >> 8) & 255)::int), 2, ((x >> 16) & 255)::int), 3, ((x >> 24) & 255)::int)
    ELSE
        set_byte(set_byte(set_byte(set_byte(set_byte(set_byte(set_byte(set_byte('\x0000000000000000'::bytea,
            0, (x & 255)::int), 1, ((x >> 8) & 255)::int), 2, ((x >> 16) & 255)::int), 3, ((x >> 24) & 255)::int),
            4, ((x >> 32) & 255)::int), 5, ((x >> 40) & 255)::int), 6, ((x >> 48) & 255)::int), 7, ((x >> 56) & 255)::int)
    END
$$;
