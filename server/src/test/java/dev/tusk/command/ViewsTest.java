package dev.tusk.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import java.util.Optional;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** find's arguments as the stages that follow a view's pipeline. */
class ViewsTest {
    record Case(String name, String filter, String sort, long skip, long limit, String projection, String stages) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("nothing adds no stage", "{}", null, 0, 0, null, "[]"),
                new Case("empty sort and projection add none", "{}", "{}", 0, 0, "{}", "[]"),
                new Case("filter only", "{a: 1}", null, 0, 0, null, "[{$match: {a: 1}}]"),
                new Case("all, in find's order", "{a: 1}", "{b: -1}", 2, 3, "{b: 1}", """
                        [{$match: {a: 1}}, {$sort: {b: -1}}, {$skip: {$numberLong: "2"}}, {$limit: {$numberLong: "3"}},
                         {$project: {b: 1}}]"""),
                new Case("limit without skip", "{}", null, 0, 5, null, "[{$limit: {$numberLong: \"5\"}}]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findStages(Case c) {
        BsonArray stages = Views.findStages(BsonDocument.parse(c.filter()), Optional.ofNullable(c.sort()).map(BsonDocument::parse),
                c.skip(), c.limit(), Optional.ofNullable(c.projection()).map(BsonDocument::parse), new BsonDocument());
        assertEquals(BsonDocument.parse("{s: " + c.stages() + "}").getArray("s"), stages);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("findOnlyOptions")
    void findOnlyOptionsAre168(String body) {
        MongoServerException e = assertThrows(MongoServerException.class, () -> Views.findStages(new BsonDocument(),
                Optional.empty(), 0, 0, Optional.empty(), BsonDocument.parse(body)));
        assertEquals(168, e.code().code());
        assertEquals("Option " + BsonDocument.parse(body).getFirstKey() + " not supported in aggregation.", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsetFindOnlyOptions")
    void unsetFindOnlyOptionsAreAccepted(String body) {
        assertEquals(new BsonArray(), Views.findStages(new BsonDocument(), Optional.empty(), 0, 0, Optional.empty(),
                BsonDocument.parse(body)));
    }

    static Stream<String> unsetFindOnlyOptions() {
        return Stream.of("{returnKey: false}", "{showRecordId: false}", "{min: {}}", "{max: {}}");
    }

    static Stream<String> findOnlyOptions() {
        return Stream.of("{returnKey: true}", "{showRecordId: true}", "{min: {a: 1}}", "{max: {a: 1}}");
    }
}
