package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.error.MongoServerException;
import dev.tusk.index.GeoIndexSpec;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/**
 * Malformed geospatial input, generated at random: parsing a query, matching a document and keying it
 * for an index either work or fail with a MongoDB error, never another exception or a hang.
 */
class GeoFuzzTest {
    private final Random random = new Random(99);

    private BsonValue value(int depth) {
        int pick = random.nextInt(depth > 3 ? 8 : 14);
        return switch (pick) {
            case 0 -> new BsonInt32(random.nextInt(400) - 200);
            case 1 -> new BsonDouble(random.nextDouble() * 400 - 200);
            case 2 -> new BsonDouble(List.of(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e308, 90.0, 180.0).get(random.nextInt(6)));
            case 3 -> new BsonString(List.of("Point", "Polygon", "LineString", "MultiPolygon", "GeometryCollection", "x").get(random.nextInt(6)));
            case 4 -> BsonNull.VALUE;
            case 5 -> new BsonDecimal128(random.nextBoolean() ? Decimal128.NaN : Decimal128.parse("12.5"));
            case 6, 7 -> new BsonDouble(random.nextInt(20) - 10);
            case 8, 9, 10 -> {
                BsonArray a = new BsonArray();
                int n = random.nextInt(6);
                for (int i = 0; i < n; i++) {
                    a.add(value(depth + 1));
                }
                yield a;
            }
            default -> {
                BsonDocument d = new BsonDocument();
                String[] keys = {"type", "coordinates", "geometries", "$geometry", "$maxDistance", "$minDistance", "$box",
                        "$polygon", "$center", "$centerSphere", "x", "crs"};
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    d.put(keys[random.nextInt(keys.length)], value(depth + 1));
                }
                yield d;
            }
        };
    }

    @Test
    void badInputIsAMongoErrorNeverACrash() {
        String[] ops = {"$geoWithin", "$geoIntersects", "$near", "$nearSphere", "$within", "$maxDistance"};
        GeoIndexSpec sphere = GeoIndexSpec.of(BsonDocument.parse("{loc: '2dsphere'}"), new BsonDocument()).orElseThrow();
        GeoIndexSpec flat = GeoIndexSpec.of(BsonDocument.parse("{loc: '2d'}"), new BsonDocument()).orElseThrow();
        int parsed = 0;
        int keyed = 0;
        for (int i = 0; i < 20_000; i++) {
            BsonDocument filter = new BsonDocument("loc", new BsonDocument(ops[random.nextInt(ops.length)], value(0)));
            BsonDocument doc = new BsonDocument("_id", new BsonInt32(i)).append("loc", value(0));
            FilterNode node = null;
            try {
                node = FilterParser.parse(filter);
                parsed++;
            } catch (MongoServerException e) {
                assertTrue(!e.getMessage().isEmpty());
            }
            if (node != null) {
                FilterEvaluator.matches(node, doc);
            }
            for (GeoIndexSpec spec : List.of(sphere, flat)) {
                try {
                    spec.keys(doc);
                    keyed++;
                    if (node != null) {
                        for (FilterNode.Geo g : GeoFilters.bindable(node)) {
                            spec.ranges(g.predicate());
                        }
                    }
                } catch (MongoServerException e) {
                    assertTrue(!e.getMessage().isEmpty());
                }
            }
        }
        assertTrue(parsed > 20, "some random filters are valid: " + parsed);
        assertTrue(keyed > 1000, "some random documents have keys: " + keyed);
    }
}
