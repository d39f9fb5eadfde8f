package dev.tusk.expr;

import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Evaluation entry points for the other packages: missing is {@code Optional.empty()}. */
public final class ExprEvaluator {
    private ExprEvaluator() {}

    public static Optional<BsonValue> evaluate(Expr expr, EvalContext cx) {
        return Optional.ofNullable(expr.evaluate(cx));
    }

    public static Optional<BsonValue> evaluate(Expr expr, BsonDocument doc, Variables variables) {
        return evaluate(expr, EvalContext.of(doc, variables));
    }

    /** MongoDB truthiness: false, null, undefined, missing and numeric zeros are false. */
    public static boolean isTrue(Expr expr, EvalContext cx) {
        return Values.truthy(expr.evaluate(cx));
    }
}
