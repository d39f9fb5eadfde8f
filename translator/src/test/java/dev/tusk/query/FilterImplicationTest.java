package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which queries use a partial index: the MongoDB manual's examples and the edges of each rule. */
class FilterImplicationTest {

    @ParameterizedTest(name = "{0} implies {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // the manual's restaurants example: rating > 5
        "{cuisine: 'Italian', rating: {$gte: 8}}        | {rating: {$gt: 5}}                  | true",
        "{cuisine: 'Italian', rating: {$lt: 8}}         | {rating: {$gt: 5}}                  | false",
        "{cuisine: 'Italian'}                           | {rating: {$gt: 5}}                  | false",
        "{rating: {$gt: 5}}                             | {rating: {$gt: 5}}                  | true",
        "{rating: {$gte: 5}}                            | {rating: {$gt: 5}}                  | false",
        "{rating: {$gt: 5}}                             | {rating: {$gte: 5}}                 | true",
        "{rating: {$gte: 5}}                            | {rating: {$gte: 5}}                 | true",
        "{rating: {$gt: 4}}                             | {rating: {$gte: 5}}                 | false",
        "{rating: 6}                                    | {rating: {$gt: 5}}                  | true",
        "{rating: 5}                                    | {rating: {$gt: 5}}                  | false",
        "{rating: 5.0}                                  | {rating: {$gte: 5}}                 | true",
        "{rating: {$numberLong: '9'}}                   | {rating: {$gt: 5.5}}                | true",
        "{rating: {$in: [6, 7]}}                        | {rating: {$gt: 5}}                  | true",
        "{rating: {$in: [6, 2]}}                        | {rating: {$gt: 5}}                  | false",
        "{rating: {$in: []}}                            | {rating: {$gt: 5}}                  | true",
        "{rating: {$gt: 6, $lt: 9}}                     | {rating: {$gt: 5, $lt: 10}}         | true",
        "{rating: {$gt: 6, $lt: 11}}                    | {rating: {$gt: 5, $lt: 10}}         | false",
        "{rating: {$lt: 3}}                             | {rating: {$lte: 3}}                 | true",
        "{rating: {$lte: 3}}                            | {rating: {$lt: 3}}                  | false",
        "{rating: '9'}                                  | {rating: {$gt: 5}}                  | false",
        "{rating: {$gt: 'a'}}                           | {rating: {$gt: ''}}                 | true",
        "{rating: {$gt: NaN}}                           | {rating: {$gt: 5}}                  | false",
        "{rating: {$gt: 6}}                             | {'rating.x': {$gt: 5}}              | false",
        // $exists: true (the manual's sparse-like partial index)
        "{email: 'a@b.c'}                               | {email: {$exists: true}}            | true",
        "{email: null}                                  | {email: {$exists: true}}            | false",
        "{email: {$in: ['a', null]}}                    | {email: {$exists: true}}            | false",
        "{email: {$gt: 1}}                              | {email: {$exists: true}}            | true",
        "{email: {$type: 'string'}}                     | {email: {$exists: true}}            | true",
        "{email: {$regex: '^a'}}                        | {email: {$exists: true}}            | true",
        "{email: {$ne: null}}                           | {email: {$exists: true}}            | false",
        "{email: {$exists: true}, x: 1}                 | {email: {$exists: true}}            | true",
        "{'a.b': 1}                                     | {a: {$exists: true}}                | false",
        // $type
        "{n: 5}                                         | {n: {$type: 'number'}}              | true",
        "{n: 5}                                         | {n: {$type: 'int'}}                 | false",
        "{n: {$type: 'int'}}                            | {n: {$type: 'number'}}              | true",
        "{n: {$type: 'number'}}                         | {n: {$type: 'int'}}                 | false",
        "{n: {$gt: 5}}                                  | {n: {$type: 'number'}}              | true",
        "{s: 'x'}                                       | {s: {$type: 'string'}}              | false",
        "{s: 'x'}                                       | {s: {$type: ['string', 'symbol']}}  | true",
        "{s: null}                                      | {s: {$type: 'null'}}                | false",
        // equality and $in conditions
        "{genres: 'Drama', title: 'x'}                  | {genres: 'Drama'}                   | true",
        "{genres: 'Comedy'}                             | {genres: 'Drama'}                   | false",
        "{status: 'a'}                                  | {status: {$in: ['a', 'b']}}         | true",
        "{status: {$in: ['b', 'a']}}                    | {status: {$in: ['a', 'b']}}         | true",
        "{status: {$in: ['b', 'c']}}                    | {status: {$in: ['a', 'b']}}         | false",
        "{archived: false}                              | {archived: false}                   | true",
        "{archived: null}                               | {archived: null}                    | true",
        "{archived: {$exists: false}}                   | {archived: null}                    | false",
        // $and / $or on either side
        "{$or: [{r: 6}, {r: 7}]}                        | {r: {$gt: 5}}                       | true",
        "{$or: [{r: 6}, {q: 7}]}                        | {r: {$gt: 5}}                       | false",
        "{r: 6}                                         | {$or: [{r: {$gt: 5}}, {q: 1}]}      | true",
        "{q: 1, r: 0}                                   | {$or: [{r: {$gt: 5}}, {q: 1}]}      | true",
        "{r: 0}                                         | {$or: [{r: {$gt: 5}}, {q: 1}]}      | false",
        "{$and: [{a: 1}, {b: {$gt: 2}}]}                | {a: {$exists: true}, b: {$gt: 0}}   | true",
        "{a: 1}                                         | {a: {$exists: true}, b: {$gt: 0}}   | false",
        "{}                                             | {a: {$exists: true}}                | false",
        "{a: 1}                                         | {}                                  | true",
        // negations and other operators never imply a condition they do not repeat
        "{a: {$not: {$lt: 5}}}                          | {a: {$gte: 5}}                      | false",
        "{a: {$elemMatch: {$gt: 6}}}                    | {a: {$gt: 5}}                       | false",
        "{$nor: [{a: {$lte: 5}}]}                       | {a: {$gt: 5}}                       | false",
    })
    void implication(String query, String condition, boolean implied) {
        assertEquals(implied, FilterImplication.implies(FilterParser.parse(BsonDocument.parse(query)),
                FilterParser.parse(BsonDocument.parse(condition))));
    }
}
