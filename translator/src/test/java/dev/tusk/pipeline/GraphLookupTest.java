package dev.tusk.pipeline;

import static dev.tusk.pipeline.PipelineCase.c;
import static dev.tusk.pipeline.PipelineCase.err;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $graphLookup with the manual's examples over in-memory collections, cycles, arrays, null, depth limits and errors. */
class GraphLookupTest {
    private static final String EMPLOYEES = """
            [{_id: 1, name: 'Dev'}, {_id: 2, name: 'Eliot', reportsTo: 'Dev'}, {_id: 3, name: 'Ron', reportsTo: 'Eliot'},
             {_id: 4, name: 'Andrew', reportsTo: 'Eliot'}, {_id: 5, name: 'Asya', reportsTo: 'Ron'},
             {_id: 6, name: 'Dan', reportsTo: 'Andrew'}]""";
    private static final String AIRPORTS = """
            [{_id: 0, airport: 'JFK', connects: ['BOS', 'ORD']}, {_id: 1, airport: 'BOS', connects: ['JFK', 'PWM']},
             {_id: 2, airport: 'ORD', connects: ['JFK']}, {_id: 3, airport: 'PWM', connects: ['BOS', 'LHR']},
             {_id: 4, airport: 'LHR', connects: ['PWM']}]""";
    private static final String PEOPLE = """
            [{_id: 1, name: 'Tanya Jordan', friends: ['Shirley Soto', 'Terry Hawkins', 'Carole Hale'],
              hobbies: ['tennis', 'unicycling', 'golf']},
             {_id: 2, name: 'Carole Hale', friends: ['Joseph Dennis', 'Tanya Jordan', 'Terry Hawkins'],
              hobbies: ['archery', 'golf', 'woodworking']},
             {_id: 3, name: 'Terry Hawkins', friends: ['Tanya Jordan', 'Carole Hale', 'Angelo Ward'], hobbies: ['knitting', 'frisbee']},
             {_id: 4, name: 'Joseph Dennis', friends: ['Angelo Ward', 'Carole Hale'], hobbies: ['tennis', 'golf', 'topiary']},
             {_id: 5, name: 'Angelo Ward', friends: ['Terry Hawkins', 'Shirley Soto', 'Joseph Dennis'],
              hobbies: ['travel', 'ceramics', 'golf']},
             {_id: 6, name: 'Shirley Soto', friends: ['Angelo Ward', 'Tanya Jordan', 'Carole Hale'], hobbies: ['frisbee', 'set theory']}]""";
    private static final String NODES = """
            [{_id: 1, k: null, next: 2}, {_id: 2, next: 5}, {_id: 3, k: 7}, {_id: 4, k: 'a', next: 'b'}, {_id: 5, k: 'b', next: 'a'},
             {_id: 6, k: 'c', links: [{to: 'd'}, {to: ['e']}, 'x']}, {_id: 7, k: 'd'}, {_id: 8, k: 'e'}, {k: 'noid'}]""";
    private static final Map<String, List<BsonDocument>> DB = Map.of("employees", docs(EMPLOYEES), "airports", docs(AIRPORTS),
            "people", docs(PEOPLE), "nodes", docs(NODES));

    private static List<BsonDocument> docs(String json) {
        List<BsonDocument> out = new ArrayList<>();
        for (BsonValue v : BsonArray.parse(json)) {
            out.add(v.asDocument());
        }
        return out;
    }

    private static final CollectionReader READER = (collection, filter) -> DB.getOrDefault(collection, List.of()).stream()
            .filter(d -> FilterEvaluator.matches(filter, d)).iterator();

    private static final String TRAVELERS = "[{_id: 1, name: 'Dev', nearestAirport: 'JFK'}, {_id: 3, name: 'Jeff', nearestAirport: 'BOS'}]";
    private static final String AIRPORT_PAIRS = ", {$project: {name: 1, d: {$map: {input: {$sortArray: {input: '$destinations', "
            + "sortBy: {_id: 1}}}, in: ['$$this.airport', '$$this.numConnections']}}}}]";

