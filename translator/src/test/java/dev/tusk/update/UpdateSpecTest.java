package dev.tusk.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bson.BsonIdentical;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpdateSpecTest {
    record Case(String name, String doc, String update, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("$set existing keeps position", "{_id: 1, a: 1, b: 2}", "{$set: {a: 5}}", "{_id: 1, a: 5, b: 2}"),
                new Case("$set new appended", "{_id: 1, a: 1}", "{$set: {c: 1}}", "{_id: 1, a: 1, c: 1}"),
                new Case("$set new fields in lexicographic order", "{_id: 1}", "{$set: {b: 1, a: 2}}", "{_id: 1, a: 2, b: 1}"),
                new Case("order across operators", "{_id: 1}", "{$set: {z: 1}, $inc: {m: 1}}", "{_id: 1, m: 1, z: 1}"),
                new Case("$set dotted creates documents", "{_id: 1}", "{$set: {'a.b.c': 1}}", "{_id: 1, a: {b: {c: 1}}}"),
                new Case("$set array index", "{_id: 1, a: [1, 2]}", "{$set: {'a.1': 9}}", "{_id: 1, a: [1, 9]}"),
                new Case("$set array pads with null", "{_id: 1, a: [1]}", "{$set: {'a.3': 9}}", "{_id: 1, a: [1, null, null, 9]}"),
                new Case("$set numeric order a.2 before a.10", "{_id: 1, a: []}", "{$set: {'a.10': 1, 'a.2': 2}}",
                        "{_id: 1, a: [null, null, 2, null, null, null, null, null, null, null, 1]}"),
                new Case("$set into array element doc", "{_id: 1, a: [{b: 1}]}", "{$set: {'a.0.b': 2}}", "{_id: 1, a: [{b: 2}]}"),
                new Case("$set same _id", "{_id: 1, a: 1}", "{$set: {_id: 1}}", "{_id: 1, a: 1}"),
                new Case("$unset", "{_id: 1, a: 1, b: 2}", "{$unset: {a: ''}}", "{_id: 1, b: 2}"),
                new Case("$unset missing", "{_id: 1}", "{$unset: {'a.b': 1}}", "{_id: 1}"),
                new Case("$unset array element nulls it", "{_id: 1, a: [1, 2]}", "{$unset: {'a.0': 1}}", "{_id: 1, a: [null, 2]}"),
                new Case("$inc int", "{_id: 1, a: 1}", "{$inc: {a: 2}}", "{_id: 1, a: 3}"),
                new Case("$inc missing creates", "{_id: 1}", "{$inc: {'a.b': {$numberLong: '2'}}}", "{_id: 1, a: {b: {$numberLong: '2'}}}"),
                new Case("$inc int overflow widens", "{_id: 1, a: 2147483647}", "{$inc: {a: 1}}", "{_id: 1, a: {$numberLong: '2147483648'}}"),
                new Case("$inc int + double", "{_id: 1, a: 1}", "{$inc: {a: 0.5}}", "{_id: 1, a: 1.5}"),
                new Case("$inc long + int", "{_id: 1, a: {$numberLong: '1'}}", "{$inc: {a: 1}}", "{_id: 1, a: {$numberLong: '2'}}"),
                new Case("$inc decimal", "{_id: 1, a: 1}", "{$inc: {a: {$numberDecimal: '0.1'}}}", "{_id: 1, a: {$numberDecimal: '1.1'}}"),
                new Case("$mul", "{_id: 1, a: 3}", "{$mul: {a: 2}}", "{_id: 1, a: 6}"),
                new Case("$mul missing gives zero", "{_id: 1}", "{$mul: {a: 2.5}}", "{_id: 1, a: 0.0}"),
                new Case("$min lower", "{_id: 1, a: 5}", "{$min: {a: 3}}", "{_id: 1, a: 3}"),
                new Case("$min higher keeps", "{_id: 1, a: 5}", "{$min: {a: 7}}", "{_id: 1, a: 5}"),
                new Case("$max cross type", "{_id: 1, a: 5}", "{$max: {a: 'x'}}", "{_id: 1, a: 'x'}"),
                new Case("$rename", "{_id: 1, a: 1, b: 2}", "{$rename: {a: 'c'}}", "{_id: 1, b: 2, c: 1}"),
                new Case("$rename missing", "{_id: 1, b: 2}", "{$rename: {a: 'c'}}", "{_id: 1, b: 2}"),
                new Case("$rename numeric field of a document", "{_id: 1, a: {'0': 5, '1': 6}}", "{$rename: {'a.0': 'b'}}",
                        "{_id: 1, a: {'1': 6}, b: 5}"),
                new Case("$rename to a numeric field creates documents", "{_id: 1, x: 1}", "{$rename: {x: 'y.0'}}", "{_id: 1, y: {'0': 1}}"),
                new Case("$rename into a document's numeric field", "{_id: 1, x: 1, y: {'0': 2}}", "{$rename: {x: 'y.1'}}",
                        "{_id: 1, y: {'0': 2, '1': 1}}"),
                new Case("$setOnInsert ignored on update", "{_id: 1}", "{$setOnInsert: {a: 1}}", "{_id: 1}"),
                new Case("$push", "{_id: 1, a: [1]}", "{$push: {a: 2}}", "{_id: 1, a: [1, 2]}"),
                new Case("$push creates", "{_id: 1}", "{$push: {a: 2}}", "{_id: 1, a: [2]}"),
                new Case("$push each position slice", "{_id: 1, a: [1, 2, 3]}", "{$push: {a: {$each: [8, 9], $position: 1, $slice: 4}}}",
                        "{_id: 1, a: [1, 8, 9, 2]}"),
                new Case("$push negative slice", "{_id: 1, a: [1, 2, 3]}", "{$push: {a: {$each: [4], $slice: -2}}}", "{_id: 1, a: [3, 4]}"),
                new Case("$addToSet", "{_id: 1, a: [1, 2]}", "{$addToSet: {a: {$each: [2.0, 3]}}}", "{_id: 1, a: [1, 2, 3]}"),
                new Case("$pop last", "{_id: 1, a: [1, 2]}", "{$pop: {a: 1}}", "{_id: 1, a: [1]}"),
                new Case("$pop first", "{_id: 1, a: [1, 2]}", "{$pop: {a: -1}}", "{_id: 1, a: [2]}"),
                new Case("$pull value", "{_id: 1, a: [1, 2, 1]}", "{$pull: {a: 1}}", "{_id: 1, a: [2]}"),
                new Case("$pull condition", "{_id: 1, a: [1, 6, 8]}", "{$pull: {a: {$gte: 6}}}", "{_id: 1, a: [1]}"),
                new Case("$pull document query", "{_id: 1, a: [{x: 1, y: 2}, {x: 2}]}", "{$pull: {a: {x: 1}}}", "{_id: 1, a: [{x: 2}]}"),
                new Case("replacement keeps _id first", "{_id: 1, a: 1}", "{b: 2}", "{_id: 1, b: 2}"),
                new Case("replacement with same _id", "{_id: 1, a: 1}", "{b: 2, _id: 1}", "{_id: 1, b: 2}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void applies(Case c) {
        BsonDocument before = BsonDocument.parse(c.doc());
        UpdateOutcome outcome = UpdateSpec.parse(BsonDocument.parse(c.update())).apply(before, false);
        BsonDocument expected = BsonDocument.parse(c.expected());
        assertTrue(BsonIdentical.identical(expected, outcome.document()),
                "expected " + expected.toJson() + " but was " + outcome.document().toJson());
        assertEquals(!BsonIdentical.identical(BsonDocument.parse(c.doc()), expected), outcome.modified(), "modified");
        assertTrue(BsonIdentical.identical(BsonDocument.parse(c.doc()), before), "input untouched");
    }

    record ErrorCase(String doc, String update, ErrorCode code, String message) {
        @Override
        public String toString() {
            return update;
        }
    }

    static Stream<ErrorCase> errors() {
        return Stream.of(
                new ErrorCase("{_id: 1}", "{$set: {_id: 2}}", ErrorCode.IMMUTABLE_FIELD,
                        "Performing an update on the path '_id' would modify the immutable field '_id'"),
                new ErrorCase("{_id: {a: 1}}", "{$set: {'_id.a': 2}}", ErrorCode.IMMUTABLE_FIELD,
                        "Performing an update on the path '_id.a' would modify the immutable field '_id'"),
                new ErrorCase("{_id: 1}", "{_id: 2, a: 1}", ErrorCode.IMMUTABLE_FIELD,
                        "After applying the update, the (immutable) field '_id' was found to have been altered to _id: 2"),
                new ErrorCase("{_id: 1}", "{$set: {a: 1}, $inc: {a: 1}}", ErrorCode.CONFLICTING_UPDATE_OPERATORS,
                        "Updating the path 'a' would create a conflict at 'a'"),
                new ErrorCase("{_id: 1}", "{$set: {a: 1, 'a.b': 1}}", ErrorCode.CONFLICTING_UPDATE_OPERATORS,
                        "Updating the path 'a.b' would create a conflict at 'a'"),
                new ErrorCase("{_id: 1, a: 'x'}", "{$inc: {a: 1}}", ErrorCode.TYPE_MISMATCH,
                        "Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'a' of non-numeric type string"),
                new ErrorCase("{_id: 1}", "{$inc: {a: 'x'}}", ErrorCode.TYPE_MISMATCH,
                        "Cannot increment with non-numeric argument: {a: \"x\"}"),
                new ErrorCase("{_id: 1}", "{$mul: {a: true}}", ErrorCode.TYPE_MISMATCH,
                        "Cannot multiply with non-numeric argument: {a: true}"),
                new ErrorCase("{_id: 1, a: {$numberLong: '9223372036854775807'}}", "{$inc: {a: 1}}", ErrorCode.BAD_VALUE, null),
                new ErrorCase("{_id: 1}", "{$set: {}}", ErrorCode.FAILED_TO_PARSE,
                        "'$set' is empty. You must specify a field like so: {$set: {<field-name>: ...}}"),
                new ErrorCase("{_id: 1}", "{$foo: {a: 1}}", ErrorCode.FAILED_TO_PARSE,
                        "Unknown modifier: $foo. Expected a valid update modifier or pipeline-style update specified as an array"),
                new ErrorCase("{_id: 1}", "{$set: 1}", ErrorCode.FAILED_TO_PARSE,
                        "Modifiers operate on fields but we found type int instead. For example: {$mod: {<field>: ...}} not {$set: 1}"),
                new ErrorCase("{_id: 1, a: 5}", "{$set: {'a.b': 1}}", ErrorCode.PATH_NOT_VIABLE, "Cannot create field 'b' in element {a: 5}"),
                new ErrorCase("{_id: 1, a: [1]}", "{$set: {'a.b': 1}}", ErrorCode.PATH_NOT_VIABLE,
                        "Cannot create field 'b' in element {a: [ 1 ]}"),
                new ErrorCase("{_id: 1}", "{$set: {'a..b': 1}}", ErrorCode.EMPTY_FIELD_NAME,
                        "The update path 'a..b' contains an empty field name, which is not allowed."),
                new ErrorCase("{_id: 1}", "{a: 1, $set: {b: 1}}", ErrorCode.DOLLAR_PREFIXED_FIELD_NAME, null),
                new ErrorCase("{_id: 1, a: 1}", "{$push: {a: 1}}", ErrorCode.BAD_VALUE,
                        "The field 'a' must be an array but is of type int in document {_id: 1}"),
                new ErrorCase("{_id: 1, a: [1]}", "{$pop: {a: 5}}", ErrorCode.FAILED_TO_PARSE, "$pop expects 1 or -1, found: 5"),
                new ErrorCase("{_id: 1, a: [1]}", "{$pop: {a: true}}", ErrorCode.FAILED_TO_PARSE, "Expected a number in: a: true"),
                new ErrorCase("{_id: 1, a: 1}", "{$pop: {a: 1}}", ErrorCode.TYPE_MISMATCH,
                        "Path 'a' contains an element of non-array type 'int'"),
                new ErrorCase("{_id: 1}", "{$rename: {a: 'a'}}", ErrorCode.BAD_VALUE, null),
                new ErrorCase("{_id: 1, a: [5, 6]}", "{$rename: {'a.0': 'b'}}", ErrorCode.BAD_VALUE,
                        "The source field cannot be an array element, 'a.0' in doc with _id: 1 has an array field called 'a'"),
                new ErrorCase("{_id: 1, x: 1, y: [2]}", "{$rename: {x: 'y.1'}}", ErrorCode.BAD_VALUE,
                        "The destination field cannot be an array element, 'y.1' in doc with _id: 1 has an array field called 'y'"),
                new ErrorCase("{_id: 1}", "[{$group: {_id: 1}}]", ErrorCode.INVALID_OPTIONS, null),
                new ErrorCase("{_id: 1}", "{$bit: {a: {and: 1.5}}}", ErrorCode.BAD_VALUE, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(ErrorCase c) {
        MongoServerException e = assertThrows(MongoServerException.class, () -> {
            var update = BsonDocument.parse("{u: " + c.update() + "}").get("u");
            UpdateSpec.parse(update).apply(BsonDocument.parse(c.doc()), false);
        });
        assertEquals(c.code(), e.code(), e.getMessage());
        if (c.message() != null) {
            assertEquals(c.message(), e.getMessage());
        }
    }

    @Test
    void setOnInsertAppliesOnUpsertInsert() {
        UpdateOutcome out = UpdateSpec.parse(BsonDocument.parse("{$setOnInsert: {a: 1}, $set: {b: 2}}"))
                .apply(BsonDocument.parse("{_id: 7}"), true);
        assertTrue(BsonIdentical.identical(BsonDocument.parse("{_id: 7, a: 1, b: 2}"), out.document()));
    }

    @Test
    void noOpIsNotModified() {
        UpdateOutcome out = UpdateSpec.parse(BsonDocument.parse("{$set: {a: 1}}")).apply(BsonDocument.parse("{_id: 1, a: 1}"), false);
        assertFalse(out.modified());
        UpdateOutcome typeChange = UpdateSpec.parse(BsonDocument.parse("{$set: {a: 1.0}}")).apply(BsonDocument.parse("{_id: 1, a: 1}"), false);
        assertTrue(typeChange.modified());
    }

    @Test
    void currentDate() {
        UpdateOutcome out = UpdateSpec.parse(BsonDocument.parse("{$currentDate: {d: true, t: {$type: 'timestamp'}}}"))
                .apply(BsonDocument.parse("{_id: 1}"), false);
        assertTrue(out.document().get("d").isDateTime());
        assertTrue(out.document().get("t").isTimestamp());
    }

    record SeedCase(String filter, String seed) {
        @Override
        public String toString() {
            return filter;
        }
    }

    static Stream<SeedCase> seeds() {
        return Stream.of(
                new SeedCase("{a: 1}", "{a: 1}"),
                new SeedCase("{a: {$eq: 2}, b: {$gt: 1}}", "{a: 2}"),
                new SeedCase("{'a.b': 1, c: 'x'}", "{a: {b: 1}, c: 'x'}"),
                new SeedCase("{$and: [{a: 1}, {b: 2}]}", "{a: 1, b: 2}"),
                new SeedCase("{$or: [{a: 1}]}", "{}"),
                new SeedCase("{a: /x/}", "{}"),
                new SeedCase("{_id: 5}", "{_id: 5}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void upsertSeed(SeedCase c) {
        BsonDocument seed = UpdateSpec.upsertSeed(BsonDocument.parse(c.filter()));
        assertTrue(BsonIdentical.identical(BsonDocument.parse(c.seed()), seed), seed.toJson());
    }
}
