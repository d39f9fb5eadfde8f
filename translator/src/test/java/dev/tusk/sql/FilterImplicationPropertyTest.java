package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterImplication;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * A partial index is used only when the query implies its filter: for random documents, partial
 * filters (MongoDB's allowed operators) and queries (tightened from the filter or random), every
 * document a query matches matches each filter FilterImplication says it implies.
 */
class FilterImplicationPropertyTest {
    private static final List<String> PATHS = List.of("a", "b", "a.b", "a.0", "c");
    private static final List<String> OPS = List.of("$eq", "$gt", "$gte", "$lt", "$lte");
    private static final List<String> TYPES = List.of("number", "string", "int", "double", "date", "bool", "objectId", "null",
            "array", "object", "long", "symbol");

    @Test
    void impliedFiltersHoldEveryMatch() {
        long seed = Long.getLong("tusk.seed", 20261206L);
        Random random = new Random(seed);
        RandomBson bson = new RandomBson(random);
        RandomFilters filters = new RandomFilters(random);
        List<BsonDocument> docs = bson.documents(300);
        int implied = 0;
        int refused = 0;
        int matchesChecked = 0;
        for (int f = 0; f < 6000; f++) {
            BsonDocument rawCondition = condition(random, bson, 0);
            BsonDocument rawQuery = switch (f % 3) {
                case 0 -> tightened(random, bson, rawCondition);
                case 1 -> and(tightened(random, bson, rawCondition), filters.filter(1));
                default -> filters.filter(0);
            };
            FilterNode condition;
            FilterNode query;
            try {
                condition = FilterParser.parse(rawCondition);
                query = FilterParser.parse(rawQuery);
            } catch (MongoServerException e) {
                continue;
            }
            if (!FilterImplication.implies(query, condition)) {
                refused++;
                continue;
            }
            implied++;
            for (BsonDocument d : docs) {
                if (FilterEvaluator.matches(query, d)) {
                    matchesChecked++;
                    assertTrue(FilterEvaluator.matches(condition, d), "seed " + seed + ": " + rawQuery.toJson() + " matches "
                            + d.toJson() + " but its implied " + rawCondition.toJson() + " does not");
                }
            }
        }
        assertTrue(implied > 1000, "too few implied pairs: " + implied);
        assertTrue(refused > 1000, "too few refused pairs: " + refused);
        assertTrue(matchesChecked > 5000, "too few matches checked: " + matchesChecked);
    }

    @Test
    void aConditionNeverImpliedByAnUnrelatedQueryIsRefused() {
        FilterNode condition = FilterParser.parse(BsonDocument.parse("{rating: {$gt: 5}}"));
        assertFalse(FilterImplication.implies(FilterParser.parse(BsonDocument.parse("{cuisine: 'x'}")), condition));
    }

    /** A partial filter of the operators MongoDB allows in one: equality, ranges, $exists: true, $type, $in, $and, $or. */
    private static BsonDocument condition(Random random, RandomBson bson, int depth) {
        int kind = random.nextInt(depth < 2 ? 9 : 7);
        String path = PATHS.get(random.nextInt(PATHS.size()));
        return switch (kind) {
            case 0, 1 -> new BsonDocument(path, scalar(random, bson));
            case 2, 3 -> new BsonDocument(path, new BsonDocument(OPS.get(1 + random.nextInt(4)), scalar(random, bson)));
            case 4 -> new BsonDocument(path, new BsonDocument("$exists", BsonBoolean.TRUE));
            case 5 -> new BsonDocument(path, new BsonDocument("$type", new BsonString(TYPES.get(random.nextInt(TYPES.size())))));
            case 6 -> new BsonDocument(path, new BsonDocument("$in", new BsonArray(List.of(scalar(random, bson), scalar(random, bson)))));
            case 7 -> new BsonDocument("$and", new BsonArray(List.of(condition(random, bson, depth + 1), condition(random, bson, depth + 1))));
            default -> new BsonDocument("$or", new BsonArray(List.of(condition(random, bson, depth + 1), condition(random, bson, depth + 1))));
        };
    }

    /** A query over the condition's paths that often lies inside it: a nearby comparison, an $in, or the condition itself. */
    private static BsonDocument tightened(Random random, RandomBson bson, BsonDocument condition) {
        String field = condition.getFirstKey();
        BsonValue spec = condition.get(field);
        if (field.equals("$and") || field.equals("$or")) {
            List<BsonValue> parts = new ArrayList<>();
            for (BsonValue c : spec.asArray()) {
                parts.add(tightened(random, bson, c.asDocument()));
            }
            return new BsonDocument(random.nextBoolean() ? "$and" : field, new BsonArray(parts));
        }
        return switch (random.nextInt(5)) {
            case 0 -> condition;
            case 1 -> new BsonDocument(field, new BsonDocument("$in", new BsonArray(List.of(scalar(random, bson), scalar(random, bson)))));
            case 2 -> new BsonDocument(field, scalar(random, bson));
            default -> new BsonDocument(field, new BsonDocument(OPS.get(random.nextInt(5)), scalar(random, bson)));
        };
    }

    private static BsonDocument and(BsonDocument a, BsonDocument b) {
        return new BsonDocument("$and", new BsonArray(List.of(a, b)));
    }

    /** Scalars from RandomBson's pools, mostly numbers so that comparisons meet. */
    private static BsonValue scalar(Random random, RandomBson bson) {
        BsonValue v;
        do {
            v = random.nextInt(3) == 0 ? bson.value(3) : bson.number();
        } while (v.isDocument() || v.isArray() || v.isRegularExpression());
        return v;
    }
}
