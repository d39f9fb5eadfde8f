package dev.tusk.sql;

import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonValue;

/** Random filters over the paths and values {@link RandomBson} produces. */
final class RandomFilters {
    static final List<String> PATHS = List.of("a", "b", "c", "a.b", "a.c", "a.0", "b.1", "a.b.c", "c.a", "0", "a.$d");
    static final List<String> OPS = List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists", "$type",
            "$size", "$all", "$elemMatch", "$regex", "$mod", "$not", "implicit", "$bitsAllSet", "$bitsAnyClear");
    static final List<String> TYPES = List.of("double", "string", "object", "array", "binData", "objectId", "bool", "date",
            "null", "regex", "int", "timestamp", "long", "decimal", "minKey", "maxKey", "number", "symbol");

    private final Random random;
    private final RandomBson values;

    RandomFilters(Random random) {
        this.random = random;
        this.values = new RandomBson(random);
    }

    BsonDocument filter(int depth) {
        int kind = random.nextInt(10);
        if (depth < 2 && kind == 0) {
            String op = List.of("$and", "$or", "$nor").get(random.nextInt(3));
            BsonArray clauses = new BsonArray();
            for (int i = random.nextInt(3); i >= 0; i--) {
                clauses.add(filter(depth + 1));
            }
            return new BsonDocument(op, clauses);
        }
        BsonDocument filter = new BsonDocument();
        for (int i = random.nextInt(2); i >= 0; i--) {
            String path = PATHS.get(random.nextInt(PATHS.size()));
            if (path.startsWith("a.$")) {
                path = "a.b";
            }
            filter.put(path, condition(depth));
        }
        return filter;
    }

    private BsonValue condition(int depth) {
        String op = OPS.get(random.nextInt(OPS.size()));
        return switch (op) {
            case "implicit" -> scalarOrNull(depth);
            case "$in", "$nin", "$all" -> {
                BsonArray list = new BsonArray();
                for (int i = random.nextInt(3); i >= 0; i--) {
                    list.add(random.nextInt(8) == 0 ? new BsonRegularExpression("b") : scalarOrNull(depth));
                }
                yield new BsonDocument(op, list);
            }
            case "$exists" -> new BsonDocument(op, BsonBoolean.valueOf(random.nextBoolean()));
            case "$type" -> new BsonDocument(op, new BsonString(TYPES.get(random.nextInt(TYPES.size()))));
            case "$size" -> new BsonDocument(op, new BsonInt32(random.nextInt(3)));
            case "$elemMatch" -> random.nextBoolean()
                    ? new BsonDocument(op, new BsonDocument("$gte", values.number()).append("$lt", values.number()))
                    : new BsonDocument(op, new BsonDocument(RandomBson.NAMES.get(random.nextInt(3)), scalarOrNull(depth)));
            case "$regex" -> new BsonDocument(op, new BsonString(List.of("^a", "b", "É", "^x.y$").get(random.nextInt(4))))
                    .append("$options", new BsonString(random.nextBoolean() ? "i" : ""));
            case "$mod" -> new BsonDocument(op, new BsonArray(List.of(new BsonInt32(2), new BsonInt32(random.nextInt(2)))));
            case "$bitsAllSet", "$bitsAnyClear" -> new BsonDocument(op, random.nextBoolean() ? new BsonInt32(random.nextInt(8))
                    : new BsonArray(List.of(new BsonInt32(random.nextInt(3)), new BsonInt32(random.nextInt(70)))));
            case "$not" -> new BsonDocument(op, new BsonDocument(List.of("$gt", "$eq", "$lt").get(random.nextInt(3)), scalarOrNull(depth)));
            default -> new BsonDocument(op, scalarOrNull(depth));
        };
    }

    private BsonValue scalarOrNull(int depth) {
        return switch (random.nextInt(12)) {
            case 0 -> BsonNull.VALUE;
            case 1 -> values.array(3);
            case 2 -> values.document(3);
            default -> {
                BsonValue v = values.value(3);
                yield v instanceof BsonRegularExpression ? new BsonInt32(1) : v;
            }
        };
    }
}
