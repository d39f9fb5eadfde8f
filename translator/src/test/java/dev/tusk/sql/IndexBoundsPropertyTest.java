package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.index.IndexBounds;
import dev.tusk.index.IndexKeys;
import dev.tusk.index.KeyRange;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/**
 * Index use never loses a match: for random documents and filters, every document the evaluator
 * matches has an index key inside the ranges IndexBounds derives (for each key pattern, both directions).
 */
class IndexBoundsPropertyTest {
    /** Key patterns, each with the wildcardProjection after a '|' where it has one. */
    private static final List<String> PATTERNS = List.of("{a: 1}", "{a: -1}", "{'a.b': 1}", "{'a.b': -1}", "{a: 1, b: -1}",
            "{b: -1, a: 1}", "{c: 1}", "{'a.0': 1}", "{'0': 1}", "{a: 'hashed'}", "{'a.b': 'hashed'}", "{a: 'hashed', b: -1}",
            "{b: 1, a: 'hashed'}", "{'$**': 1}", "{'a.$**': 1}", "{'$**': 1}|{a: 0}", "{'$**': 1}|{'a.b': 1, c: 1}",
            "{'$**': 1}|{'a.c': 0, b: 0}");

    @Test
    void boundsNeverExcludeAMatch() {
        long seed = Long.getLong("tusk.seed", 20261122L);
        Random random = new Random(seed);
        RandomBson bson = new RandomBson(random);
        RandomFilters filters = new RandomFilters(random);
        List<BsonDocument> docs = bson.documents(300);
        int checked = 0;
        java.util.Map<String, Integer> checkedByPattern = new java.util.HashMap<>();
        List<String> lower = List.of("$gt", "$gte");
        List<String> upper = List.of("$lt", "$lte");
        int elemMatchChecked = 0;
        int compoundChecked = 0;
        int regexChecked = 0;
        int typeChecked = 0;
        for (int f = 0; f < 2400; f++) {
            BsonDocument raw = switch (f % 8) {
                case 7 -> typeCondition(random, bson);
                case 6 -> new BsonDocument(List.of("a", "a.b", "b", "c").get(random.nextInt(4)), new BsonDocument("$regex",
                        new org.bson.BsonString(List.of("^a", "^ab", "^b", "^x", "^x.y$", "^é", "^😀", "^b.*", "^a?").get(random.nextInt(9))))
                        .append("$options", new org.bson.BsonString(random.nextBoolean() ? "" : "s")));
                case 5 -> compound(random, bson, docs);
                case 2 -> new BsonDocument(List.of("a", "a.b", "c").get(random.nextInt(3)),
                        new BsonDocument(lower.get(random.nextInt(2)), bson.value(3)).append(upper.get(random.nextInt(2)), bson.value(3)));
                case 3 -> equalityOnAStoredValue(random, docs);
                case 4 -> elemMatch(random, bson, docs);
                default -> filters.filter(0);
            };
            FilterNode filter;
            try {
                filter = FilterParser.parse(raw);
            } catch (MongoServerException e) {
                continue;
            }
            for (String pattern : PATTERNS) {
                for (boolean sparse : new boolean[] {false, true}) {
                    for (boolean multikey : new boolean[] {true, false}) {
                        IndexKeys index = index(pattern, sparse);
                        Optional<List<KeyRange>> ranges = IndexBounds.of(filter, index, sparse, multikey);
                        if (ranges.isEmpty()) {
                            continue;
                        }
                        for (BsonDocument d : docs) {
                            // bounds for an index that is not multikey only promise to hold for documents without arrays there
                            if (!FilterEvaluator.matches(filter, d) || !multikey && index.isMultikeyFor(d)) {
                                continue;
                            }
                            Set<ByteBuffer> keys;
                            try {
                                keys = index.of(d);
                            } catch (MongoServerException parallelOrHashedArrays) {
                                continue;
                            }
                            checked++;
                            elemMatchChecked += f % 8 == 4 ? 1 : 0;
                            compoundChecked += f % 8 == 5 && pattern.contains(",") ? 1 : 0;
                            regexChecked += f % 8 == 6 ? 1 : 0;
                            typeChecked += f % 8 == 7 ? 1 : 0;
                            checkedByPattern.merge(pattern, 1, Integer::sum);
                            boolean found = keys.stream().anyMatch(k -> inAny(k, ranges.get()));
                            assertTrue(found, "seed " + seed + ": index " + pattern + (sparse ? " sparse" : "")
                                    + (multikey ? "" : " not multikey") + " loses " + d.toJson() + " for filter " + raw.toJson());
                        }
                    }
                }
            }
        }
        assertTrue(checked > 1000, "too few matching cases checked: " + checked);
        assertTrue(regexChecked > 100, "too few regex matches checked: " + regexChecked);
        assertTrue(typeChecked > 300, "too few $type/$exists/$ne null matches checked: " + typeChecked);
        assertTrue(compoundChecked > 300, "too few compound matches checked: " + compoundChecked);
        assertTrue(elemMatchChecked > 100, "too few $elemMatch matches checked: " + elemMatchChecked);
        for (String pattern : PATTERNS) {
            if (pattern.contains("hashed") || pattern.contains("$**")) {
                assertTrue(checkedByPattern.getOrDefault(pattern, 0) > 20, "too few cases for " + pattern + ": " + checkedByPattern);
            }
        }
    }

