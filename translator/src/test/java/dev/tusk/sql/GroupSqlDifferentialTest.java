package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.pg.EmbeddedPostgres;
import dev.tusk.pipeline.Pipeline;
import dev.tusk.pipeline.SqlGroup;
import dev.tusk.storage.IdKey;
import dev.tusk.storage.QueryForm;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * The $group stage in Java (the reference) against its statement in PostgreSQL ({@link GroupSql}) and
 * {@link SqlGroup#outputs}: random documents of every groupable kind × random groups (counts, $sum, $avg, $min,
 * $max, $push, $first and $last, some after a $sort, some after an $unwind, some after a $lookup and the $unwind of its matches, a quarter after $project/$set/$unset stages that keep or rename their paths, keys of date parts; the Java side reads the documents in `_key` order, as a table scan
 * does); where the SQL side
 * does not decline, the documents are the same, values and BSON types, in the same order.
 */
class GroupSqlDifferentialTest {
    private static final int DOCUMENTS = 1_500;
    private static final int PIPELINES = 360;

    /**
     * Values jsonb groups as MongoDB does, with equal numbers of four types (documents, arrays and paths
     * through arrays, which make a group decline, are GroupPushdownIT's).
     */
    private static BsonValue scalar(Random r) {
        return switch (r.nextInt(10) == 9 ? 11 : r.nextInt(9)) {
            case 0 -> new BsonString("s" + r.nextInt(4));
            case 1 -> new BsonInt32(r.nextInt(3));
            case 2 -> new BsonInt64(r.nextInt(3));
            case 3 -> new BsonDouble(r.nextInt(3));
            case 4 -> new BsonDouble(r.nextDouble() * 10);
            case 5 -> new BsonDecimal128(new Decimal128(r.nextInt(3)));
            case 6 -> BsonNull.VALUE;
            case 7 -> new BsonDateTime(1_700_000_000_000L + r.nextInt(3));
            case 8 -> BsonBoolean.valueOf(r.nextBoolean());
            default -> new BsonInt64(Long.MAX_VALUE - r.nextInt(2));
        };
    }

