package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference semantics, one row per case; the same rows feed the SQL differential check. */
class FilterEvaluatorTest {
    record Case(String name, String doc, String filter, boolean matches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String doc, String filter, boolean matches) {
        return new Case(name, doc, filter, matches);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // equality, paths, arrays
                c("eq scalar", "{a: 1}", "{a: 1}", true),
                c("eq other value", "{a: 2}", "{a: 1}", false),
                c("eq int vs long", "{a: {$numberLong: '5'}}", "{a: 5}", true),
                c("eq int vs double", "{a: 5.0}", "{a: 5}", true),
                c("eq int vs decimal", "{a: {$numberDecimal: '5.000'}}", "{a: 5}", true),
                c("eq -0 vs 0", "{a: -0.0}", "{a: 0}", true),
                c("eq number vs string", "{a: '1'}", "{a: 1}", false),
                c("eq dotted", "{a: {b: 1}}", "{'a.b': 1}", true),
                c("eq dotted missing", "{a: {c: 1}}", "{'a.b': 1}", false),
                c("eq array element", "{a: [1, 2, 3]}", "{a: 2}", true),
                c("eq whole array", "{a: [1, 2]}", "{a: [1, 2]}", true),
                c("eq whole array order matters", "{a: [2, 1]}", "{a: [1, 2]}", false),
                c("eq nested array element", "{a: [[1, 2], 3]}", "{a: [1, 2]}", true),
                c("eq does not look two levels deep", "{a: [[1]]}", "{a: 1}", false),
                c("eq through array of docs", "{a: [{b: 1}, {b: 2}]}", "{'a.b': 2}", true),
                c("eq through nested arrays of docs: no", "{a: [[{b: 2}]]}", "{'a.b': 2}", false),
                c("eq leaf array through docs", "{a: [{b: [5, 6]}]}", "{'a.b': 6}", true),
                c("eq index component", "{a: [10, 20]}", "{'a.1': 20}", true),
                c("eq index out of range", "{a: [10, 20]}", "{'a.2': 20}", false),
                c("eq index also matches field '0'", "{a: [{'0': 7}]}", "{'a.0': 7}", true),
                c("eq index in document is a field name", "{a: {'1': 'x'}}", "{'a.1': 'x'}", true),
                c("eq index then field", "{a: [{b: 1}, {b: 2}]}", "{'a.1.b': 2}", true),
                c("eq index then field wrong element", "{a: [{b: 1}, {b: 2}]}", "{'a.0.b': 2}", false),
                c("eq embedded doc", "{a: {x: 1, y: 2}}", "{a: {x: 1, y: 2}}", true),
                c("eq embedded doc order matters", "{a: {y: 2, x: 1}}", "{a: {x: 1, y: 2}}", false),
                c("eq embedded doc numeric types", "{a: {x: 1.0}}", "{a: {x: {$numberLong: '1'}}}", true),
                c("eq empty doc", "{a: {}}", "{a: {}}", true),
                c("eq string", "{a: 'héllo'}", "{a: 'héllo'}", true),
                c("eq ObjectId", "{_id: {$oid: '650000000000000000000001'}}", "{_id: {$oid: '650000000000000000000001'}}", true),
                c("eq date", "{d: {$date: 1700000000000}}", "{d: {$date: 1700000000000}}", true),
                c("eq date vs number", "{d: {$date: 5}}", "{d: 5}", false),
                c("eq bool", "{a: true}", "{a: true}", true),
                c("eq bool vs 1", "{a: true}", "{a: 1}", false),
                c("eq NaN", "{a: NaN}", "{a: NaN}", true),
                c("eq NaN decimal", "{a: {$numberDecimal: 'NaN'}}", "{a: NaN}", true),
                c("$eq explicit", "{a: 1}", "{a: {$eq: 1}}", true),
                c("$eq regex is equality", "{a: 'abc'}", "{a: {$eq: /abc/}}", false),
                c("$eq regex value", "{a: /abc/}", "{a: {$eq: /abc/}}", true),
                c("implicit regex", "{a: 'xabcx'}", "{a: /abc/}", true),
                // null and missing
                c("null matches null", "{a: null}", "{a: null}", true),
                c("null matches missing", "{b: 1}", "{a: null}", true),
                c("null matches array with null", "{a: [1, null]}", "{a: null}", true),
                c("null no match value", "{a: 1}", "{a: null}", false),
                c("null dotted missing in element", "{a: [{b: 1}, {c: 1}]}", "{'a.b': null}", true),
                c("null dotted all present", "{a: [{b: 1}, {b: 2}]}", "{'a.b': null}", false),
                c("null dotted scalar parent", "{a: 5}", "{'a.b': null}", true),
                c("null $ne", "{a: 1}", "{a: {$ne: null}}", true),
                c("null $ne missing", "{}", "{a: {$ne: null}}", false),
                c("$gt null matches nothing", "{a: null}", "{a: {$gt: null}}", false),
                c("$gte null matches null", "{a: null}", "{a: {$gte: null}}", true),
                c("$gte null matches missing", "{}", "{a: {$gte: null}}", true),
                // ranges and type bracketing
                c("$gt number", "{a: 5}", "{a: {$gt: 4}}", true),
                c("$gt never matches strings", "{a: 'z'}", "{a: {$gt: 4}}", false),
                c("$gt cross type number", "{a: {$numberDecimal: '4.0000001'}}", "{a: {$gt: 4}}", true),
                c("$gt long precision", "{a: {$numberLong: '9007199254740993'}}", "{a: {$gt: 9007199254740992.0}}", true),
                c("$lt array any element", "{a: [10, 1]}", "{a: {$lt: 2}}", true),
                c("$gt and $lt by different elements", "{a: [1, 10]}", "{a: {$gt: 5, $lt: 8}}", true),
                c("$gte equal", "{a: 5}", "{a: {$gte: 5.0}}", true),
                c("$lte", "{a: 6}", "{a: {$lte: 5}}", false),
                c("$gt strings binary order", "{a: 'é'}", "{a: {$gt: 'z'}}", true),
                c("$lt strings upper before lower", "{a: 'Z'}", "{a: {$lt: 'a'}}", true),
                c("$gt missing", "{}", "{a: {$gt: 1}}", false),
                c("$gt NaN no", "{a: NaN}", "{a: {$gt: 0}}", false),
                c("$lt NaN no", "{a: NaN}", "{a: {$lt: 0}}", false),
                c("$gte NaN NaN", "{a: NaN}", "{a: {$gte: NaN}}", true),
                c("$gt NaN const", "{a: 5}", "{a: {$gt: NaN}}", false),
                c("$gt Infinity", "{a: Infinity}", "{a: {$gt: 1000}}", true),
                c("$lt -Infinity", "{a: -Infinity}", "{a: {$lt: 0}}", true),
                c("$lte Infinity", "{a: 5}", "{a: {$lte: Infinity}}", true),
                c("$gt date", "{a: {$date: 2000}}", "{a: {$gt: {$date: 1000}}}", true),
                c("$gt date vs number", "{a: 2000}", "{a: {$gt: {$date: 1000}}}", false),
                c("$gt MinKey matches all", "{a: 'x'}", "{a: {$gt: {$minKey: 1}}}", true),
                c("$lt MaxKey matches all", "{a: {x: 1}}", "{a: {$lt: {$maxKey: 1}}}", true),
                c("$gt objectId", "{a: {$oid: '650000000000000000000002'}}", "{a: {$gt: {$oid: '650000000000000000000001'}}}", true),
                c("$gt bool", "{a: true}", "{a: {$gt: false}}", true),
                c("$gt timestamp", "{a: {$timestamp: {t: 2, i: 0}}}", "{a: {$gt: {$timestamp: {t: 1, i: 5}}}}", true),
                c("$gt doc", "{a: {x: 2}}", "{a: {$gt: {x: 1}}}", true),
                c("$gt array const", "{a: [1, 3]}", "{a: {$gt: [1, 2]}}", true),
                // $ne, $in, $nin
                c("$ne other", "{a: 2}", "{a: {$ne: 1}}", true),
                c("$ne missing", "{}", "{a: {$ne: 1}}", true),
                c("$ne array containing", "{a: [1, 2]}", "{a: {$ne: 1}}", false),
                c("$in", "{a: 2}", "{a: {$in: [1, 2]}}", true),
                c("$in array", "{a: [5, 2]}", "{a: {$in: [1, 2]}}", true),
                c("$in regex", "{a: 'abc'}", "{a: {$in: [/^a/, 1]}}", true),
                c("$in null missing", "{}", "{a: {$in: [null]}}", true),
                c("$in empty", "{a: 1}", "{a: {$in: []}}", false),
                c("$nin", "{a: 3}", "{a: {$nin: [1, 2]}}", true),
                c("$nin missing", "{}", "{a: {$nin: [1, 2]}}", true),
                c("$nin array containing", "{a: [3, 1]}", "{a: {$nin: [1, 2]}}", false),
                // logical
                c("$and", "{a: 1, b: 2}", "{$and: [{a: 1}, {b: 2}]}", true),
                c("$and one fails", "{a: 1, b: 3}", "{$and: [{a: 1}, {b: 2}]}", false),
                c("$or", "{a: 3, b: 2}", "{$or: [{a: 1}, {b: 2}]}", true),
                c("$nor", "{a: 3, b: 3}", "{$nor: [{a: 1}, {b: 2}]}", true),
                c("$nor one matches", "{a: 1}", "{$nor: [{a: 1}, {b: 2}]}", false),
                c("$not", "{a: 1}", "{a: {$not: {$gt: 5}}}", true),
                c("$not missing", "{}", "{a: {$not: {$gt: 5}}}", true),
                c("$not regex", "{a: 'abc'}", "{a: {$not: /^b/}}", true),
                c("empty filter", "{a: 1}", "{}", true),
                c("$comment ignored", "{a: 1}", "{a: 1, $comment: 'hi'}", true),
                // $exists
                c("$exists true", "{a: null}", "{a: {$exists: true}}", true),
                c("$exists true missing", "{}", "{a: {$exists: true}}", false),
                c("$exists false", "{}", "{a: {$exists: false}}", true),
                c("$exists 0", "{a: 1}", "{a: {$exists: 0}}", false),
                c("$exists dotted in array", "{a: [{b: 1}, {c: 1}]}", "{'a.b': {$exists: true}}", true),
                c("$exists false dotted in array", "{a: [{b: 1}, {c: 1}]}", "{'a.b': {$exists: false}}", false),
                c("$exists in array of scalars", "{a: [1, 2]}", "{'a.b': {$exists: true}}", false),
                c("$exists index", "{a: [1, 2]}", "{'a.1': {$exists: true}}", true),
                // $type
                c("$type alias", "{a: 'x'}", "{a: {$type: 'string'}}", true),
                c("$type number", "{a: {$numberLong: '1'}}", "{a: {$type: 'number'}}", true),
                c("$type int not double", "{a: 1.5}", "{a: {$type: 'int'}}", false),
                c("$type code", "{a: 1.5}", "{a: {$type: 1}}", true),
                c("$type array", "{a: [1]}", "{a: {$type: 'array'}}", true),
                c("$type element", "{a: [1, 'x']}", "{a: {$type: 'string'}}", true),
                c("$type list", "{a: null}", "{a: {$type: ['string', 'null']}}", true),
                c("$type missing", "{}", "{a: {$type: 'null'}}", false),
                c("$type date", "{a: {$date: 0}}", "{a: {$type: 'date'}}", true),
                c("$type objectId", "{a: {$oid: '650000000000000000000001'}}", "{a: {$type: 7}}", true),
                c("$type minKey", "{a: {$minKey: 1}}", "{a: {$type: -1}}", true),
                // $size
                c("$size", "{a: [1, 2]}", "{a: {$size: 2}}", true),
                c("$size wrong", "{a: [1, 2]}", "{a: {$size: 1}}", false),
                c("$size 0 empty array", "{a: []}", "{a: {$size: 0}}", true),
                c("$size 0 missing", "{}", "{a: {$size: 0}}", false),
                c("$size not array", "{a: 5}", "{a: {$size: 1}}", false),
                c("$size nested", "{a: [{b: [1, 2, 3]}]}", "{'a.b': {$size: 3}}", true),
                // $all
                c("$all", "{a: [1, 2, 3]}", "{a: {$all: [3, 1]}}", true),
                c("$all missing one", "{a: [1, 2]}", "{a: {$all: [3, 1]}}", false),
                c("$all scalar", "{a: 1}", "{a: {$all: [1]}}", true),
                c("$all empty", "{a: [1]}", "{a: {$all: []}}", false),
                c("$all nested array", "{a: [[1, 2], 3]}", "{a: {$all: [[1, 2]]}}", true),
                c("$all elemMatch", "{a: [{x: 1}, {x: 5}]}", "{a: {$all: [{$elemMatch: {x: {$gt: 4}}}, {$elemMatch: {x: 1}}]}}", true),
                // $elemMatch
                c("$elemMatch object", "{a: [{x: 1, y: 2}, {x: 2, y: 1}]}", "{a: {$elemMatch: {x: 1, y: 2}}}", true),
                c("$elemMatch object no single element", "{a: [{x: 1, y: 1}, {x: 2, y: 2}]}", "{a: {$elemMatch: {x: 1, y: 2}}}", false),
                c("$elemMatch value", "{a: [1, 10]}", "{a: {$elemMatch: {$gt: 5, $lt: 8}}}", false),
                c("$elemMatch value yes", "{a: [1, 6]}", "{a: {$elemMatch: {$gt: 5, $lt: 8}}}", true),
                c("$elemMatch not array", "{a: 6}", "{a: {$elemMatch: {$gt: 5}}}", false),
                c("$elemMatch with $or", "{a: [{x: 1}, {y: 2}]}", "{a: {$elemMatch: {$or: [{x: 5}, {y: 2}]}}}", true),
                c("$elemMatch nested path", "{a: {b: [{c: 1}]}}", "{'a.b': {$elemMatch: {c: 1}}}", true),
                // $regex
                c("$regex", "{a: 'Hello'}", "{a: {$regex: '^hel', $options: 'i'}}", true),
                c("$regex case", "{a: 'Hello'}", "{a: {$regex: '^hel'}}", false),
                c("$regex array", "{a: [1, 'xyz']}", "{a: {$regex: 'y'}}", true),
                c("$regex number", "{a: 123}", "{a: {$regex: '1'}}", false),
                c("$regex multiline", "{a: 'x\\nabc'}", "{a: {$regex: '^abc', $options: 'm'}}", true),
                c("$regex no multiline", "{a: 'x\\nabc'}", "{a: {$regex: '^abc'}}", false),
                c("$regex dotall", "{a: 'a\\nb'}", "{a: {$regex: 'a.b', $options: 's'}}", true),
                c("$regex extended", "{a: 'ab'}", "{a: {$regex: 'a b # comment', $options: 'x'}}", true),
                c("$regex posix class", "{a: 'ab1'}", "{a: {$regex: '^[[:alpha:]]+[[:digit:]]$'}}", true),
                c("$regex unicode case", "{a: 'É'}", "{a: {$regex: 'é', $options: 'i'}}", true),
                c("$regex symbol", "{a: {$symbol: 'abc'}}", "{a: /b/}", true),
                // $mod
                c("$mod", "{a: 10}", "{a: {$mod: [4, 2]}}", true),
                c("$mod no", "{a: 11}", "{a: {$mod: [4, 2]}}", false),
                c("$mod double truncates", "{a: 10.9}", "{a: {$mod: [4, 2]}}", true),
                c("$mod negative", "{a: -10}", "{a: {$mod: [4, -2]}}", true),
                c("$mod string", "{a: '10'}", "{a: {$mod: [4, 2]}}", false),
                c("$mod NaN", "{a: NaN}", "{a: {$mod: [4, 0]}}", false),
                c("$alwaysTrue", "{}", "{$alwaysTrue: 1}", true),
                c("$alwaysFalse", "{}", "{$alwaysFalse: 1}", false),
                c("$sampleRate 0", "{}", "{$sampleRate: 0}", false),
                c("$sampleRate 1", "{}", "{$sampleRate: {$numberLong: '1'}}", true),
                c("$sampleRate NaN", "{}", "{$sampleRate: NaN}", false),
                // DBRef-looking documents are values, not operators
                c("dbref value", "{a: {$ref: 'c', $id: 1}}", "{a: {$ref: 'c', $id: 1}}", true));
    }

    @Test
    void sampleRateSelectsAboutThatShareOfDocuments() {
        FilterNode node = FilterParser.parse(BsonDocument.parse("{$sampleRate: 0.25, a: 1}"));
        BsonDocument doc = BsonDocument.parse("{a: 1}");
        long selected = IntStream.range(0, 10_000).filter(i -> FilterEvaluator.matches(node, doc)).count();
        assertTrue(selected > 2_000 && selected < 3_000, selected + " of 10,000"); // mean 2,500, sd 43
        assertFalse(FilterEvaluator.matches(node, BsonDocument.parse("{a: 2}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(Case c) {
        FilterNode node = FilterParser.parse(BsonDocument.parse(c.filter()));
        assertEquals(c.matches(), FilterEvaluator.matches(node, BsonDocument.parse(c.doc())), c.filter() + " on " + c.doc());
    }
}
