package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.bson.FieldPath;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.ReachedValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;

/**
 * A batch of $lookup inputs joined with one read gives each input exactly the documents its own query
 * {foreignField: {$in: its localField values}} returns, in `_id` order, even when the read comes in
 * another order — on random values of mixed types, arrays, nested arrays, nulls and missing fields.
 */
class LookupBatchTest {
    @Test
    void aBatchJoinEqualsOneQueryPerDocument() {
        Random random = new Random(20261205);
        for (int round = 0; round < 50; round++) {
            List<BsonDocument> foreign = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                foreign.add(withField(new BsonDocument("_id", new BsonInt32(i)), "f", random));
            }
            List<BsonDocument> inputs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                inputs.add(withField(new BsonDocument("_id", new BsonInt32(1000 + i)), "l", random));
            }
            List<List<BsonDocument>> batched = LookupBatch.matches(inputs, FieldPath.parse("l"), "f", filterDocument -> {
                var filter = dev.tusk.query.FilterParser.parse(filterDocument);
                List<BsonDocument> read = new ArrayList<>(foreign.stream().filter(d -> FilterEvaluator.matches(filter, d)).toList());
                java.util.Collections.shuffle(read, random); // an index's order, say: not `_id` order
                return read.iterator();
            });
            for (int i = 0; i < inputs.size(); i++) {
                var filter = LookupBatch.in("f", ReachedValues.of(inputs.get(i), FieldPath.parse("l")));
                List<BsonDocument> alone = foreign.stream().filter(d -> FilterEvaluator.matches(filter, d)).toList();
                assertEquals(alone, batched.get(i), "round " + round + ", input " + inputs.get(i).toJson());
            }
        }
    }

    private static BsonDocument withField(BsonDocument doc, String field, Random random) {
        if (random.nextInt(8) > 0) {
            doc.append(field, value(random, 0));
        }
        return doc;
    }

    private static BsonValue value(Random random, int depth) {
        return switch (random.nextInt(depth < 2 ? 7 : 5)) {
            case 0 -> new BsonInt32(random.nextInt(6));
            case 1 -> new BsonDouble(random.nextInt(6));
            case 2 -> new BsonInt64(random.nextInt(6));
            case 3 -> new BsonString("s" + random.nextInt(4));
            case 4 -> BsonNull.VALUE;
            default -> {
                BsonArray a = new BsonArray();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(value(random, depth + 1));
                }
                yield a;
            }
        };
    }
}
