package dev.tusk.pipeline;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import java.util.Iterator;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $replaceRoot {newRoot: expr} and $replaceWith expr: each document becomes the expression's value, which must be a document. */
public record ReplaceRootStage(Expr newRoot, Variables variables, String what) implements Stage {
    static ReplaceRootStage replaceRoot(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.LOCATION_40229.error("expected an object as specification for $replaceRoot stage, got %s", BsonText.typeName(spec));
        }
        BsonDocument d = spec.asDocument();
        for (String k : d.keySet()) {
            if (!k.equals("newRoot")) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$replaceRoot.%s' is an unknown field.", k);
            }
        }
        if (!d.containsKey("newRoot")) {
            throw ErrorCode.LOCATION_40231.error("no newRoot specified for the $replaceRoot stage");
        }
        return new ReplaceRootStage(ExprParser.parse(d.get("newRoot"), cx), cx.variables(), "'newRoot'");
    }

    static ReplaceRootStage replaceWith(BsonValue spec, ParseContext cx) {
        return new ReplaceRootStage(ExprParser.parse(spec, cx), cx.variables(), "'replacement document'");
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return Iterators.map(input, this::replace);
    }

    private BsonDocument replace(BsonDocument doc) {
        BsonValue v = newRoot.evaluate(EvalContext.of(doc, variables));
        if (v instanceof BsonDocument d) {
            return d;
        }
        throw ErrorCode.LOCATION_40228.error("%s expression must evaluate to an object, but resulting value was: %s. Type of resulting "
                + "value: '%s'. Input document: %s", what, v == null ? "MISSING" : BsonText.value(v),
                v == null ? "missing" : BsonText.typeName(v), BsonText.value(doc));
    }
}