    /** On a partial index the bounds of type conditions hold every match the index holds (the planner asks implication first). */
    @Test
    void typeBoundsOnPartialIndexesNeverExcludeAMatch() {
        long seed = Long.getLong("tusk.seed", 20261206L);
        Random random = new Random(seed);
        RandomBson bson = new RandomBson(random);
        List<BsonDocument> docs = bson.documents(300);
        List<String> partials = List.of("{b: {$exists: true}}", "{c: {$type: 'number'}}", "{a: {$exists: true}}", "{a: {$gt: 0}}");
        int checked = 0;
        for (int f = 0; f < 600; f++) {
            BsonDocument raw = typeCondition(random, bson);
            FilterNode filter;
            try {
                filter = FilterParser.parse(raw);
            } catch (MongoServerException e) {
                continue;
            }
            for (String pattern : List.of("{a: 1}", "{a: -1}", "{'a.b': 1}", "{a: 1, b: -1}", "{b: -1, c: 1}")) {
                for (String partial : partials) {
                    FilterNode partialFilter = FilterParser.parse(BsonDocument.parse(partial));
                    IndexKeys index = new IndexKeys(BsonDocument.parse(pattern), false, Optional.of(partialFilter));
                    Optional<List<KeyRange>> ranges = IndexBounds.of(filter, index, false, true);
                    if (ranges.isEmpty()) {
                        continue;
                    }
                    for (BsonDocument d : docs) {
                        if (!FilterEvaluator.matches(filter, d) || !FilterEvaluator.matches(partialFilter, d)) {
                            continue;
                        }
                        Set<ByteBuffer> keys;
                        try {
                            keys = index.of(d);
                        } catch (MongoServerException parallelArrays) {
                            continue;
                        }
                        checked++;
                        assertTrue(keys.stream().anyMatch(k -> inAny(k, ranges.get())), "seed " + seed + ": index " + pattern
                                + " partial " + partial + " loses " + d.toJson() + " for filter " + raw.toJson());
                    }
                }
            }
        }
        assertTrue(checked > 300, "too few matching cases checked: " + checked);
    }

    /** A condition on the field's types: $type, $exists: true, $ne: null, a $nin holding null, or two of them. */
    private static BsonDocument typeCondition(Random random, RandomBson bson) {
        List<String> types = List.of("number", "string", "object", "array", "null", "bool", "date", "int", "double", "minKey",
                "maxKey", "undefined", "regex", "objectId", "binData", "timestamp");
        BsonDocument ops = new BsonDocument();
        for (int i = 0; i < 1 + random.nextInt(2); i++) {
            switch (random.nextInt(5)) {
                case 0 -> ops.put("$type", random.nextBoolean() ? new org.bson.BsonString(types.get(random.nextInt(types.size())))
                        : new org.bson.BsonArray(List.of(new org.bson.BsonString(types.get(random.nextInt(types.size()))),
                                new org.bson.BsonString(types.get(random.nextInt(types.size()))))));
                case 1 -> ops.put("$exists", org.bson.BsonBoolean.TRUE);
                case 2 -> ops.put("$ne", org.bson.BsonNull.VALUE);
                case 3 -> ops.put("$nin", new org.bson.BsonArray(List.of(org.bson.BsonNull.VALUE, bson.value(2))));
                default -> ops.put("$gte", bson.value(2));
            }
        }
        return new BsonDocument(List.of("a", "a.b", "b", "c").get(random.nextInt(4)), ops);
    }

    /** Where IndexBounds.decides says so, the ranges hold exactly the matching documents: no test on them is needed. */
    @Test
    void decidingBoundsHoldExactlyTheMatches() {
        long seed = Long.getLong("tusk.seed", 20261205L);
        Random random = new Random(seed);
        RandomBson bson = new RandomBson(random);
        RandomFilters filters = new RandomFilters(random);
        List<BsonDocument> docs = bson.documents(400);
        List<String> ops = List.of("$eq", "$gt", "$gte", "$lt", "$lte");
        int decided = 0;
        int matched = 0;
        for (int f = 0; f < 3000; f++) {
            BsonDocument raw = switch (f % 4) {
                case 0 -> new BsonDocument("a", new BsonDocument(ops.get(random.nextInt(5)), bson.value(3)));
                case 1 -> new BsonDocument("a", new BsonDocument(ops.get(1 + random.nextInt(2)), bson.value(3))
                        .append(ops.get(3 + random.nextInt(2)), bson.value(3)));
                case 2 -> new BsonDocument("a", new BsonDocument("$in", new org.bson.BsonArray(List.of(bson.value(3), bson.value(3)))));
                default -> filters.filter(0);
            };
            FilterNode filter;
            try {
                filter = FilterParser.parse(raw);
            } catch (MongoServerException e) {
                continue;
            }
            for (String pattern : List.of("{a: 1}", "{a: -1}")) {
                IndexKeys index = new IndexKeys(BsonDocument.parse(pattern), false, Optional.empty());
                Optional<List<KeyRange>> ranges = IndexBounds.of(filter, index, false, false);
                if (ranges.isEmpty() || !IndexBounds.decides(filter, index, false, false)) {
                    continue;
                }
                decided++;
                for (BsonDocument d : docs) {
                    if (index.isMultikeyFor(d)) {
                        continue; // decides is asked only of indexes that are not multikey
                    }
                    boolean matches = FilterEvaluator.matches(filter, d);
                    matched += matches ? 1 : 0;
                    boolean found = index.of(d).stream().anyMatch(k -> inAny(k, ranges.get()));
                    assertEquals(matches, found, "seed " + seed + ": index " + pattern + ", filter " + raw.toJson()
                            + ", document " + d.toJson());
                }
            }
        }
        assertTrue(decided > 500 && matched > 500, "too few decided cases: " + decided + " filters, " + matched + " matches");
    }