    /** $graphLookup over nodes, then only _id and the found _ids in order. */
    private static String nodes(String spec) {
        return "[{$graphLookup: {from: 'nodes', connectToField: 'k', as: 'found', " + spec + "}},"
                + " {$project: {ids: {$sortArray: {input: '$found._id', sortBy: 1}}}}]";
    }

    private static String graph(String spec) {
        return "[{$graphLookup: {" + spec + "}}]";
    }

    private static final String VALID = "from: 'nodes', startWith: '$a', connectFromField: 'next', connectToField: 'k', as: 'out'";

    static Stream<PipelineCase> cases() {
        return Stream.of(
                c("reporting hierarchy (manual)", EMPLOYEES, """
                        [{$graphLookup: {from: 'employees', startWith: '$reportsTo', connectFromField: 'reportsTo',
                                         connectToField: 'name', as: 'reportingHierarchy'}},
                         {$project: {names: {$sortArray: {input: '$reportingHierarchy.name', sortBy: 1}}}}]""", """
                        [{_id: 1, names: []}, {_id: 2, names: ['Dev']}, {_id: 3, names: ['Dev', 'Eliot']},
                         {_id: 4, names: ['Dev', 'Eliot']}, {_id: 5, names: ['Dev', 'Eliot', 'Ron']},
                         {_id: 6, names: ['Andrew', 'Dev', 'Eliot']}]"""),
                c("airports within two connections, with depth (manual)", TRAVELERS, """
                        [{$graphLookup: {from: 'airports', startWith: '$nearestAirport', connectFromField: 'connects',
                                         connectToField: 'airport', maxDepth: 2, depthField: 'numConnections', as: 'destinations'}}"""
                        + AIRPORT_PAIRS, """
                        [{_id: 1, name: 'Dev', d: [['JFK', {$numberLong: '0'}], ['BOS', {$numberLong: '1'}], ['ORD', {$numberLong: '1'}],
                                                   ['PWM', {$numberLong: '2'}]]},
                         {_id: 3, name: 'Jeff', d: [['JFK', {$numberLong: '1'}], ['BOS', {$numberLong: '0'}], ['ORD', {$numberLong: '2'}],
                                                    ['PWM', {$numberLong: '1'}], ['LHR', {$numberLong: '2'}]]}]"""),
                c("maxDepth 0 is the first level only", "[{_id: 3, nearestAirport: 'BOS'}]", """
                        [{$graphLookup: {from: 'airports', startWith: '$nearestAirport', connectFromField: 'connects',
                                         connectToField: 'airport', maxDepth: 0, as: 'destinations'}},
                         {$project: {ids: '$destinations._id'}}]""", "[{_id: 3, ids: [1]}]"),
                c("restrictSearchWithMatch: golfers among friends (manual)", PEOPLE, """
                        [{$match: {name: 'Tanya Jordan'}},
                         {$graphLookup: {from: 'people', startWith: '$friends', connectFromField: 'friends', connectToField: 'name',
                                         as: 'golfers', restrictSearchWithMatch: {hobbies: 'golf'}}},
                         {$project: {name: 1, golfers: {$sortArray: {input: '$golfers.name', sortBy: 1}}}}]""", """
                        [{_id: 1, name: 'Tanya Jordan', golfers: ['Angelo Ward', 'Carole Hale', 'Joseph Dennis', 'Tanya Jordan']}]"""),
                c("a cycle ends", "[{_id: 0, a: 'a'}]", nodes("startWith: '$a', connectFromField: 'next'"), "[{_id: 0, ids: [4, 5]}]"),
                c("null finds null but not missing", "[{_id: 0, a: null}]", nodes("startWith: '$a', connectFromField: 'next'"),
                        "[{_id: 0, ids: [1]}]"),
                c("missing startWith finds nothing", "[{_id: 0}]", nodes("startWith: '$a', connectFromField: 'next'"), "[{_id: 0, ids: []}]"),
                c("startWith array: each element", "[{_id: 0, a: [7, 'd', 'zzz']}]", nodes("startWith: '$a', connectFromField: 'next'"),
                        "[{_id: 0, ids: [3, 7]}]"),
                c("connectFromField through an array of documents and a trailing array", "[{_id: 0, a: 'c'}]",
                        nodes("startWith: '$a', connectFromField: 'links.to'"), "[{_id: 0, ids: [6, 7, 8]}]"),
                c("as a dotted path", "[{_id: 0, a: 7, x: {keep: 1}}]", """
                        [{$graphLookup: {from: 'nodes', startWith: '$a', connectFromField: 'next', connectToField: 'k', as: 'x.found'}}]""",
                        "[{_id: 0, a: 7, x: {keep: 1, found: [{_id: 3, k: 7}]}}]"),
                c("startWith an expression", "[{_id: 0, a: 3}]", nodes("startWith: {$add: ['$a', 4]}, connectFromField: 'next'"),
                        "[{_id: 0, ids: [3]}]"),
                err("not an object", "[]", "[{$graphLookup: 1}]", ErrorCode.FAILED_TO_PARSE,
                        "the $graphLookup stage specification must be an object, but found int"),
                err("missing connectToField", "[]", graph("from: 'nodes', startWith: '$a', connectFromField: 'next', as: 'out'"),
                        ErrorCode.LOCATION_40105,
                        "$graphLookup requires 'from', 'as', 'startWith', 'connectFromField', and 'connectToField' to be specified."),
                err("unknown argument", "[]", graph(VALID + ", bogus: 1"), ErrorCode.LOCATION_40104, "Unknown argument to $graphLookup: bogus"),
                err("from not a string", "[]", graph("from: 1, startWith: '$a', connectFromField: 'n', connectToField: 'k', as: 'o'"),
                        ErrorCode.LOCATION_40103, "expected string as argument for from, found: int"),
                err("maxDepth not a number", "[]", graph(VALID + ", maxDepth: 'a'"), ErrorCode.LOCATION_40100,
                        "maxDepth must be numeric, found type: string"),
                err("maxDepth negative", "[]", graph(VALID + ", maxDepth: -1"), ErrorCode.LOCATION_40101,
                        "maxDepth requires a nonnegative argument, found: -1"),
                err("maxDepth fractional", "[]", graph(VALID + ", maxDepth: 1.5"), ErrorCode.LOCATION_40102,
                        "maxDepth could not be represented as a long long: 1"),
                err("restrictSearchWithMatch not an object", "[]", graph(VALID + ", restrictSearchWithMatch: 1"), ErrorCode.LOCATION_40185,
                        "restrictSearchWithMatch must be an object, found int"),
                err("restrictSearchWithMatch not a filter", "[]", graph(VALID + ", restrictSearchWithMatch: {$bogus: 1}"),
                        ErrorCode.BAD_VALUE, null),
                err("connectFromField a $-path", "[]", graph("from: 'nodes', startWith: '$a', connectFromField: '$n', connectToField: 'k', "
                        + "as: 'o'"), ErrorCode.LOCATION_16410, null),
                err("depthField empty", "[]", graph(VALID + ", depthField: ''"), ErrorCode.LOCATION_40352, null),
                err("a found document without _id", "[{a: 'noid'}]", graph(VALID), ErrorCode.LOCATION_40271,
                        "Documents in the 'nodes' namespace must contain an _id for de-duplication in $graphLookup"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void graphLookup(PipelineCase c) {
        c.check(READER);
    }

    @Test
    void oneQueryPerLevelAndNoneForValuesAlreadySought() {
        List<Object> reads = new ArrayList<>();
        CollectionReader counting = (collection, filter) -> {
            reads.add(filter);
            return READER.read(collection, filter);
        };
        PipelineCase.run("[{_id: 3, nearestAirport: 'BOS'}]", """
                [{$graphLookup: {from: 'airports', startWith: '$nearestAirport', connectFromField: 'connects',
                                 connectToField: 'airport', as: 'destinations'}}]""", counting);
        assertEquals(3, reads.size(), "[BOS], [JFK, PWM], [LHR, ORD]; then every connection was already sought");
    }
}
