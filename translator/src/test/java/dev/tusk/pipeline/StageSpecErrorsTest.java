package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Stage specifications of the wrong shape: MongoDB 7.0's codes and messages, never an internal error. */
class StageSpecErrorsTest {
    static Stream<Arguments> stages() {
        return Stream.of(
                Arguments.of("[{$unwind: {path: 1}}]", ErrorCode.LOCATION_28808, "expected a string as the path for $unwind stage, got int"),
                Arguments.of("[{$unwind: {path: '$a', preserveNullAndEmptyArrays: 'x'}}]", ErrorCode.LOCATION_28809,
                        "expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got string"),
                Arguments.of("[{$unwind: {path: '$a', includeArrayIndex: 5}}]", ErrorCode.LOCATION_28810,
                        "expected a non-empty string for the includeArrayIndex option to $unwind stage, got int"),
                Arguments.of("[{$unwind: {path: '$a', includeArrayIndex: '$i'}}]", ErrorCode.LOCATION_28822,
                        "includeArrayIndex option to $unwind stage should not be prefixed with a '$': $i"),
                Arguments.of("[{$unwind: {path: '$a', other: 1}}]", ErrorCode.LOCATION_28811, "unrecognized option to $unwind stage: other"),
                Arguments.of("[{$unwind: {preserveNullAndEmptyArrays: true}}]", ErrorCode.LOCATION_28812, "no path specified to $unwind stage"),
                Arguments.of("[{$unwind: {path: 'x', includeArrayIndex: 'x', preserveNullAndEmptyArrays: 'x'}}]", ErrorCode.LOCATION_28809,
                        "expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got string"),
                Arguments.of("[{$unwind: 5}]", ErrorCode.LOCATION_15981, "expected either a string or an object as specification for $unwind stage, got int"),
                Arguments.of("[{$bucket: {groupBy: [1, 2], boundaries: [1, 2]}}]", ErrorCode.LOCATION_40202,
                        "The $bucket 'groupBy' field must be defined as a $-prefixed path or an expression, but found: [ 1, 2 ]."),
                Arguments.of("[{$bucket: {groupBy: '$a', boundaries: [1, 2], output: [1, 2]}}]", ErrorCode.LOCATION_40196,
                        "The $bucket 'output' field must be an object, but found type: array."),
                Arguments.of("[{$bucket: {groupBy: '$a', boundaries: 5}}]", ErrorCode.LOCATION_40200,
                        "The $bucket 'boundaries' field must be an array, but found type: int."),
                Arguments.of("[{$bucket: {groupBy: '$a', boundaries: [5]}}]", ErrorCode.LOCATION_40192,
                        "The $bucket 'boundaries' field must have at least 2 values, but found 1 value(s)."),
                Arguments.of("[{$bucket: {groupBy: '$a', boundaries: [1, 2], colour: 1}}]", ErrorCode.LOCATION_40197,
                        "Unrecognized option to $bucket: colour."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void stagesOfTheWrongShapeAreRefused(String pipeline, ErrorCode code, String message) {
        assertRefused(() -> Pipeline.parse(BsonArray.parse(pipeline)), code, message);
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable parse, ErrorCode code, String message) {
        MongoServerException e = assertThrows(MongoServerException.class, parse);
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(message, e.getMessage());
    }

    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of("5", ErrorCode.LOCATION_51182, "$merge only supports a string or object argument, but found int"),
                Arguments.of("{into: 1}", ErrorCode.LOCATION_51178, "$merge 'into' field  must be either a string or an object, but found int"),
                Arguments.of("{into: {}}", ErrorCode.LOCATION_40414, "BSON field '$merge.into.coll' is missing but a required field"),
                Arguments.of("{into: {coll: 5}}", ErrorCode.TYPE_MISMATCH,
                        "BSON field '$merge.into.coll' is the wrong type 'int', expected type 'string'"),
                Arguments.of("{into: 'c', on: 1}", ErrorCode.LOCATION_51186,
                        "$merge 'on' field  must be either a string or an array of strings, but found int"),
                Arguments.of("{into: 'c', on: ['a', 1]}", ErrorCode.LOCATION_51134, "$merge 'on' array elements must be strings, but found int"),
                Arguments.of("{into: 'c', whenMatched: 1}", ErrorCode.LOCATION_51191,
                        "$merge 'whenMatched' field  must be either a string or an array, but found int"),
                Arguments.of("{into: 'c', whenMatched: 'x'}", ErrorCode.BAD_VALUE,
                        "Enumeration value 'x' for field '$merge.whenMatched' is not a valid value."),
                Arguments.of("{into: 'c', whenNotMatched: 1}", ErrorCode.TYPE_MISMATCH,
                        "BSON field '$merge.whenNotMatched' is the wrong type 'int', expected type 'string'"),
                Arguments.of("{into: 'c', let: 1}", ErrorCode.TYPE_MISMATCH, "BSON field '$merge.let' is the wrong type 'int', expected type 'object'"),
                Arguments.of("{into: 'c', other: 1}", ErrorCode.UNKNOWN_BSON_FIELD, "BSON field '$merge.other' is an unknown field."),
                Arguments.of("{on: '_id'}", ErrorCode.LOCATION_40414, "BSON field '$merge.into' is missing but a required field"));
    }

    static Stream<Arguments> outs() {
        return Stream.of(
                Arguments.of("5", ErrorCode.LOCATION_16990, "$out only supports a string or object argument, not int"),
                Arguments.of("{db: 5, coll: 'c'}", ErrorCode.TYPE_MISMATCH, "BSON field '$out.db' is the wrong type 'int', expected type 'string'"),
                Arguments.of("{db: 'd'}", ErrorCode.LOCATION_40414, "BSON field '$out.coll' is missing but a required field"),
                Arguments.of("{coll: 'c', x: 1}", ErrorCode.UNKNOWN_BSON_FIELD, "BSON field '$out.x' is an unknown field."));
    }

    @ParameterizedTest(name = "$out: {0}")
    @MethodSource("outs")
    void outSpecificationsOfTheWrongShapeAreRefused(String spec, ErrorCode code, String message) {
        assertRefused(() -> Sink.of(BsonArray.parse("[{$out: " + spec + "}]"), "db"), code, message);
    }

    @ParameterizedTest(name = "$merge: {0}")
    @MethodSource("merges")
    void mergeSpecificationsOfTheWrongShapeAreRefused(String spec, ErrorCode code, String message) {
        assertRefused(() -> Sink.of(BsonArray.parse("[{$merge: " + spec + "}]"), "db"), code, message);
    }
}
