package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;

/**
 * Groups a collection's matching documents by field paths of their query form and counts each group,
 * in one statement: per group its size, its first document (smallest `_key`) and whether PostgreSQL's
 * grouping may differ from MongoDB's there. jsonb equality is MongoDB's for numbers (1, 1.0 and
 * NumberLong(1) are one group), strings, booleans, null and the one-field objects that stand for
 * dates, ObjectIds, timestamps, binary data, NaN and infinities, MinKey and MaxKey; it is not for
 * embedded documents (jsonb ignores field order), arrays (they may hold documents), strings with
 * U+0001 (U+0000 is stored as it), numbers beyond numeric's range, nor for a path through an array
 * (MongoDB's field path then collects from every element). A group with any of those is "unsafe":
 * the caller then runs the $group in Java.
 */
public final class GroupCountQuery {
    /** One group: how many documents, whether the grouping may differ from MongoDB's, its first document's BSON. */
    public record Group(long count, boolean unsafe, byte[] first) {}

    private static final String MARKERS = "ARRAY['$date', '$oid', '$ts', '$num', '$bin', '$minKey', '$maxKey']";

    private GroupCountQuery() {}

    /**
     * The groups of the documents matching {@code where} (an exact condition), by the values at
     * {@code keyPaths}; {@code single}: one path whose missing and null values are one group.
     */
    public static List<Group> run(DocumentStore store, CollectionInfo c, Condition where, List<List<String>> keyPaths,
            boolean single, TimeBudget budget) {
        List<Object> binds = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<String> throughArrays = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<String> unsafeKeys = new ArrayList<>();
        for (int i = 0; i < keyPaths.size(); i++) {
            List<String> path = keyPaths.get(i);
            columns.add("t.q #> ?::text[] AS k" + i);
            binds.add(path.toArray(String[]::new));
            keys.add((single ? "coalesce(k" + i + ", 'null'::jsonb)" : "k" + i) + " AS g" + i);
            unsafeKeys.add(unsafeValue("g.g" + i));
            for (int j = 1; j < path.size(); j++) {
                columns.add("t.q #> ?::text[] AS k" + i + "_" + j);
                binds.add(path.subList(0, j).toArray(String[]::new));
                throughArrays.add("jsonb_typeof(k" + i + "_" + j + ") = 'array'");
            }
        }
        binds.addAll(DocumentStore.RENDER.extractBindValues(where));
        List<String> groupBy = new ArrayList<>();
        for (int i = 0; i < keyPaths.size(); i++) {
            groupBy.add(String.valueOf(4 + i));
        }
        String table = c.qualifiedTable();
        // whether a key value is one jsonb groups as MongoDB does is the same for the whole group: asked once per group;
        // whether a path went through an array is asked of every document
        String sql = "WITH m AS (SELECT t._key, " + String.join(", ", columns) + " FROM " + table + " t WHERE "
                + DocumentStore.RENDER.render(where) + "),"
                // PostgreSQL has no min(bytea); hex digits keep the byte order under COLLATE "C"
                + " g AS (SELECT min(encode(_key, 'hex') COLLATE \"C\") AS first, count(*) AS n, "
                + (throughArrays.isEmpty() ? "false" : "coalesce(bool_or(" + String.join(" OR ", throughArrays) + "), false)")
                + " AS through, " + String.join(", ", keys) + " FROM m GROUP BY " + String.join(", ", groupBy) + ")"
                + " SELECT g.n, g.through OR " + String.join(" OR ", unsafeKeys) + ", t.doc FROM g JOIN " + table
                + " t ON t._key = decode(g.first, 'hex')";
        return store.withBudget(budget, conn -> {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int i = 1;
                for (Object v : binds) {
                    switch (v) {
                        case String[] path -> ps.setArray(i++, conn.createArrayOf("text", path));
                        case org.jooq.JSONB json -> ps.setString(i++, json.data());
                        case byte[] bytes -> ps.setBytes(i++, bytes);
                        default -> ps.setObject(i++, v);
                    }
                }
                List<Group> groups = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups.add(new Group(rs.getLong(1), rs.getBoolean(2), rs.getBytes(3)));
                    }
                }
                return groups;
            }
        });
    }

    /** Whether jsonb may group this key value otherwise than MongoDB (see the class comment). */
    private static String unsafeValue(String v) {
        return "(CASE jsonb_typeof(" + v + ")"
                + " WHEN 'object' THEN NOT jsonb_exists_any(" + v + ", " + MARKERS + ")"
                + " WHEN 'array' THEN true"
                + " WHEN 'string' THEN strpos(" + v + " #>> '{}', chr(1)) > 0"
                + " WHEN 'number' THEN abs(" + v + "::numeric) >= 1e900 OR (" + v + "::numeric <> 0 AND abs(" + v + "::numeric) <= 1e-900)"
                + " ELSE false END)";
    }
}