    private static List<BsonDocument> documents(Random r) {
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            BsonDocument d = new BsonDocument("_id", new BsonInt32(i)).append("x", new BsonInt32(r.nextInt(100)))
                    .append("g", new BsonString("g" + r.nextInt(4)))
                    .append("i", new BsonInt32(r.nextInt(2_000_000) - 1_000_000))
                    .append("l", new BsonInt64(r.nextInt(1000)))
.append("d", new BsonDouble(r.nextDouble() * 100))
                    .append("n", switch (r.nextInt(3)) { // equal numbers of three types: a set keeps the first seen
                        case 0 -> new BsonInt32(1 + r.nextInt(3));
                        case 1 -> new BsonInt64(1 + r.nextInt(3));
                        default -> new BsonDouble(1 + r.nextInt(3));
                    });
            if (r.nextInt(8) > 0) {
                d.append("k", scalar(r));
            }
            if (r.nextBoolean()) {
                d.append("v", r.nextInt(60) == 0 ? scalar(r) : new BsonInt32(r.nextInt(50)));
            }
            switch (r.nextInt(7)) { // unwound: arrays (rarely nested, which sends a group keyed by them to Java), empty, a scalar, null, missing
                case 0, 1, 2 -> d.append("arr", new BsonArray(List.of(scalar(r), scalar(r), scalar(r)).subList(0, 1 + r.nextInt(3))));
                case 3 -> d.append("arr", r.nextInt(40) == 0 ? new BsonArray(List.of(new BsonArray(List.of(new BsonInt32(1))), new BsonInt32(2)))
                        : new BsonArray(List.of(new BsonInt32(r.nextInt(3)), new BsonInt32(r.nextInt(3)))));
                case 4 -> d.append("arr", r.nextBoolean() ? new BsonArray() : BsonNull.VALUE);
                case 5 -> d.append("arr", scalar(r));
                default -> { }
            }
            switch (r.nextInt(12)) { // grouped by its date parts: dates of any era (UTC), null, missing, rarely not a date
                case 0 -> d.append("t", BsonNull.VALUE);
                case 1 -> { }
                case 2 -> d.append("t", new BsonDateTime(-86_400_000L * r.nextInt(700_000)));
                default -> d.append("t", new BsonDateTime(r.nextLong(-62_000_000_000_000L, 253_000_000_000_000L) / 1000 * 1000
                        + (r.nextBoolean() ? 999 : r.nextInt(1000))));
            }
            if (r.nextBoolean()) { // unwound: documents, or (rarely) scalars under which a path finds nothing
                d.append("ad", new BsonArray(List.of(new BsonDocument("f", new BsonInt32(r.nextInt(3))),
                        r.nextInt(20) == 0 ? new BsonInt32(7) : new BsonDocument("f", scalar(r)))));
            }
            switch (r.nextInt(3)) { // sorted by, never grouped: arrays sort by their least (greatest) element
                case 0 -> d.append("s", new BsonArray(List.of(scalar(r), scalar(r))));
                case 1 -> d.append("s", scalar(r));
                default -> { }
            }
            switch (r.nextInt(4)) {
                case 0 -> d.append("e", new BsonDocument("f", scalar(r)));
                case 1 -> d.append("e", new BsonDocument("f", new BsonInt32(r.nextInt(3))));
                case 2 -> d.append("e", new BsonString("scalar"));
                default -> { }
            }
            d.append("jid", new BsonInt32(r.nextInt(FOREIGN + 50))); // joined on the foreign `_id`; some match nothing
            d.append("jk", joinValue(r)); // joined with what jsonb equality joins exactly
            switch (r.nextInt(30)) { // joined with values that send the pipeline to Java, rarely
                case 0 -> d.append("jm", BsonNull.VALUE);
                case 1 -> { }
                case 2 -> d.append("jm", new BsonArray(List.of(joinValue(r), joinValue(r))));
                default -> d.append("jm", joinValue(r));
            }
            docs.add(d);
        }
        return docs;
    }

    private static final int FOREIGN = 300;

    /** A value an equality $lookup joins on: numbers of three types with equal values, strings, dates. */
    private static BsonValue joinValue(Random r) {
        int n = r.nextInt(25);
        return switch (r.nextInt(6)) {
            case 0 -> new BsonInt64(n);
            case 1 -> new BsonDouble(n);
            case 2 -> new BsonString("s" + r.nextInt(5));
            case 3 -> new BsonDateTime(1_700_000_000_000L + r.nextInt(3));
            default -> new BsonInt32(n);
        };
    }

    /** The documents a $lookup joins: several per value, some values on none; fm rarely an array (MongoDB matches its elements). */
    private static List<BsonDocument> foreign(Random r) {
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < FOREIGN; i++) {
            BsonDocument d = new BsonDocument("_id", new BsonInt32(i)).append("fk", joinValue(r))
                    .append("t", new BsonString("t" + r.nextInt(3))).append("w", new BsonInt32(r.nextInt(100)));
            d.append("fm", r.nextInt(40) == 0 ? new BsonArray(List.of(joinValue(r), joinValue(r))) : joinValue(r));
            if (r.nextBoolean()) {
                d.append("sub", new BsonDocument("f", scalar(r)));
            }
            docs.add(d);
        }
        return docs;
    }

    /** What a share of the compared pipelines must exercise, told from its text. */
    private record Feature(String name, java.util.function.Predicate<String> seen, int least) {}

    private static final List<Feature> FEATURES = List.of(
            new Feature("after a $sort", j -> j.contains("$sort"), 10),
            new Feature("after an $unwind", j -> j.contains("$unwind"), 5),
            new Feature("after $project/$set/$unset", j -> j.contains("$project") || j.contains("$unset"), 10),
            new Feature("by date parts", j -> j.contains(": '$t'}"), 10),
            new Feature("by $dateToString", j -> j.contains("$dateToString"), 10),
            new Feature("by $dateTrunc", j -> j.contains("$dateTrunc"), 5),
            new Feature("$bucket", j -> j.contains("$bucket"), 10),
            new Feature("conditional counts", j -> j.contains("$cond"), 10),
            new Feature("conditional values", j -> j.matches(".*\\$cond: \\[\\{\\$(eq|ne): \\[[^]]*\\]\\}, ('\\$|[^,]*, '\\$).*"), 10),
            new Feature("with $push", j -> j.contains("$push"), 3),
            new Feature("after a $lookup", j -> j.contains("$lookup"), 10),
            new Feature("preserving null and empty arrays", j -> j.contains("preserveNullAndEmptyArrays"), 5),
            new Feature("$match after the $unwind", j -> j.contains("$match"), 5),
            new Feature("with $addToSet", j -> j.contains("$addToSet"), 5),
            new Feature("$count", j -> j.contains("$count"), 3));

    private static final List<String> DATE_PARTS = List.of("year", "month", "dayOfMonth", "hour", "minute", "second", "millisecond",
            "dayOfYear", "dayOfWeek", "week", "isoWeek", "isoWeekYear", "isoDayOfWeek");

    /** Conditional counts: equalities of paths (of every kind the data has) with strings, numbers and booleans, and their negations. */
    private static final List<String> CONDITIONS = List.of("[{$eq: ['$g', 'g1']}, 1, 0]", "{if: {$ne: ['$k', 's1']}, then: 2, else: -1}",
            "[{$eq: [3, '$x']}, {$numberLong: '1'}, 0]", "[{$eq: ['$d', 50.5]}, 1, 0]", "[{$eq: ['$e.f', 1]}, 1, 0]",
            "[{$ne: ['$nothing', true]}, 1, 0]", "[{$eq: ['$arr', 's1']}, 1, 0]", "[{$eq: ['$i', {$numberLong: '7'}]}, 2147483647, 0]",
            "[{$eq: ['$v', 'x']}, 0, 1]", "[{$eq: ['$ad.f', 1]}, 1, 0]");

    /** Conditional values: a path's values on one side of a test, a constant or nothing on the other. */
    private static final List<String> TESTS = List.of("{$eq: ['$g', 'g1']}", "{$ne: ['$k', 's1']}", "{$eq: [3, '$x']}",
            "{$eq: ['$e.f', 1]}", "{$ne: ['$nothing', true]}", "{$eq: ['$arr', 's1']}");
    private static final List<String> OTHERWISE = List.of("0", "null", "'$$REMOVE'", "{$numberLong: '-2'}", "1");

    /** $dateTrunc units (and, declined, weeks, bins and time zones). */
    private static final List<String> TRUNC_UNITS = List.of("year'", "quarter'", "month'", "day'", "hour'", "minute'", "second'",
            "month', binSize: 1", "week'", "month', binSize: 2", "day', timezone: '+02:00'");

    /** $dateToString formats: every specifier, fixed text, a format showing no part, and (declined) time zones. */
    private static final List<String> DATE_FORMATS = List.of("%Y-%m-%d", "%Y-%m", "%H:%M:%S.%L", "%Y-%j %u", "%G-W%V", "day %w/%U",
            "%Y%%%m", "no parts", "%Y-%m-%dT%H:%M:%S.%LZ%z", "%d', timezone: '+01:00", "%m', timezone: null, onNull: '$k");

    private static String pipeline(Random r) {
        List<String> sorts = List.of("{k: 1}", "{k: -1, x: 1}", "{e: 1}", "{x: -1}", "{d: 1}", "{nothing: 1}", "{s: 1}", "{s: -1, k: 1}",
                "{g: 1, s: 1}");
        List<String> joins = List.of("localField: 'jk', foreignField: 'fk'", "localField: 'jid', foreignField: '_id'",
                "localField: 'jk', foreignField: 'fk'", "localField: 'jid', foreignField: '_id'",
                "localField: 'jm', foreignField: 'fk'", "localField: 'jk', foreignField: 'fm'");
        List<String> unwinds = List.of("'$arr'", "'$ad'", "{path: '$arr', preserveNullAndEmptyArrays: true}",
                "{path: '$ad', preserveNullAndEmptyArrays: true}", "{path: '$e.f', preserveNullAndEmptyArrays: true}",
                "{path: '$ad.f', preserveNullAndEmptyArrays: true}");
        String before = switch (r.nextInt(8)) {
            case 0, 1 -> "{$sort: " + sorts.get(r.nextInt(sorts.size())) + "}, ";
            case 2, 3 -> "{$unwind: " + unwinds.get(r.nextInt(unwinds.size())) + "}, ";
            case 4, 5 -> "{$lookup: {from: 'other', " + joins.get(r.nextInt(joins.size())) + ", as: 'j'}}, {$unwind: "
                    + (r.nextInt(3) == 0 ? "{path: '$j', preserveNullAndEmptyArrays: true}" : "'$j'") + "}, ";
            default -> "";
        };
        boolean joined = before.contains("$lookup");
        boolean unwound = !joined && before.contains("$unwind");
        List<String> matches = joined ? List.of("{'j.t': 't1'}", "{'j.w': {$gte: 50}}", "{j: {$exists: false}}", "{'j.sub.f': {$type: 'number'}}",
                "{$or: [{'j.t': 't0'}, {x: {$gt: 50}}]}", "{$expr: {$gt: ['$x', 10]}}", "{j: {$ne: null}, g: {$in: ['g1', 'g2']}}")
                : List.of("{arr: {$gt: 0}}", "{arr: 's1'}", "{'ad.f': 1}", "{'ad.f': {$in: [0, 2]}}", "{g: 'g1'}", "{arr: null}",
                        "{$or: [{arr: {$type: 'string'}}, {x: {$lt: 50}}]}", "{'e.f': {$exists: true}}", "{ad: {$exists: false}}",
                        "{$nor: [{'e.f': 1}, {arr: 2}]}");
        if (before.contains("$unwind") && r.nextInt(3) == 0) {
            before += "{$match: " + matches.get(r.nextInt(matches.size())) + "}, ";
        }
        // arr's values are arrays (which no group or sum takes in SQL) unless unwound
        List<String> keys = new ArrayList<>(List.of("'$k'", "'$g'", "'$e.f'", "{a: '$g', b: '$k'}", "null", "'$x'",
                "{$" + DATE_PARTS.get(r.nextInt(DATE_PARTS.size())) + ": '$t'}",
                "{y: {$year: '$t'}, m: {$" + DATE_PARTS.get(r.nextInt(DATE_PARTS.size())) + ": '$t'}}",
                "{$dateToString: {date: '$t', format: '" + DATE_FORMATS.get(r.nextInt(DATE_FORMATS.size())) + "'}}",
                "{day: {$dateToString: {date: '$t', format: '" + DATE_FORMATS.get(r.nextInt(DATE_FORMATS.size())) + "', onNull: 'none'}},"
                        + " g: '$g'}",
                "{$dateTrunc: {date: '$t', unit: '" + TRUNC_UNITS.get(r.nextInt(TRUNC_UNITS.size())) + "}}"));
        List<String> paths = new ArrayList<>(List.of("'$i'", "'$l'", "'$d'", "'$v'", "'$k'", "'$e.f'", "'$nothing'", "'$n'"));
        List<String> positional = new ArrayList<>(List.of("'$k'", "'$e.f'", "'$nothing'", "'$$ROOT'", "'$$CURRENT.v'", "'constant'"));
        if (unwound) {
            keys.addAll(List.of("'$arr'", "'$arr'", "'$ad.f'", "'$ad.f'", "{a: '$arr', b: '$g'}", "{a: '$ad.f', b: '$g'}", "{a: '$e.f', b: '$ad'}"));
            paths.addAll(List.of("'$arr'", "'$ad.f'", "'$ad.f'"));
            positional.addAll(List.of("'$arr'", "'$ad'"));
        }
        if (joined) {
            keys.addAll(List.of("'$j.t'", "'$j.t'", "'$j.fk'", "{a: '$g', b: '$j.t'}", "'$j.sub.f'", "'$jk'"));
            paths.addAll(List.of("'$j.w'", "'$j.w'", "'$j.sub.f'", "'$j._id'"));
            positional.addAll(List.of("'$j'", "'$j.t'", "'$j.sub'"));
        }
        List<String> operators = List.of("$sum", "$avg", "$min", "$max", "$push", "$addToSet");
        String key = keys.get(r.nextInt(keys.size()));
        boolean bucket = !joined && !unwound && r.nextInt(3) == 0;
        StringBuilder group = new StringBuilder(bucket ? "{groupBy: " + List.of("'$x'", "'$d'", "'$i'", "'$e.f'", "'$k'", "'$n'").get(r.nextInt(6))
                + ", boundaries: " + List.of("[0, 25, 50.5, 100]", "[-1, {$numberLong: '10'}, 30]", "[0.1, 0.2, 99.9]", "[40, 60]")
                .get(r.nextInt(4)) + (r.nextInt(3) > 0 ? ", default: 'other'" : "") + ", output: {n: {$sum: 1}" : "{_id: " + key);
        for (int o = 0, n = 1 + r.nextInt(4); o < n; o++) {
            group.append(", f").append(o).append(": ").append(switch (r.nextInt(8)) {
                case 0 -> "{$sum: " + (r.nextInt(7) - 3) + "}";
                case 6 -> "{$sum: {$cond: " + CONDITIONS.get(r.nextInt(CONDITIONS.size())) + "}}";
                case 7 -> "{" + (r.nextBoolean() ? "$sum" : "$avg") + ": {$cond: [" + TESTS.get(r.nextInt(TESTS.size())) + ", "
                        + (r.nextBoolean() ? paths.get(r.nextInt(paths.size())) + ", " + OTHERWISE.get(r.nextInt(OTHERWISE.size()))
                        : OTHERWISE.get(r.nextInt(OTHERWISE.size())) + ", " + paths.get(r.nextInt(paths.size()))) + "]}}";
                case 1 -> "{" + (r.nextBoolean() ? "$first" : "$last") + ": " + positional.get(r.nextInt(positional.size())) + "}";
                default -> "{" + operators.get(r.nextInt(operators.size())) + ": " + paths.get(r.nextInt(paths.size())) + "}";
            });
        }
        List<String> reshapes = List.of("{$project: {k: 1, g: 1, x: 1, i: 1, l: 1, d: 1, v: 1, e: 1, arr: 1, ad: 1, s: 1, t: 1, nothing: 1, jk: 1, jid: 1}}, ",
                "{$set: {kk: '$k', c: 1}}, {$project: {k: '$g', g: '$kk', x: 1, i: 1, l: 1, d: 1, v: 1, e: 1, arr: 1, ad: 1, s: 1, t: 1, nothing: 1,"
                        + " jk: '$jid', jid: '$jk', jm: 1}}, ",
                "{$unset: ['zz', 'e.zz']}, ", "{$project: {unused: 0}}, ");
        String reshape = r.nextInt(4) == 0 ? reshapes.get(r.nextInt(reshapes.size())) : "";
        return "[" + reshape + before + (bucket ? "{$bucket: " + group + "}}}]"
                : r.nextInt(12) == 0 ? "{$count: 'c'}]" : "{$group: " + group + "}}]");
    }

    @Test
    void postgresqlGroupsAsTheGroupStageDoes() throws SQLException {
        long seed = Long.getLong("tusk.seed", 20261205L);
        Random r = new Random(seed);
        List<BsonDocument> docs = documents(r);
        List<BsonDocument> others = new ArrayList<>();
        foreign(r).forEach(d -> others.add(new RawBsonDocument(d, new BsonDocumentCodec())));
        // the $lookup's reader: the reference evaluator over the foreign documents
        dev.tusk.pipeline.CollectionReader reader = (from, filter) -> others.stream()
                .<BsonDocument>map(d -> d).filter(d -> dev.tusk.query.FilterEvaluator.matches(filter, d)).iterator();
        List<byte[]> keys = new ArrayList<>();
        docs.forEach(d -> keys.add(IdKey.encode(d.get("_id"))));
        List<BsonDocument> inKeyOrder = new ArrayList<>(docs);
        inKeyOrder.sort((a, b) -> Arrays.compareUnsigned(IdKey.encode(a.get("_id")), IdKey.encode(b.get("_id"))));
        int compared = 0;
        java.util.Map<String, Integer> covered = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(EmbeddedPostgres.testJdbcUrl())) {
            try (var st = c.createStatement()) {
                st.execute("SET jit = off");
                st.execute("CREATE TEMP TABLE grouped (_key bytea PRIMARY KEY, doc bytea NOT NULL, q jsonb NOT NULL)");
                st.execute("CREATE TEMP TABLE other (_key bytea PRIMARY KEY, doc bytea NOT NULL, q jsonb NOT NULL)");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO other VALUES (?, ?, ?::jsonb)")) {
                for (BsonDocument d : others) {
                    RawBsonDocument raw = (RawBsonDocument) d;
                    ps.setBytes(1, IdKey.encode(d.get("_id")));
                    ps.setBytes(2, Arrays.copyOf(raw.getByteBuffer().array(), raw.getByteBuffer().remaining()));
                    ps.setString(3, QueryForm.toJson(d));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO grouped VALUES (?, ?, ?::jsonb)")) {
                for (int i = 0; i < docs.size(); i++) {
                    RawBsonDocument raw = new RawBsonDocument(docs.get(i), new BsonDocumentCodec());
                    ps.setBytes(1, keys.get(i));
                    ps.setBytes(2, Arrays.copyOf(raw.getByteBuffer().array(), raw.getByteBuffer().remaining()));
                    ps.setString(3, QueryForm.toJson(docs.get(i)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            for (int n = 0; n < PIPELINES; n++) {
                String json = pipeline(r);
                Pipeline p = Pipeline.parse(BsonArray.parse(json));
                Optional<SqlGroup> maybe = p.sqlGroup();
                if (maybe.isEmpty()) {
                    continue; // a path the $project drops: the pipeline runs in Java
                }
                SqlGroup g = maybe.get();
                if (!GroupSql.computable(g)) {
                    continue; // a $match after the $unwind that PostgreSQL cannot apply exactly
                }
                Optional<List<BsonDocument>> inSql = g.outputs(run(c, GroupSql.of(g, "pg_temp.grouped", "true", List.of(), true,
                        g.lookup().map(l -> "pg_temp.other"))));
                if (inSql.isEmpty()) {
                    continue; // declined: the pipeline runs in Java
                }
                List<BsonDocument> inJava = new ArrayList<>();
                p.run(inKeyOrder.iterator(), reader).forEachRemaining(inJava::add);
                List<BsonDocument> grouped = new ArrayList<>();
                g.rest().run(inSql.get().iterator()).forEachRemaining(grouped::add); // a $count's projection
                assertEquals(inJava, grouped, "seed " + seed + ": " + json);
                compared++;
                for (Feature f : FEATURES) {
                    if (f.seen().test(json)) {
                        covered.merge(f.name(), 1, Integer::sum);
                    }
                }
            }
        }
        assertTrue(compared > PIPELINES / 4, "groups computed in SQL: " + compared);
        for (Feature f : FEATURES) {
            assertTrue(covered.getOrDefault(f.name(), 0) >= f.least(), "groups " + f.name() + " computed in SQL: " + covered);
        }
    }

    /** The rows of the statement, read as the server reads them. */
    private static List<SqlGroup.Group> run(Connection c, GroupSql st) throws SQLException {
        List<SqlGroup.Group> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(st.sql())) {
            int i = 1;
            for (Object v : st.binds()) {
                if (v instanceof String field) {
                    ps.setString(i++, field);
                } else {
                    ps.setArray(i++, c.createArrayOf("text", (String[]) v));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    st.read(rs).ifPresent(groups::add);
                }
            }
        }
        return groups;
    }
}
