package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FilterParserErrorTest {
    record Case(String filter, ErrorCode code, String message) {
        @Override
        public String toString() {
            return filter;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("{a: {$in: 1}}", ErrorCode.BAD_VALUE, "$in needs an array"),
                new Case("{a: {$nin: 1}}", ErrorCode.BAD_VALUE, "$nin needs an array"),
                new Case("{a: {$in: [{$gt: 1}]}}", ErrorCode.BAD_VALUE, "cannot nest $ under $in"),
                new Case("{$and: []}", ErrorCode.BAD_VALUE, "$and/$or/$nor must be a nonempty array"),
                new Case("{$or: 1}", ErrorCode.BAD_VALUE, "$or must be an array"),
                new Case("{$nor: [1]}", ErrorCode.BAD_VALUE, "$or/$and/$nor entries need to be full objects"),
                new Case("{a: {$foo: 1}}", ErrorCode.BAD_VALUE, "unknown operator: $foo"),
                new Case("{$foo: 1}", ErrorCode.BAD_VALUE, "unknown top level operator: $foo. If you have a field name that "
                        + "starts with a '$' symbol, consider using $getField or $setField."),
                new Case("{$where: 'this.a'}", ErrorCode.NOT_IMPLEMENTED, null),
                new Case("{$sampleRate: 'x'}", ErrorCode.BAD_VALUE, "argument to $sampleRate must be a numeric type"),
                new Case("{$sampleRate: 1.5}", ErrorCode.BAD_VALUE, "numeric argument to $sampleRate must be in [0, 1]"),
                new Case("{$sampleRate: -0.1}", ErrorCode.BAD_VALUE, "numeric argument to $sampleRate must be in [0, 1]"),
                new Case("{a: {$sampleRate: 0.5}}", ErrorCode.BAD_VALUE, "unknown operator: $sampleRate"),
                new Case("{$or: [{a: {$near: [0, 0]}}, {b: 1}]}", ErrorCode.BAD_VALUE, "geoNear must be top-level expr"),
                new Case("{a: {$not: 1}}", ErrorCode.BAD_VALUE, "$not needs a regex or a document"),
                new Case("{a: {$not: {}}}", ErrorCode.BAD_VALUE, "$not cannot be empty"),
                new Case("{a: {$size: -1}}", ErrorCode.BAD_VALUE, "$size may not be negative"),
                new Case("{a: {$size: 1.5}}", ErrorCode.BAD_VALUE, "$size must be a whole number"),
                new Case("{a: {$size: 'x'}}", ErrorCode.BAD_VALUE, "$size needs a number"),
                new Case("{a: {$all: 1}}", ErrorCode.BAD_VALUE, "$all needs an array"),
                new Case("{a: {$all: [{$gt: 1}]}}", ErrorCode.BAD_VALUE, "no $ expressions in $all"),
                new Case("{a: {$elemMatch: 1}}", ErrorCode.BAD_VALUE, "$elemMatch needs an Object"),
                new Case("{a: {$mod: [0, 1]}}", ErrorCode.BAD_VALUE, "divisor cannot be 0"),
                new Case("{a: {$mod: [1]}}", ErrorCode.BAD_VALUE, "malformed mod, not enough elements"),
                new Case("{a: {$mod: [1, 2, 3]}}", ErrorCode.BAD_VALUE, "malformed mod, too many elements"),
                new Case("{a: {$mod: 1}}", ErrorCode.BAD_VALUE, "malformed mod, needs to be an array"),
                new Case("{a: {$mod: ['x', 1]}}", ErrorCode.BAD_VALUE, "malformed mod, divisor not a number"),
                new Case("{a: {$type: 'foo'}}", ErrorCode.BAD_VALUE, "Unknown type name alias: foo"),
                new Case("{a: {$type: 99}}", ErrorCode.BAD_VALUE, "Invalid numerical type code: 99"),
                new Case("{a: {$type: []}}", ErrorCode.FAILED_TO_PARSE, "a must match at least one type"),
                new Case("{a: {$type: {}}}", ErrorCode.TYPE_MISMATCH, "type must be represented as a number or a string"),
                new Case("{a: {$regex: 1}}", ErrorCode.BAD_VALUE, "$regex has to be a string"),
                new Case("{a: {$options: 'i'}}", ErrorCode.BAD_VALUE, "$options needs a $regex"),
                new Case("{a: {$regex: 'a', $options: 'z'}}", ErrorCode.LOCATION_51108, "invalid flag in regex options: z"),
                new Case("{a: {$regex: '('}}", ErrorCode.LOCATION_51091, null),
                new Case("{a: {$gt: /x/}}", ErrorCode.BAD_VALUE, "Can't have RegEx as arg to predicate over field 'a'."),
                new Case("{a: {$ne: /x/}}", ErrorCode.BAD_VALUE, "Can't have regex as arg to $ne."),
                new Case("{$alwaysTrue: 2}", ErrorCode.FAILED_TO_PARSE, "$alwaysTrue must be an integer value of 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejects(Case c) {
        MongoServerException e = assertThrows(MongoServerException.class,
                () -> FilterParser.parse(BsonDocument.parse(c.filter())));
        assertEquals(c.code(), e.code(), e.getMessage());
        if (c.message() != null) {
            assertEquals(c.message(), e.getMessage());
        }
    }

    /** Every query operator of MongoDB 7.0's manual is either implemented or answered as NotImplemented. */
    @Test
    void coversTheManualsOperators() {
        List<String> manual = List.of("$eq", "$gt", "$gte", "$in", "$lt", "$lte", "$ne", "$nin", "$not", "$exists",
                "$type", "$all", "$elemMatch", "$size", "$mod", "$bitsAllClear", "$bitsAllSet", "$bitsAnyClear",
                "$bitsAnySet", "$geoIntersects", "$geoWithin", "$near", "$nearSphere");
        Set<String> known = new TreeSet<>(QueryOperators.fieldOperatorNames());
        known.addAll(QueryOperators.FIELD_NOT_IMPLEMENTED);
        known.addAll(GeoOps.NEAR_PARTS); // parsed together with their distances
        for (String op : manual) {
            assertEquals(true, known.contains(op), op);
        }
        Set<String> top = new TreeSet<>(QueryOperators.topLevelOperatorNames());
        top.addAll(QueryOperators.TOP_LEVEL_NOT_IMPLEMENTED);
        for (String op : List.of("$and", "$or", "$nor", "$expr", "$jsonSchema", "$text", "$where", "$comment")) {
            assertEquals(true, top.contains(op), op);
        }
    }
}
