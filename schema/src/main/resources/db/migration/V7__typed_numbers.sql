-- Numbers in the query form say their BSON type in their scale (QueryForm: scale % 4 is 0 int32, 1 int64,
-- 2 double, 3 Decimal128). Collections that exist now keep plain numbers (q_format 1) until rewritten;
-- collections created from now on have typed numbers (q_format 2), which lets PostgreSQL compute $sum and
-- $avg the way MongoDB types them.
ALTER TABLE tusk_catalog.collections ADD COLUMN q_format smallint NOT NULL DEFAULT 1;
ALTER TABLE tusk_catalog.collections ALTER COLUMN q_format SET DEFAULT 2;

-- patch_fields as in V6, except that an $inc's result goes into the query form typed: an int64 as "n.0".
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
                new_q := jsonb_set(new_q, keypath, to_jsonb(total), true);
            ELSE
                piece := '\x12'::bytea || comp || tusk_catalog.le_bytes(total, 8);
                new_q := jsonb_set(new_q, keypath, to_jsonb(round(total::numeric, 1)), true);
            END IF;
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