    /** {path: v} for a value v some document holds at path, so equality-only indexes (hashed) meet matches too. */
    private static BsonDocument equalityOnAStoredValue(Random random, List<BsonDocument> docs) {
        String path = List.of("a", "a.b", "c", "b").get(random.nextInt(4));
        List<org.bson.BsonValue> reached = dev.tusk.query.ReachedValues.of(docs.get(random.nextInt(docs.size())),
                dev.tusk.bson.FieldPath.parse(path));
        return new BsonDocument(path, reached.isEmpty() ? org.bson.BsonNull.VALUE : reached.get(random.nextInt(reached.size())));
    }

    /**
     * An $elemMatch on values (ranges, equality, $in of stored values) or on documents (conditions on
     * their fields, nested and numeric paths too), where the index's one-element rules apply.
     */
    private static BsonDocument elemMatch(Random random, RandomBson bson, List<BsonDocument> docs) {
        if (random.nextBoolean()) {
            BsonDocument stored = equalityOnAStoredValue(random, docs);
            String path = stored.getFirstKey();
            BsonDocument conditions = switch (random.nextInt(3)) {
                case 0 -> new BsonDocument("$gte", bson.number()).append("$lt", bson.number());
                case 1 -> new BsonDocument("$eq", stored.get(path));
                default -> new BsonDocument("$in", new org.bson.BsonArray(List.of(stored.get(path), bson.value(3))));
            };
            return new BsonDocument(path, new BsonDocument("$elemMatch", conditions));
        }
        BsonDocument query = new BsonDocument();
        for (int i = random.nextInt(2); i >= 0; i--) {
            String field = List.of("b", "c", "0", "b.c", "1").get(random.nextInt(5));
            query.put(field, random.nextBoolean() ? bson.value(3)
                    : new BsonDocument(List.of("$gt", "$lte").get(random.nextInt(2)), bson.number()));
        }
        return new BsonDocument(List.of("a", "b", "c").get(random.nextInt(3)), new BsonDocument("$elemMatch", query));
    }

    /** Equalities or $in on a field (values some document holds) and a comparison on another, for compound bounds. */
    private static BsonDocument compound(Random random, RandomBson bson, List<BsonDocument> docs) {
        BsonDocument doc = docs.get(random.nextInt(docs.size()));
        BsonDocument out = new BsonDocument();
        for (String path : random.nextBoolean() ? List.of("a", "b") : List.of("b", "a")) {
            List<org.bson.BsonValue> reached = dev.tusk.query.ReachedValues.of(doc, dev.tusk.bson.FieldPath.parse(path));
            org.bson.BsonValue stored = reached.isEmpty() ? org.bson.BsonNull.VALUE : reached.get(random.nextInt(reached.size()));
            out.put(path, switch (random.nextInt(4)) {
                case 0 -> stored;
                case 1 -> new BsonDocument("$in", new org.bson.BsonArray(List.of(stored, bson.value(3))));
                default -> new BsonDocument(List.of("$gt", "$gte", "$lt", "$lte").get(random.nextInt(4)),
                        random.nextBoolean() ? stored : bson.value(3));
            });
        }
        return out;
    }

    private static IndexKeys index(String pattern, boolean sparse) {
        String[] parts = pattern.split("\\|");
        Optional<BsonDocument> projection = parts.length > 1 ? Optional.of(BsonDocument.parse(parts[1])) : Optional.empty();
        return new IndexKeys(BsonDocument.parse(parts[0]), sparse, Optional.empty(), projection);
    }

    private static boolean inAny(ByteBuffer key, List<KeyRange> ranges) {
        byte[] k = new byte[key.remaining()];
        key.duplicate().get(k);
        return ranges.stream().anyMatch(r -> Arrays.compareUnsigned(k, r.from()) >= 0 && Arrays.compareUnsigned(k, r.to()) < 0);
    }
}
