package dev.tusk.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tusk.error.MongoServerException;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** $jsonSchema in the query language, keyword by keyword (MongoDB's dialect). */
class JsonSchemaTest {
    record Case(String name, String schema, String doc, boolean matches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        String student = "{bsonType: 'object', required: ['name', 'year'], properties: {name: {bsonType: 'string'}, "
                + "year: {bsonType: 'int', minimum: 2017, maximum: 3017}, gpa: {bsonType: ['double'], minimum: 0}}}";
        return Stream.of(
                new Case("manual student ok", student, "{name: 'Alice', year: 2019, gpa: 3.5}", true),
                new Case("manual student missing year", student, "{name: 'Alice'}", false),
                new Case("manual student year too small", student, "{name: 'A', year: 2000}", false),
                new Case("manual student wrong gpa type", student, "{name: 'A', year: 2019, gpa: 3}", false),
                new Case("bsonType number", "{properties: {a: {bsonType: 'number'}}}", "{a: {$numberLong: '5'}}", true),
                new Case("type number json", "{properties: {a: {type: 'number'}}}", "{a: 1.5}", true),
                new Case("type string fails", "{properties: {a: {type: 'string'}}}", "{a: 1}", false),
                new Case("minimum ignores strings", "{properties: {a: {minimum: 5}}}", "{a: 'x'}", true),
                new Case("exclusiveMaximum", "{properties: {a: {maximum: 5, exclusiveMaximum: true}}}", "{a: 5}", false),
                new Case("enum", "{properties: {c: {enum: ['red', 'blue']}}}", "{c: 'red'}", true),
                new Case("enum miss", "{properties: {c: {enum: ['red', 'blue']}}}", "{c: 'green'}", false),
                new Case("pattern", "{properties: {e: {pattern: '@x\\\\.com$'}}}", "{e: 'a@x.com'}", true),
                new Case("minLength code points", "{properties: {s: {minLength: 3}}}", "{s: 'héé'}", true),
                new Case("maxItems", "{properties: {t: {maxItems: 1}}}", "{t: [1, 2]}", false),
                new Case("items schema", "{properties: {t: {items: {bsonType: 'int'}}}}", "{t: [1, 'x']}", false),
                new Case("uniqueItems", "{properties: {t: {uniqueItems: true}}}", "{t: [1, 1.0]}", false),
                new Case("additionalProperties false", "{properties: {_id: {}, a: {}}, additionalProperties: false}", "{_id: 1, a: 1, b: 2}", false),
                new Case("additionalProperties allowed", "{properties: {_id: {}, a: {}}, additionalProperties: false}", "{_id: 1, a: 1}", true),
                new Case("patternProperties", "{patternProperties: {'^x': {bsonType: 'int'}}}", "{x1: 'no'}", false),
                new Case("anyOf", "{properties: {a: {anyOf: [{bsonType: 'int'}, {bsonType: 'string'}]}}}", "{a: 'x'}", true),
                new Case("not", "{properties: {a: {not: {bsonType: 'int'}}}}", "{a: 1}", false),
                new Case("oneOf both", "{properties: {a: {oneOf: [{minimum: 1}, {maximum: 10}]}}}", "{a: 5}", false),
                new Case("nested object", "{properties: {addr: {bsonType: 'object', required: ['zip']}}}", "{addr: {city: 'x'}}", false),
                new Case("dependencies", "{dependencies: {card: ['billing']}}", "{card: 1}", false),
                new Case("missing property passes", "{properties: {a: {bsonType: 'int'}}}", "{}", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(Case c) {
        FilterNode f = FilterParser.parse(new BsonDocument("$jsonSchema", BsonDocument.parse(c.schema())));
        assertEquals(c.matches(), FilterEvaluator.matches(f, BsonDocument.parse(c.doc())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void rejects(String schema) {
        assertThrows(MongoServerException.class, () -> FilterParser.parse(new BsonDocument("$jsonSchema", BsonDocument.parse(schema))));
    }

    static Stream<String> bad() {
        return Stream.of("{bogusKeyword: 1}", "{bsonType: 'nope'}", "{required: []}", "{minLength: -1}", "{bsonType: 'string'}",
                "{patternProperties: 5}", "{patternProperties: {'(': {}}}", "{properties: {a: {pattern: '('}}}");
    }
}
