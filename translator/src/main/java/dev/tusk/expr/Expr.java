package dev.tusk.expr;

import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * A parsed aggregation expression. {@link #evaluate} returns the value, or Java {@code null} for
 * "missing" (a missing field, {@code $$REMOVE}); callers outside this package use
 * {@link ExprEvaluator}, which turns missing into {@code Optional.empty()}.
 */
public sealed interface Expr {
    BsonValue evaluate(EvalContext cx);

    /** A constant ({@code 1}, {@code "abc"}, {@code {$literal: ...}}). */
    record Constant(BsonValue value) implements Expr {
        public BsonValue evaluate(EvalContext cx) {
            return value;
        }
    }

    /** {@code $a.b} (variable CURRENT), {@code $$ROOT.a}, {@code $$name}: a variable, then a path through it. */
    record FieldRef(String variable, List<String> path) implements Expr {
        public FieldRef {
            path = List.copyOf(path);
        }

        public BsonValue evaluate(EvalContext cx) {
            BsonValue base = cx.variable(variable);
            return base == null ? null : FieldPaths.get(base, path);
        }
    }

    /** {@code {a: <expr>, b: <expr>}}: fields evaluating to missing are left out. */
    record DocumentExpr(List<Map.Entry<String, Expr>> fields) implements Expr {
        public DocumentExpr {
            fields = List.copyOf(fields);
        }

        public BsonValue evaluate(EvalContext cx) {
            BsonDocument out = new BsonDocument();
            for (Map.Entry<String, Expr> f : fields) {
                BsonValue v = f.getValue().evaluate(cx);
                if (v != null) {
                    out.append(f.getKey(), v);
                }
            }
            return out;
        }
    }

    /** {@code [<expr>, ...]}: elements evaluating to missing become null. */
    record ArrayExpr(List<Expr> elements) implements Expr {
        public ArrayExpr {
            elements = List.copyOf(elements);
        }

        public BsonValue evaluate(EvalContext cx) {
            BsonArray out = new BsonArray(new java.util.ArrayList<>(elements.size()));
            for (Expr e : elements) {
                BsonValue v = e.evaluate(cx);
                out.add(v == null ? BsonNull.VALUE : v);
            }
            return out;
        }
    }

    /** An operator call: the name, its parsed arguments and the operator's evaluation. */
    record Call(String name, List<Expr> args, Body body) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        public BsonValue evaluate(EvalContext cx) {
            return body.apply(args, cx);
        }
    }

    /** How an operator evaluates its (unevaluated) arguments. */
    @FunctionalInterface
    interface Body {
        BsonValue apply(List<Expr> args, EvalContext cx);
    }
}
