package dev.tusk.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tusk.bson.BsonIdentical;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * One expression case: a document, an expression (relaxed extended JSON, shell forms allowed) and
 * the expected value (same syntax; "MISSING" for missing) or the expected error code and message.
 */
record ExprCase(String name, String doc, String expr, String expected, ErrorCode code, String message) {
    static final String MISSING = "MISSING";

    static ExprCase c(String name, String doc, String expr, String expected) {
        return new ExprCase(name, doc, expr, expected, null, null);
    }

    /** A case over the empty document. */
    static ExprCase c(String name, String expr, String expected) {
        return c(name, "{}", expr, expected);
    }

    static ExprCase err(String name, String doc, String expr, ErrorCode code, String message) {
        return new ExprCase(name, doc, expr, null, code, message);
    }

    static ExprCase err(String name, String expr, ErrorCode code, String message) {
        return err(name, "{}", expr, code, message);
    }

    @Override
    public String toString() {
        return name;
    }

    static BsonValue evaluate(String doc, String expr) {
        Expr e = ExprParser.parse(BsonDocument.parse("{e: " + expr + "}").get("e"), ParseContext.defaults());
        return e.evaluate(EvalContext.of(BsonDocument.parse(doc)));
    }

    void check() {
        if (code != null) {
            MongoServerException e = assertThrows(MongoServerException.class, () -> evaluate(doc, expr));
            assertEquals(code, e.code(), e.getMessage());
            if (message != null) {
                assertEquals(message, e.getMessage());
            }
            return;
        }
        BsonValue actual = evaluate(doc, expr);
        if (expected.equals(MISSING)) {
            assertNull(actual, () -> "expected missing but was " + actual);
            return;
        }
        BsonValue want = BsonDocument.parse("{v: " + expected + "}").get("v");
        assertTrue(actual != null && BsonIdentical.identical(want, actual),
                () -> "expected " + new BsonDocument("v", want).toJson() + " but was "
                        + (actual == null ? "MISSING" : new BsonDocument("v", actual).toJson()));
    }
}
