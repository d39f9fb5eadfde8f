package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * The equalities an $expr implies never lose a match: on random documents, every document the $expr
 * matches also matches each equality derived from it, so the parsed filter (equalities and $expr)
 * matches exactly what the $expr alone does.
 */
class ExprEqualitiesPropertyTest {
    @Test
    void impliedEqualitiesHoldWhereverTheExprDoes() {
        long seed = Long.getLong("tusk.seed", 20261206L);
        Random random = new Random(seed);
        RandomBson bson = new RandomBson(random);
        List<BsonDocument> docs = bson.documents(300);
        int derived = 0;
        int matched = 0;
        for (int f = 0; f < 1500; f++) {
            BsonValue expr = random.nextInt(4) == 0
                    ? new BsonDocument("$and", new BsonArray(List.of(eq(random, bson, docs), eq(random, bson, docs))))
                    : eq(random, bson, docs);
            FilterNode parsed;
            try {
                parsed = FilterParser.parse(new BsonDocument("$expr", expr));
            } catch (MongoServerException e) {
                continue;
            }
            if (!(parsed instanceof FilterNode.And and)) {
                continue;
            }
            derived++;
            FilterNode exprAlone = and.children().get(and.children().size() - 1);
            for (BsonDocument d : docs) {
                boolean byExpr = FilterEvaluator.matches(exprAlone, d);
                matched += byExpr ? 1 : 0;
                assertEquals(byExpr, FilterEvaluator.matches(parsed, d), "seed " + seed + ": {$expr: " + expr.toString() + "} on " + d.toJson());
            }
        }
        assertTrue(derived > 500, "too few $expr filters gave equalities: " + derived);
        assertTrue(matched > 200, "too few matches checked: " + matched);
    }

    /** {$eq: [field, value]} in either order: '$x' or '$$ROOT.x', the value often one a document holds there. */
    private static BsonDocument eq(Random random, RandomBson bson, List<BsonDocument> docs) {
        String field = List.of("a", "b", "c", "a.b", "0").get(random.nextInt(5));
        BsonValue ref = new BsonString(random.nextBoolean() ? "$" + field : "$$ROOT." + field);
        BsonDocument stored = docs.get(random.nextInt(docs.size()));
        BsonValue value = random.nextBoolean() && stored.containsKey(field) ? stored.get(field) : bson.value(1);
        BsonValue literal = new BsonDocument("$literal", value);
        return new BsonDocument("$eq", new BsonArray(random.nextBoolean() ? List.of(ref, literal) : List.of(literal, ref)));
    }
}
