package dev.tusk.it.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec runner's matching rules, without a server (a wrong matcher would hide real failures). */
class MatcherIT {
    record Case(String name, String expected, String actual, boolean matches) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("extra field at root", "{x: 1}", "{x: 1, y: 2}", true),
                new Case("missing field", "{x: 1, y: 1}", "{x: 1}", false),
                new Case("extra field nested", "{x: {y: 1}}", "{x: {y: 1, z: 1}}", false),
                new Case("key order ignored", "{x: {a: 1, b: 2}}", "{x: {b: 2, a: 1}}", true),
                new Case("int matches double", "{x: 1}", "{x: 1.0}", true),
                new Case("int matches long", "{x: 1}", "{x: {$numberLong: '1'}}", true),
                new Case("int does not match 1.5", "{x: 1}", "{x: 1.5}", false),
                new Case("number does not match string", "{x: 1}", "{x: '1'}", false),
                new Case("array length", "{x: [1, 2]}", "{x: [1, 2, 3]}", false),
                new Case("$$exists true", "{x: {$$exists: true}}", "{x: null}", true),
                new Case("$$exists false", "{x: {$$exists: false}}", "{x: 1}", false),
                new Case("$$exists false, absent", "{x: {$$exists: false}}", "{y: 1}", true),
                new Case("$$type list", "{x: {$$type: ['int', 'long']}}", "{x: {$numberLong: '5'}}", true),
                new Case("$$type number", "{x: {$$type: 'number'}}", "{x: 2.5}", true),
                new Case("$$type wrong", "{x: {$$type: 'string'}}", "{x: 2}", false),
                new Case("$$unsetOrMatches unset", "{x: {$$unsetOrMatches: 2}}", "{}", true),
                new Case("$$unsetOrMatches differs", "{x: {$$unsetOrMatches: 2}}", "{x: 3}", false),
                new Case("$$unsetOrMatches at root keeps root", "{$$unsetOrMatches: {a: 1}}", "{a: 1, b: 2}", true),
                new Case("$$lte", "{x: {$$lte: 5}}", "{x: 5.0}", true),
                new Case("$$lte greater", "{x: {$$lte: 5}}", "{x: 6}", false),
                new Case("$$matchAsDocument", "{x: {$$matchAsDocument: {a: 1}}}", "{x: '{\"a\": 1}'}", true),
                new Case("$$matchAsDocument not root", "{x: {$$matchAsDocument: {a: 1}}}", "{x: '{\"a\": 1, \"b\": 2}'}", false),
                new Case("$$matchAsRoot", "{x: {$$matchAsRoot: {a: 1}}}", "{x: {a: 1, b: 2}}", true),
                new Case("$$matchesHexBytes", "{x: {$$matchesHexBytes: '0aFF'}}",
                        "{x: {$binary: {base64: 'Cv8=', subType: '00'}}}", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matches(Case c) {
        Matcher m = new Matcher(new EntityMap());
        boolean ok;
        try {
            m.assertMatches(BsonDocument.parse("{v: " + c.expected() + "}").get("v"),
                    BsonDocument.parse("{v: " + c.actual() + "}").get("v"), true);
            ok = true;
        } catch (AssertionError e) {
            ok = false;
        }
        assertEquals(c.matches(), ok);
    }
}
