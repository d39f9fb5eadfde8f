package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * $match conditions move ahead of the stages that leave their fields alone: the rewrites MongoDB
 * documents, and on random documents and pipelines the same results as the pipeline as written.
 */
class MatchPlacementTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // $sort + $match: the $match goes first
        "[{$sort: {a: 1}}, {$match: {b: 2}}] | [{$match: {b: 2}}, {$sort: {a: 1}}]",
        // $addFields: conditions on untouched fields move, those on computed ones stay
        "[{$addFields: {x: '$a'}}, {$match: {x: 1, b: 2}}] | [{$match: {b: 2}}, {$addFields: {x: '$a'}}, {$match: {x: 1}}]",
        "[{$set: {'a.y': 1}}, {$match: {'a.z': 1}}] | [{$set: {'a.y': 1}}, {$match: {'a.z': 1}}]",
        "[{$unset: ['c', 'd.e']}, {$match: {a: 1}}] | [{$match: {a: 1}}, {$unset: ['c', 'd.e']}]",
        "[{$unset: 'a'}, {$match: {a: null}}] | [{$unset: 'a'}, {$match: {a: null}}]",
        // $project: kept fields only
        "[{$project: {a: 1, b: 1}}, {$match: {a: 1, _id: 3, c: 4}}] | [{$match: {a: 1, _id: 3}}, {$project: {a: 1, b: 1}}, {$match: {c: 4}}]",
        "[{$project: {_id: 0, a: 1}}, {$match: {_id: 3}}] | [{$project: {_id: 0, a: 1}}, {$match: {_id: 3}}]",
        "[{$project: {b: 0}}, {$match: {a: 1, b: 1}}] | [{$match: {a: 1}}, {$project: {b: 0}}, {$match: {b: 1}}]",
        "[{$project: {x: '$a'}}, {$match: {c: 1}}] | [{$project: {x: '$a'}}, {$match: {c: 1}}]",
        "[{$project: {'a.b': 1}}, {$match: {a: 1}}] | [{$project: {'a.b': 1}}, {$match: {a: 1}}]",
        // $unwind and $lookup: not their own fields
        "[{$unwind: '$tags'}, {$match: {user: 'u', tags: 't'}}] | [{$match: {user: 'u'}}, {$unwind: '$tags'}, {$match: {tags: 't'}}]",
        "[{$unwind: {path: '$t', includeArrayIndex: 'i'}}, {$match: {i: 0}}] | [{$unwind: {path: '$t', includeArrayIndex: 'i'}}, {$match: {i: 0}}]",
        "[{$lookup: {from: 'o', localField: 'k', foreignField: 'k', as: 'm'}}, {$match: {k: 1}}] | [{$match: {k: 1}}, {$lookup: {from: 'o', localField: 'k', foreignField: 'k', as: 'm'}}]",
        // several stages, adjacent $matches merge, $limit and $group stop it
        "[{$match: {a: 1}}, {$sort: {a: 1}}, {$addFields: {x: 1}}, {$match: {b: 2}}] | [{$match: {a: 1, b: 2}}, {$sort: {a: 1}}, {$addFields: {x: 1}}]",
        "[{$match: {a: 1}}, {$sort: {a: 1}}, {$match: {a: 2}}] | [{$match: {$and: [{a: 1}, {a: 2}]}}, {$sort: {a: 1}}]",
        "[{$sort: {a: 1}}, {$limit: 5}, {$match: {b: 2}}] | [{$sort: {a: 1}}, {$limit: 5}, {$match: {b: 2}}]",
        "[{$group: {_id: '$a'}}, {$match: {_id: 1}}] | [{$group: {_id: '$a'}}, {$match: {_id: 1}}]",
        // conditions that may read anything stay
        "[{$sort: {a: 1}}, {$match: {$expr: {$eq: ['$a', 1]}}}] | [{$sort: {a: 1}}, {$match: {$expr: {$eq: ['$a', 1]}}}]",
        "[{$sort: {a: 1}}, {$match: {$or: [{a: 1}, {b: 2}]}}] | [{$match: {$or: [{a: 1}, {b: 2}]}}, {$sort: {a: 1}}]",
    })
    void rewrites(String pipeline, String expected) {
        assertEquals(array(expected), MatchPlacement.earliest(array(pipeline)));
    }

    @Test
    void randomPipelinesGiveTheSameResults() {
        long seed = Long.getLong("tusk.seed", 20261206L);
        Random random = new Random(seed);
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            docs.add(document(random, i));
        }
        int moved = 0;
        for (int p = 0; p < 1500; p++) {
            BsonArray stages = new BsonArray();
            for (int s = random.nextInt(5) + 1; s > 0; s--) {
                stages.add(stage(random));
            }
            stages.add(new BsonDocument("$match", filter(random)));
            BsonArray rewritten = MatchPlacement.earliest(stages);
            moved += rewritten.equals(stages) ? 0 : 1;
            assertEquals(run(stages, docs), run(rewritten, docs), "seed " + seed + ": " + new BsonDocument("p", stages).toJson() + " as " + new BsonDocument("p", rewritten).toJson());
        }
        assertTrue(moved > 500, "too few pipelines rewritten: " + moved);
    }

    private static List<BsonDocument> run(BsonArray stages, List<BsonDocument> docs) {
        List<BsonDocument> out = new ArrayList<>();
        List<BsonDocument> copies = docs.stream().map(BsonDocument::clone).toList();
        Pipeline.parse(stages).run(copies.iterator()).forEachRemaining(out::add);
        return out;
    }

    private static final List<String> FIELDS = List.of("a", "b", "c", "tags");

    private static BsonDocument document(Random random, int id) {
        BsonDocument d = new BsonDocument("_id", new BsonInt32(id));
        for (String f : List.of("a", "b", "c")) {
            if (random.nextInt(5) > 0) {
                d.put(f, value(random));
            }
        }
        if (random.nextInt(4) > 0) {
            BsonArray tags = new BsonArray();
            for (int i = random.nextInt(3); i > 0; i--) {
                tags.add(value(random));
            }
            d.put("tags", random.nextInt(6) == 0 ? value(random) : tags);
        }
        return d;
    }

    private static BsonValue value(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> BsonNull.VALUE;
            case 1 -> new BsonString("s" + random.nextInt(3));
            case 2 -> new BsonDocument("y", new BsonInt32(random.nextInt(3)));
            default -> new BsonInt32(random.nextInt(4));
        };
    }

    private static String field(Random random) {
        return FIELDS.get(random.nextInt(FIELDS.size()));
    }

    private static BsonDocument stage(Random random) {
        String f = field(random);
        String g = field(random);
        return switch (random.nextInt(12)) {
            case 0 -> new BsonDocument("$sort", new BsonDocument(f, new BsonInt32(1)).append("_id", new BsonInt32(-1)));
            case 1 -> new BsonDocument("$addFields", new BsonDocument(f, new BsonString("$" + g)));
            case 2 -> new BsonDocument("$set", new BsonDocument(f + ".y", new BsonInt32(7)));
            case 3 -> new BsonDocument("$unset", new BsonString(f));
            case 4 -> new BsonDocument("$project", new BsonDocument(f, new BsonInt32(1)).append(g, new BsonInt32(1)));
            case 5 -> new BsonDocument("$project", new BsonDocument(f, new BsonInt32(0)));
            case 6 -> new BsonDocument("$project", new BsonDocument("_id", new BsonInt32(0)).append(f, new BsonString("$" + g)));
            case 7 -> new BsonDocument("$unwind", new BsonString("$tags"));
            case 8 -> new BsonDocument("$unwind", new BsonDocument("path", new BsonString("$tags"))
                    .append("includeArrayIndex", new BsonString(f.equals("tags") ? "i" : f))
                    .append("preserveNullAndEmptyArrays", org.bson.BsonBoolean.valueOf(random.nextBoolean())));
            case 9 -> new BsonDocument("$limit", new BsonInt32(20));
            case 10 -> new BsonDocument("$project", new BsonDocument("_id", new BsonInt32(0)).append(f, new BsonInt32(1)));
            default -> new BsonDocument("$match", filter(random));
        };
    }

    private static BsonDocument filter(Random random) {
        BsonDocument f = new BsonDocument();
        for (int i = random.nextInt(3); i >= 0; i--) {
            String field = random.nextInt(6) == 0 ? "_id" : random.nextInt(5) == 0 ? field(random) + ".y" : field(random);
            f.put(field, switch (random.nextInt(4)) {
                case 0 -> new BsonDocument("$gte", new BsonInt32(random.nextInt(4)));
                case 1 -> new BsonDocument("$exists", org.bson.BsonBoolean.valueOf(random.nextBoolean()));
                default -> value(random);
            });
        }
        if (random.nextInt(8) == 0) {
            f.put("$or", new BsonArray(List.of(filter(random), filter(random))));
        }
        return f;
    }

    private static BsonArray array(String json) {
        return BsonDocument.parse("{p: " + json + "}").getArray("p");
    }
}
