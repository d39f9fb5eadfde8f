package dev.tusk.pipeline;

import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * $add, $subtract, $multiply, $divide, $mergeObjects and $dateAdd on two values, through the
 * expression engine, so accumulators and window functions get exactly the expressions' numeric
 * promotion, date arithmetic and errors.
 */
final class ValueOperators {
    private static final ParseContext TWO_VALUES = ParseContext.defaults().bind("x", "y");
    private static final EvalContext NO_DOCUMENT = EvalContext.of(new BsonDocument());
    private static final Expr ADD = operator("$add");
    private static final Expr SUBTRACT = operator("$subtract");
    private static final Expr MULTIPLY = operator("$multiply");
    private static final Expr DIVIDE = operator("$divide");
    private static final Expr MERGE_OBJECTS = operator("$mergeObjects");

    private ValueOperators() {}

    private static Expr operator(String name) {
        return ExprParser.parse(BsonDocument.parse("{" + name + ": ['$$x', '$$y']}"), TWO_VALUES);
    }

    static BsonValue apply(Expr operator, BsonValue x, BsonValue y) {
        return operator.evaluate(NO_DOCUMENT.bind("x", x).bind("y", y));
    }

    static BsonValue add(BsonValue x, BsonValue y) {
        return apply(ADD, x, y);
    }

    static BsonValue subtract(BsonValue x, BsonValue y) {
        return apply(SUBTRACT, x, y);
    }

    static BsonValue multiply(BsonValue x, BsonValue y) {
        return apply(MULTIPLY, x, y);
    }

    /** x / y; dividing by zero is 2 BadValue, as in $divide. */
    static BsonValue divide(BsonValue x, BsonValue y) {
        return apply(DIVIDE, x, y);
    }

    /** x's fields, then y's (null and missing are skipped; anything else but a document is 40400). */
    static BsonValue mergeObjects(BsonValue x, BsonValue y) {
        return apply(MERGE_OBJECTS, x, y);
    }

    /** The operator "date x plus y units" (UTC), for {@link #apply}. */
    static Expr dateAdd(String unit) {
        return ExprParser.parse(new BsonDocument("$dateAdd", new BsonDocument("startDate", new BsonString("$$x"))
                .append("unit", new BsonString(unit)).append("amount", new BsonString("$$y"))), TWO_VALUES);
    }
}
