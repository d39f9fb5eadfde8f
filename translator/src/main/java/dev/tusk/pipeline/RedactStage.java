package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * $redact: the expression, evaluated with $$CURRENT each document level in turn ($$ROOT stays the
 * input document), keeps the level whole ($$KEEP), drops it ($$PRUNE) or keeps its plain fields and
 * decides again for each embedded document, also inside arrays ($$DESCEND). The three variables are
 * the strings "keep", "prune" and "descend", defined only inside $redact.
 */
public record RedactStage(Expr expression, Variables variables) implements Stage {
    private static final BsonString KEEP = new BsonString("keep");
    private static final BsonString PRUNE = new BsonString("prune");
    private static final BsonString DESCEND = new BsonString("descend");

    static RedactStage parse(BsonValue spec, ParseContext cx) {
        return new RedactStage(ExprParser.parse(spec, cx.bind("KEEP", "PRUNE", "DESCEND")), cx.variables());
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return new Iterator<>() {
            private BsonDocument next;

            @Override
            public boolean hasNext() {
                while (next == null && input.hasNext()) {
                    BsonDocument doc = input.next();
                    EvalContext root = EvalContext.of(doc, variables).bind("KEEP", KEEP).bind("PRUNE", PRUNE).bind("DESCEND", DESCEND);
                    next = redact(doc, root).orElse(null);
                }
                return next != null;
            }

            @Override
            public BsonDocument next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                BsonDocument out = next;
                next = null;
                return out;
            }
        };
    }

    /** The level as the expression decides, or empty when pruned. */
    private Optional<BsonDocument> redact(BsonDocument level, EvalContext root) {
        BsonValue decision = expression.evaluate(root.withCurrent(level));
        if (KEEP.equals(decision)) {
            return Optional.of(level);
        }
        if (PRUNE.equals(decision)) {
            return Optional.empty();
        }
        if (!DESCEND.equals(decision)) {
            throw ErrorCode.LOCATION_17053.error("$redact's expression should not return anything aside from the variables $$KEEP, "
                    + "$$DESCEND, and $$PRUNE, but returned " + (decision == null ? "MISSING" : AccumulatorArgs.valueText(decision)));
        }
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> field : level.entrySet()) {
            redactValue(field.getValue(), root).ifPresent(v -> out.append(field.getKey(), v));
        }
        return Optional.of(out);
    }

    private Optional<BsonValue> redactValue(BsonValue value, EvalContext root) {
        if (value.isDocument()) {
            return redact(value.asDocument(), root).map(d -> d);
        }
        if (!value.isArray()) {
            return Optional.of(value);
        }
        BsonArray out = new BsonArray();
        for (BsonValue element : value.asArray()) {
            redactValue(element, root).ifPresent(out::add);
        }
        return Optional.of(out);
    }
}
