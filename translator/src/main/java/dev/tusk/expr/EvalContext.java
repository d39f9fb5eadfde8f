package dev.tusk.expr;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The state an expression is evaluated in: $$ROOT, $$CURRENT, the command's variables and the
 * variables bound by enclosing $let/$map/$filter/$reduce (an immutable chain: binding is cheap).
 */
public final class EvalContext {
    private final BsonDocument root;
    private final BsonValue current;
    private final Variables variables;
    private final Binding bindings;

    private record Binding(String name, BsonValue value, Binding next) {}

    private EvalContext(BsonDocument root, BsonValue current, Variables variables, Binding bindings) {
        this.root = root;
        this.current = current;
        this.variables = variables;
        this.bindings = bindings;
    }

    public static EvalContext of(BsonDocument root, Variables variables) {
        return new EvalContext(root, root, variables, null);
    }

    public static EvalContext of(BsonDocument root) {
        return of(root, Variables.defaults());
    }

    public BsonDocument root() {
        return root;
    }

    public Variables variables() {
        return variables;
    }

    /** The same variables over another document. */
    public EvalContext withRoot(BsonDocument doc) {
        return new EvalContext(doc, doc, variables, bindings);
    }

    /** The same root and variables with $$CURRENT another value ($redact walks embedded documents so). */
    public EvalContext withCurrent(BsonValue value) {
        return new EvalContext(root, value, variables, bindings);
    }

    /** This context with one more variable (null value = missing). */
    public EvalContext bind(String name, BsonValue value) {
        return new EvalContext(root, current, variables, new Binding(name, value, bindings));
    }

    /** A variable's value, or null for missing ($$REMOVE, or a bound variable holding missing). */
    BsonValue variable(String name) {
        for (Binding b = bindings; b != null; b = b.next) {
            if (b.name.equals(name)) {
                return b.value;
            }
        }
        return switch (name) {
            case "CURRENT" -> current;
            case "ROOT" -> root;
            case "REMOVE" -> null;
            case "NOW" -> variables.now();
            case "CLUSTER_TIME" -> variables.clusterTime();
            default -> variables.user().get(name);
        };
    }
}
