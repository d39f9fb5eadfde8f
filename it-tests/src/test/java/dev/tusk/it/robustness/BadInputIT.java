package dev.tusk.it.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import dev.tusk.it.support.TuskTestServer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * Commands with one argument replaced by a value of the wrong type or shape (seeded, reproducible):
 * every reply is a result or a MongoDB error with a code, never an internal error (code 1) or a
 * dropped connection. Operators of filters, updates, stages, expressions and accumulators get the same.
 */
class BadInputIT {
    private static final MongoDatabase db = TuskTestServer.client().getDatabase("bad_input_it");

    private static final List<Object> BAD = List.of(1, -1, 0, 1.5, 5L, new Decimal128(25), "x", "", "$x", "$a", List.of(),
            List.of(1, 2), List.of("a"), new Document(), new Document("a", 1), new Document("$x", 1), new Document("a.b", 1), true,
            new Date(0), new ObjectId("650000000000000000000001"), Pattern.compile("re"), new BsonMinKey(), new BsonMaxKey(),
            Double.NaN, Double.POSITIVE_INFINITY, new BsonTimestamp(1, 1), List.of(List.of()), List.of(new Document()),
            2147483648L, -2147483649L, Long.MAX_VALUE);

    private static List<Object> badValues() {
        List<Object> out = new ArrayList<>(BAD);
        out.add(null);
        return out;
    }

    private static final List<String> BASES = List.of(
            "{find: 'c', filter: {a: 1}, sort: {a: 1}, projection: {a: 1}, skip: 0, limit: 2, batchSize: 1, hint: {_id: 1}, min: {_id: 0}, max: {_id: 5}, let: {v: 1}, collation: {locale: 'simple'}, maxTimeMS: 1000}",
            "{aggregate: 'c', pipeline: [{$match: {a: 1}}], cursor: {batchSize: 1}, allowDiskUse: true, let: {v: 1}, hint: {_id: 1}}",
            "{count: 'c', query: {a: 1}, limit: 1, skip: 0, hint: {_id: 1}}",
            "{distinct: 'c', key: 'a', query: {a: 1}}",
            "{insert: 'c', documents: [{_id: 100, a: 1}], ordered: true}",
            "{update: 'c', updates: [{q: {_id: 1}, u: {$set: {a: 2}}, upsert: false, multi: false, arrayFilters: []}], ordered: true}",
            "{delete: 'c', deletes: [{q: {_id: 99}, limit: 1}], ordered: true}",
            "{findAndModify: 'c', query: {_id: 1}, sort: {a: 1}, update: {$inc: {a: 1}}, new: true, fields: {a: 1}, upsert: false}",
            "{createIndexes: 'c2', indexes: [{key: {a: 1}, name: 'a_1', unique: false, sparse: false, partialFilterExpression: {a: {$gt: 1}}, expireAfterSeconds: 10}]}",
            "{create: 'c3', capped: false, size: 1000, validator: {a: {$type: 'int'}}, validationLevel: 'strict', validationAction: 'error'}",
            "{collMod: 'c', validator: {}, validationLevel: 'off'}",
            "{listCollections: 1, filter: {name: 'c'}, nameOnly: false, cursor: {batchSize: 1}}",
            "{listIndexes: 'c', cursor: {batchSize: 1}}",
            "{explain: {find: 'c', filter: {a: 1}}, verbosity: 'queryPlanner'}",
            "{getMore: {$numberLong: '12345'}, collection: 'c', batchSize: 1}",
            "{killCursors: 'c', cursors: [{$numberLong: '1'}]}",
            "{hello: 1, helloOk: true, client: {driver: {name: 'x'}}}",
            "{connectionStatus: 1, showPrivileges: true}",
            "{explain: {distinct: 'c', key: 'a', query: {}}, verbosity: 'executionStats'}",
            "{explain: {update: 'c', updates: [{q: {}, u: {$set: {a: 1}}}]}, verbosity: 'queryPlanner'}");

