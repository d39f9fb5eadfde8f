package dev.tusk.it.indexes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ExplainVerbosity;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import dev.tusk.it.support.Ids;
import dev.tusk.it.support.SideTablePlans;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * Reads through indexes return what the same reads return without them: seeded random documents (numbers
 * of every type, strings, dates, null, missing, arrays, documents) in a collection with single-field,
 * compound, descending, multikey, sparse and partial indexes and in one without, and seeded random
 * filters (equality, ranges, $in, anchored regexes, $elemMatch, $or of indexed fields, compound
 * prefixes) with and without a sort and limit, through the driver. Reproducible from the seed printed.
 */
class IndexedReadDifferentialIT {
    private static final MongoDatabase db = TuskTestServer.client().getDatabase("indexed_read_differential_it");
    private static final List<String> FIELDS = List.of("a", "b", "c", "d", "tags", "n.x");

    @Test
    void indexedReadsEqualUnindexedOnes() {
        long seed = Long.getLong("tusk.seed", 20261206L);
        Random random = new Random(seed);
        MongoCollection<Document> indexed = db.getCollection("indexed");
        MongoCollection<Document> plain = db.getCollection("plain");
        indexed.drop();
        plain.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Document d = new Document("_id", i);
            for (String f : List.of("a", "b", "c", "d")) {
                if (random.nextInt(6) > 0) {
                    d.append(f, value(random));
                }
            }
            if (random.nextInt(3) > 0) {
                d.append("tags", random.nextInt(5) == 0 ? value(random) : java.util.Arrays.asList(value(random), value(random)));
            }
            if (random.nextInt(3) > 0) {
                d.append("n", random.nextInt(4) == 0 ? List.of(new Document("x", value(random)), new Document("x", value(random)))
                        : new Document("x", value(random)));
            }
            docs.add(d);
        }
        indexed.insertMany(docs);
        plain.insertMany(docs);
        indexed.createIndex(new Document("a", 1));
        indexed.createIndex(new Document("b", -1).append("a", 1));
        indexed.createIndex(new Document("c", 1).append("d", -1));
        indexed.createIndex(new Document("tags", 1));
        indexed.createIndex(new Document("n.x", 1));
        indexed.createIndex(new Document("d", 1), new IndexOptions().sparse(true));
        indexed.createIndex(new Document("c", -1), new IndexOptions().partialFilterExpression(new Document("c", new Document("$gt", 5))));
        SideTablePlans.analyze();
        int indexReads = 0;
        int distinctScans = 0;
        for (int q = 0; q < 400; q++) {
            Document filter = filter(random, 0);
            Document sort = random.nextBoolean() ? null : new Document(FIELDS.get(random.nextInt(4)), random.nextBoolean() ? 1 : -1)
                    .append("_id", 1);
            int limit = sort == null ? 0 : 1 + random.nextInt(20);
            String what = "seed " + seed + ": find(" + filter.toJson() + ")" + (sort == null ? "" : ".sort(" + sort.toJson() + ").limit(" + limit + ")");
            if (sort == null) {
                assertEquals(Ids.sorted(plain.find(filter)), Ids.sorted(indexed.find(filter)), what);
                assertEquals(plain.countDocuments(filter), indexed.countDocuments(filter), what);
                String field = FIELDS.get(q % FIELDS.size()); // one document per key among the matches: same values, same types
                assertEquals(plain.distinct(field, filter, org.bson.BsonValue.class).into(new ArrayList<>()),
                        indexed.distinct(field, filter, org.bson.BsonValue.class).into(new ArrayList<>()), what + ".distinct(" + field + ")");
                distinctScans += db.runCommand(new Document("explain", new Document("distinct", "indexed").append("key", field)
                        .append("query", filter))).toJson().contains("\"DISTINCT_SCAN\"") ? 1 : 0;
            } else {
                assertEquals(Ids.of(plain.find(filter).sort(sort).limit(limit)), Ids.of(indexed.find(filter).sort(sort).limit(limit)), what);
            }
            String plan = indexed.find(filter).explain(ExplainVerbosity.QUERY_PLANNER).toJson();
            indexReads += plan.contains("\"IXSCAN\"") ? 1 : 0;
        }
        assertTrue(indexReads > 200, "too few reads went through an index: " + indexReads);
        assertTrue(distinctScans > 50, "too few distincts with a query read one document per key: " + distinctScans);
        for (String field : FIELDS) { // distinct reads one document per index key; same values, same BSON types
            assertEquals(plain.distinct(field, org.bson.BsonValue.class).into(new ArrayList<>()),
                    indexed.distinct(field, org.bson.BsonValue.class).into(new ArrayList<>()), "seed " + seed + ": distinct " + field);
        }
        Document distinctPlan = db.runCommand(new Document("explain", new Document("distinct", "indexed").append("key", "a")));
        assertTrue(distinctPlan.toJson().contains("\"DISTINCT_SCAN\""), distinctPlan.toJson());
    }

    /** More values than a page: the documents of each key are read a page of keys at a time, in `_key` order. */
    @Test
    void distinctOverManyKeysReadsEveryPage() {
        MongoCollection<Document> many = db.getCollection("many");
        MongoCollection<Document> manyPlain = db.getCollection("many_plain");
        many.drop();
        manyPlain.drop();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 6000; i++) { // 2,500 values, each as int32 and int64 or double, in different orders
            Object v = i % 3 == 0 ? (Object) (long) (i % 2500) : i % 3 == 1 ? (Object) (i % 2500) : (Object) (double) (i % 2500);
            docs.add(new Document("_id", 6000 - i).append("v", v).append("odd", i % 2 == 1));
        }
        many.insertMany(docs);
        manyPlain.insertMany(docs);
        many.createIndex(new Document("v", 1));
        for (Document query : List.of(new Document(), new Document("odd", true), new Document("v", new Document("$gte", 2400)))) {
            List<org.bson.BsonValue> expected = manyPlain.distinct("v", query, org.bson.BsonValue.class).into(new ArrayList<>());
            assertEquals(expected, many.distinct("v", query, org.bson.BsonValue.class).into(new ArrayList<>()), query.toJson());
            assertTrue(db.runCommand(new Document("explain", new Document("distinct", "many").append("key", "v").append("query", query)))
                    .toJson().contains("\"DISTINCT_SCAN\""), query.toJson());
        }
        assertEquals(2500, many.distinct("v", org.bson.BsonValue.class).into(new ArrayList<>()).size());
    }

    private static Object value(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> null;
            case 1 -> (long) random.nextInt(10);
            case 2 -> random.nextInt(10) + 0.5;
            case 3, 4 -> List.of("ab", "abc", "b", "ba", "x", "").get(random.nextInt(6));
            case 5 -> new Date(random.nextInt(5) * 1000L);
            case 6 -> new ObjectId(String.format("65000000000000000000000%d", random.nextInt(3)));
            case 7 -> random.nextBoolean();
            default -> random.nextInt(10);
        };
    }

    private static Document filter(Random random, int depth) {
        String field = FIELDS.get(random.nextInt(FIELDS.size()));
        Object v = value(random);
        Document f = switch (random.nextInt(depth == 0 ? 11 : 9)) {
            case 8 -> random.nextInt(5) == 0 // an $expr equality: the query equality it implies narrows the read
                    ? new Document("$expr", new Document("$eq", random.nextBoolean() ? List.of("$" + field, new Document("$literal", v))
                            : List.of(new Document("$literal", v), "$$ROOT." + field)))
                    : new Document(field, switch (random.nextInt(4)) {
                case 0 -> new Document("$exists", true);
                case 1 -> new Document("$ne", null);
                case 2 -> new Document("$nin", java.util.Arrays.asList(null, v));
                default -> new Document("$type", List.of("string", "number", "null", "date", "bool", "objectId", "array")
                        .get(random.nextInt(7)));
            });
            case 0 -> new Document(field, v);
            case 1 -> new Document(field, new Document(List.of("$gt", "$gte", "$lt", "$lte").get(random.nextInt(4)), v));
            case 2 -> new Document(field, new Document("$gte", random.nextInt(5)).append("$lt", 3 + random.nextInt(6)));
            case 3 -> new Document(field, new Document("$in", java.util.Arrays.asList(value(random), value(random), value(random))));
            case 4 -> new Document(field, new Document("$regex", List.of("^a", "^ab", "^b", "^x$", "^ab?").get(random.nextInt(5))));
            case 5 -> new Document("tags", new Document("$elemMatch", new Document("$gte", random.nextInt(5)).append("$lt", random.nextInt(9))));
            case 6 -> new Document("n", new Document("$elemMatch", new Document("x", v)));
            case 7 -> new Document(List.of("b", "c").get(random.nextInt(2)), value(random))
                    .append(List.of("a", "d").get(random.nextInt(2)), new Document("$gt", value(random)));
            default -> new Document("$or", List.of(filter(random, depth + 1), filter(random, depth + 1)));
        };
        if (depth == 0 && random.nextInt(4) == 0) {
            f.append("_x", new Document("$exists", false));
        }
        return f;
    }
}
