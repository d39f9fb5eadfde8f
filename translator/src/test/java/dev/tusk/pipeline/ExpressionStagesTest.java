package dev.tusk.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bson.BsonIdentical;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stages that use expressions ($project $addFields $set $unset $replaceRoot $replaceWith $sortByCount $group) over small inputs. */
class ExpressionStagesTest {
    record Case(String name, String input, String pipeline, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case c(String name, String input, String pipeline, String expected) {
        return new Case(name, input, pipeline, expected);
    }

    static Stream<Case> cases() {
        String scores = "[{_id: 1, student: 'Maya', homework: [10, 5, 10], quiz: [10, 8], extraCredit: 0},"
                + " {_id: 2, student: 'Ryan', homework: [5, 6, 5], quiz: [8, 8], extraCredit: 8}]";
        String books = "[{_id: 1, title: 'abc123', isbn: '0001122223334', author: {last: 'zzz', first: 'aaa'}, copies: 5}]";
        String fruit = "[{_id: 1, item: 'apple', tags: ['red', 'round']}, {_id: 2, item: 'banana', tags: ['yellow']},"
                + " {_id: 3, item: 'cherry', tags: ['red']}]";
        return Stream.of(
                c("addFields manual example", scores,
                        "[{$addFields: {totalHomework: {$sum: '$homework'}, totalQuiz: {$sum: '$quiz'}}},"
                                + " {$addFields: {totalScore: {$add: ['$totalHomework', '$totalQuiz', '$extraCredit']}}}]",
                        "[{_id: 1, student: 'Maya', homework: [10, 5, 10], quiz: [10, 8], extraCredit: 0, totalHomework: 25, totalQuiz: 18,"
                                + " totalScore: 43}, {_id: 2, student: 'Ryan', homework: [5, 6, 5], quiz: [8, 8], extraCredit: 8,"
                                + " totalHomework: 16, totalQuiz: 16, totalScore: 40}]"),
                c("addFields replaces in place", "[{_id: 1, a: 1, b: 2}]", "[{$addFields: {a: 'x'}}]", "[{_id: 1, a: 'x', b: 2}]"),
                c("addFields number is a literal", "[{_id: 1}]", "[{$addFields: {a: 1}}]", "[{_id: 1, a: 1}]"),
                c("addFields embedded dotted", "[{_id: 1, specs: {doors: 4}}]", "[{$addFields: {'specs.fuel': 'unleaded'}}]",
                        "[{_id: 1, specs: {doors: 4, fuel: 'unleaded'}}]"),
                c("addFields nested document merges", "[{_id: 1, specs: {doors: 4}}]", "[{$addFields: {specs: {fuel: 'unleaded'}}}]",
                        "[{_id: 1, specs: {doors: 4, fuel: 'unleaded'}}]"),
                c("addFields nested into array of documents", "[{_id: 1, a: [{b: 1}, 2]}]", "[{$addFields: {'a.c': 0}}]",
                        "[{_id: 1, a: [{b: 1, c: 0}, {c: 0}]}]"),
                c("addFields REMOVE removes", "[{_id: 1, a: 1, b: 2}]", "[{$addFields: {a: '$$REMOVE'}}]", "[{_id: 1, b: 2}]"),
                c("addFields concatArrays", "[{_id: 1, h: [1]}]", "[{$addFields: {h: {$concatArrays: ['$h', [7]]}}}]", "[{_id: 1, h: [1, 7]}]"),
                c("set alias", "[{_id: 1, a: 2}]", "[{$set: {b: {$multiply: ['$a', 3]}}}]", "[{_id: 1, a: 2, b: 6}]"),
                c("project inclusion", books, "[{$project: {title: 1, author: 1}}]",
                        "[{_id: 1, title: 'abc123', author: {last: 'zzz', first: 'aaa'}}]"),
                c("project without _id", books, "[{$project: {_id: 0, title: 1}}]", "[{title: 'abc123'}]"),
                c("project embedded inclusion", books, "[{$project: {'author.first': 1}}]", "[{_id: 1, author: {first: 'aaa'}}]"),
                c("project nested spec", books, "[{$project: {author: {last: 1}}}]", "[{_id: 1, author: {last: 'zzz'}}]"),
                c("project exclusion", books, "[{$project: {isbn: 0, 'author.first': 0, copies: 0}}]",
                        "[{_id: 1, title: 'abc123', author: {last: 'zzz'}}]"),
                c("project computed", books,
                        "[{$project: {title: 1, isbn: {prefix: {$substr: ['$isbn', 0, 3]}, group: {$substr: ['$isbn', 3, 2]}},"
                                + " lastName: '$author.last', copiesSold: '$copies'}}]",
                        "[{_id: 1, title: 'abc123', isbn: {prefix: '000', group: '11'}, lastName: 'zzz', copiesSold: 5}]"),
                c("project computed REMOVE conditionally", "[{_id: 1, a: 0}, {_id: 2, a: 5}]",
                        "[{$project: {a: {$cond: {if: {$eq: ['$a', 0]}, then: '$$REMOVE', else: '$a'}}}}]", "[{_id: 1}, {_id: 2, a: 5}]"),
                c("project literal", "[{_id: 1}]", "[{$project: {s: {$literal: 1}, t: 'text'}}]", "[{_id: 1, s: 1, t: 'text'}]"),
                c("project computed dotted", "[{_id: 1, a: 3}]", "[{$project: {'x.y': '$a'}}]", "[{_id: 1, x: {y: 3}}]"),
                c("project new array", "[{_id: 1, x: 1, y: 2}]", "[{$project: {myArray: ['$x', '$y', '$nope']}}]",
                        "[{_id: 1, myArray: [1, 2, null]}]"),
                c("project only _id exclusion", "[{_id: 1, a: 1}]", "[{$project: {_id: 0}}]", "[{a: 1}]"),
                c("project computed _id", "[{_id: 1, a: 7}]", "[{$project: {_id: '$a'}}]", "[{_id: 7}]"),
                c("unset one", books, "[{$unset: 'copies'}]",
                        "[{_id: 1, title: 'abc123', isbn: '0001122223334', author: {last: 'zzz', first: 'aaa'}}]"),
                c("unset several and dotted", books, "[{$unset: ['isbn', 'author.first', 'copies']}]",
                        "[{_id: 1, title: 'abc123', author: {last: 'zzz'}}]"),
                c("unset _id", "[{_id: 1, a: 1}]", "[{$unset: '_id'}]", "[{a: 1}]"),
                c("replaceRoot", "[{_id: 1, name: {first: 'John', last: 'Backus'}}]", "[{$replaceRoot: {newRoot: '$name'}}]",
                        "[{first: 'John', last: 'Backus'}]"),
                c("replaceRoot mergeObjects", "[{_id: 1, name: {first: 'John'}}]",
                        "[{$replaceRoot: {newRoot: {$mergeObjects: [{first: '', last: ''}, '$name']}}}]", "[{first: 'John', last: ''}]"),
                c("replaceWith", "[{_id: 1, a: {b: 2}}]", "[{$replaceWith: '$a'}]", "[{b: 2}]"),
                c("replaceWith new document", "[{_id: 1, a: 2}]", "[{$replaceWith: {x: '$a', root: '$$ROOT'}}]", "[{x: 2, root: {_id: 1, a: 2}}]"),
                c("sortByCount", fruit, "[{$unwind: '$tags'}, {$sortByCount: '$tags'}]",
                        "[{_id: 'red', count: 2}, {_id: 'round', count: 1}, {_id: 'yellow', count: 1}]"),
                c("sortByCount expression", fruit, "[{$sortByCount: {$size: '$tags'}}]", "[{_id: 1, count: 2}, {_id: 2, count: 1}]"),
                c("group by expression", fruit, "[{$group: {_id: {$size: '$tags'}, items: {$push: '$item'}}}]",
                        "[{_id: 1, items: ['banana', 'cherry']}, {_id: 2, items: ['apple']}]"),
                c("group accumulator of an expression", scores, "[{$group: {_id: null, total: {$sum: {$add: ['$extraCredit', 1]}}}}]",
                        "[{_id: null, total: 10}]"),
                c("group _id document", scores, "[{$group: {_id: {s: '$student'}, n: {$sum: 1}}}, {$sort: {'_id.s': -1}}]",
                        "[{_id: {s: 'Ryan'}, n: 1}, {_id: {s: 'Maya'}, n: 1}]"),
                c("match with $expr", scores, "[{$match: {$expr: {$gt: ['$extraCredit', 0]}}}, {$project: {student: 1, _id: 0}}]",
                        "[{student: 'Ryan'}]"));
    }

    private static List<BsonDocument> run(String input, String pipeline) {
        return PipelineCase.run(input, pipeline);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void runs(Case c) {
        BsonArray actual = new BsonArray(new ArrayList<>(run(c.input(), c.pipeline())));
        BsonArray expected = BsonArray.parse(c.expected());
        assertTrue(BsonIdentical.identical(expected, actual), () -> "expected " + new BsonDocument("v", expected).toJson()
                + " but was " + new BsonDocument("v", actual).toJson());
    }

    record ErrorCase(String name, String input, String pipeline, ErrorCode code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ErrorCase> errors() {
        return Stream.of(
                new ErrorCase("project empty", "[]", "[{$project: {}}]", ErrorCode.LOCATION_51272, null),
                new ErrorCase("project mixes exclusion into inclusion", "[]", "[{$project: {a: 1, b: 0}}]", ErrorCode.PROJECTION_MIXES_INCLUSION,
                        "Invalid $project :: caused by :: Cannot do exclusion on field b in inclusion projection"),
                new ErrorCase("project computed in exclusion", "[]", "[{$project: {a: 0, b: '$x'}}]", ErrorCode.LOCATION_31310,
                        "Invalid $project :: caused by :: Cannot use an expression b: \"$x\" in an exclusion projection"),
                new ErrorCase("project computed then exclusion", "[]", "[{$project: {b: '$x', a: 0}}]", ErrorCode.PROJECTION_MIXES_INCLUSION,
                        "Invalid $project :: caused by :: Cannot do exclusion on field a in inclusion projection"),
                new ErrorCase("project path collision", "[]", "[{$project: {a: 1, 'a.b': 1}}]", ErrorCode.LOCATION_31249, null),
                new ErrorCase("project not object", "[]", "[{$project: 1}]", ErrorCode.LOCATION_15969, null),
                new ErrorCase("project unknown operator", "[]", "[{$project: {a: {$foo: 1}}}]", ErrorCode.INVALID_PIPELINE_OPERATOR,
                        "Unrecognized expression '$foo'"),
                new ErrorCase("addFields empty", "[]", "[{$addFields: {}}]", ErrorCode.LOCATION_40177, null),
                new ErrorCase("addFields not object", "[]", "[{$set: 1}]", ErrorCode.LOCATION_40272, null),
                new ErrorCase("unset number", "[]", "[{$unset: 1}]", ErrorCode.LOCATION_31002, "$unset specification must be a string or an array"),
                new ErrorCase("unset array of numbers", "[]", "[{$unset: [1]}]", ErrorCode.LOCATION_31120, null),
                new ErrorCase("replaceRoot no newRoot", "[]", "[{$replaceRoot: {}}]", ErrorCode.LOCATION_40231,
                        "no newRoot specified for the $replaceRoot stage"),
                new ErrorCase("replaceRoot unknown field", "[]", "[{$replaceRoot: {newRoot: '$a', x: 1}}]", ErrorCode.UNKNOWN_BSON_FIELD, null),
                new ErrorCase("replaceRoot non-document", "[{_id: 1, a: 5}]", "[{$replaceRoot: {newRoot: '$a'}}]", ErrorCode.LOCATION_40228,
                        "'newRoot' expression must evaluate to an object, but resulting value was: 5. Type of resulting value: 'int'. "
                                + "Input document: { _id: 1, a: 5 }"),
                new ErrorCase("replaceWith missing", "[{_id: 1}]", "[{$replaceWith: '$a'}]", ErrorCode.LOCATION_40228, null),
                new ErrorCase("sortByCount plain string", "[]", "[{$sortByCount: 'a'}]", ErrorCode.LOCATION_40148, null),
                new ErrorCase("sortByCount number", "[]", "[{$sortByCount: 1}]", ErrorCode.LOCATION_40149, null),
                new ErrorCase("sortByCount plain object", "[]", "[{$sortByCount: {a: 1}}]", ErrorCode.LOCATION_40147, null),
                new ErrorCase("group id operator error", "[]", "[{$group: {_id: {$add: 1, $sub: 2}}}]", ErrorCode.LOCATION_15983, null),
                new ErrorCase("runtime error surfaces", "[{_id: 1, a: 'x'}]", "[{$set: {b: {$add: ['$a', 1]}}}]", ErrorCode.TYPE_MISMATCH,
                        "$add only supports numeric or date types, not string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void rejects(ErrorCase c) {
        MongoServerException e = assertThrows(MongoServerException.class, () -> run(c.input(), c.pipeline()));
        assertEquals(c.code(), e.code(), e.getMessage());
        if (c.message() != null) {
            assertEquals(c.message(), e.getMessage());
        }
    }
}