    private static final List<String> FILTER_OPS = List.of("$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists",
            "$type", "$regex", "$mod", "$all", "$elemMatch", "$size", "$bitsAllSet", "$bitsAnyClear", "$not", "$geoWithin",
            "$geoIntersects", "$near", "$text", "$jsonSchema", "$expr", "$and", "$or", "$nor");
    private static final List<String> UPDATE_OPS = List.of("$set", "$unset", "$inc", "$mul", "$min", "$max", "$rename",
            "$currentDate", "$push", "$addToSet", "$pop", "$pull", "$pullAll", "$bit");
    private static final List<String> STAGES = List.of("$match", "$project", "$addFields", "$unset", "$group", "$sort", "$limit",
            "$skip", "$count", "$unwind", "$lookup", "$facet", "$bucket", "$bucketAuto", "$sortByCount", "$replaceRoot", "$sample",
            "$merge", "$out", "$unionWith", "$graphLookup", "$setWindowFields", "$densify", "$fill", "$redact", "$geoNear");
    private static final List<String> EXPRESSIONS = List.of("$add", "$divide", "$mod", "$round", "$arrayElemAt", "$filter", "$map",
            "$reduce", "$slice", "$zip", "$range", "$sortArray", "$firstN", "$cond", "$switch", "$dateAdd", "$dateDiff",
            "$dateFromParts", "$dateFromString", "$dateToString", "$dateTrunc", "$getField", "$setField", "$regexFind", "$replaceAll",
            "$split", "$substrBytes", "$substrCP", "$indexOfCP", "$trim", "$convert", "$toInt", "$let", "$percentile", "$median",
            "$top", "$bitAnd", "$atan2", "$log", "$pow", "$concat", "$strcasecmp");
    private static final List<String> ACCUMULATORS = List.of("$sum", "$avg", "$min", "$max", "$first", "$push", "$addToSet",
            "$mergeObjects", "$stdDevPop", "$top", "$bottomN", "$firstN", "$maxN", "$median", "$percentile", "$count");
    private static final List<String> OPTION_KEYS = List.of("input", "n", "as", "in", "date", "unit", "amount", "format", "timezone",
            "p", "method", "sortBy", "output", "to", "field", "value", "find", "replacement", "regex", "startDate", "endDate",
            "onError", "vars", "branches", "default", "if", "then", "else", "cond", "initialValue", "inputs");

    @Test
    void wrongArgumentsGetMongoDbErrorsNeverInternalOnes() {
        long seed = Long.getLong("tusk.seed", 20261206L);
        Random random = new Random(seed);
        List<String> problems = new ArrayList<>();
        int runs = 0;
        for (int i = 0; i < 2500; i++) {
            reset(i);
            Document command = switch (i % 6) {
                case 0, 1 -> withOneBadArgument(random);
                case 2 -> new Document("find", "c").append("filter", filterCondition(random));
                case 3 -> new Document("update", "c").append("updates", List.of(new Document("q", new Document("_id", 1))
                        .append("u", new Document(pick(random, UPDATE_OPS), new Document(pick(random,
                                List.of("a", "arr", "arr.$", "arr.$[]", "o.p", "x.y", "arr.0")), bad(random))))));
                case 4 -> new Document("aggregate", "c").append("cursor", new Document()).append("pipeline", List.of(switch (random.nextInt(3)) {
                    case 0 -> new Document(pick(random, STAGES), bad(random));
                    case 1 -> stageWithOptions(random);
                    default -> new Document("$project", new Document("x", new Document(pick(random, EXPRESSIONS), expressionArgument(random))));
                }));
                default -> new Document("aggregate", "c").append("cursor", new Document()).append("pipeline", List.of(
                        new Document("$group", new Document("_id", null).append("x", new Document(pick(random, ACCUMULATORS),
                                random.nextBoolean() ? bad(random) : options(random))))));
            };
            runs++;
            try {
                db.runCommand(command);
            } catch (MongoCommandException e) {
                if (e.getErrorCode() == 1 || e.getErrorCode() == 0) {
                    problems.add(e.getErrorCode() + " " + e.getErrorMessage() + " for " + command.toJson());
                }
            } catch (RuntimeException e) {
                problems.add(e + " for " + command.toJson());
            }
        }
        assertTrue(problems.isEmpty(), "seed " + seed + ": " + problems.size() + " of " + runs + " commands failed badly, e.g. "
                + problems.subList(0, Math.min(5, problems.size())));
    }

    private static void reset(int i) {
        if (i % 100 == 0) {
            db.getCollection("c").drop();
            db.getCollection("c").insertMany(List.of(Document.parse("{_id: 1, a: 1, b: 'x', arr: [1, 2, {c: 3}], o: {p: 1}}"),
                    Document.parse("{_id: 2, a: [1, 2], b: null, dt: {$date: 5}}"), Document.parse("{_id: 3}")));
        }
    }

    private static Document withOneBadArgument(Random random) {
        Document base = Document.parse(pick(random, BASES));
        List<String> fields = new ArrayList<>(base.keySet());
        String field = fields.get(random.nextInt(fields.size()));
        Document out = new Document();
        for (Map.Entry<String, Object> e : base.entrySet()) {
            out.append(e.getKey(), e.getKey().equals(field) ? bad(random) : e.getValue());
        }
        return out;
    }

    private static Document filterCondition(Random random) {
        String op = pick(random, FILTER_OPS);
        return List.of("$and", "$or", "$nor", "$expr", "$jsonSchema", "$text").contains(op) ? new Document(op, bad(random))
                : new Document("a", new Document(op, bad(random)));
    }

    /** Each stage's option names (the stages taking a document of options). */
    private static final Map<String, List<String>> STAGE_KEYS = Map.ofEntries(
            Map.entry("$merge", List.of("into", "on", "whenMatched", "whenNotMatched", "let")),
            Map.entry("$unwind", List.of("path", "includeArrayIndex", "preserveNullAndEmptyArrays")),
            Map.entry("$bucket", List.of("groupBy", "boundaries", "default", "output")),
            Map.entry("$bucketAuto", List.of("groupBy", "buckets", "output", "granularity")),
            Map.entry("$lookup", List.of("from", "localField", "foreignField", "as", "let", "pipeline")),
            Map.entry("$graphLookup", List.of("from", "startWith", "connectFromField", "connectToField", "as", "maxDepth",
                    "depthField", "restrictSearchWithMatch")),
            Map.entry("$unionWith", List.of("coll", "pipeline")),
            Map.entry("$out", List.of("db", "coll")),
            Map.entry("$replaceRoot", List.of("newRoot")),
            Map.entry("$sample", List.of("size")),
            Map.entry("$setWindowFields", List.of("partitionBy", "sortBy", "output")),
            Map.entry("$densify", List.of("field", "range", "partitionByFields")),
            Map.entry("$fill", List.of("sortBy", "output", "partitionBy", "partitionByFields")),
            Map.entry("$geoNear", List.of("near", "distanceField", "spherical", "maxDistance", "query", "key", "includeLocs")));

    /** A stage with its own options, each valid ("$a" or a document) or not. */
    private static Document stageWithOptions(Random random) {
        List<String> stages = new ArrayList<>(STAGE_KEYS.keySet());
        java.util.Collections.sort(stages);
        String stage = pick(random, stages);
        Document out = new Document();
        for (String key : STAGE_KEYS.get(stage)) {
            if (random.nextInt(4) > 0) {
                out.append(key, random.nextInt(3) == 0 ? "$a" : bad(random));
            }
        }
        return new Document(stage, out);
    }

    private static Object expressionArgument(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> bad(random);
            case 1 -> java.util.Arrays.asList(bad(random), "$a", bad(random));
            default -> options(random);
        };
    }

    private static Document options(Random random) {
        Document out = new Document();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            out.append(pick(random, OPTION_KEYS), bad(random));
        }
        return out;
    }

    private static Object bad(Random random) {
        List<Object> values = badValues();
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }
}
