package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.Variables;
import dev.tusk.query.FilterNode.AlwaysTrue;
import dev.tusk.query.FilterNode.And;
import dev.tusk.query.FilterNode.Compare;
import dev.tusk.query.FilterNode.Op;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;

/**
 * Parses a MongoDB 7.0 query filter into a {@link FilterNode} tree, with MongoDB's parse errors.
 * Operators are looked up in {@link QueryOperators}; this class only does the shape of the filter:
 * top-level operators, implicit equality, operator documents, {@code $regex}/{@code $options}.
 */
public final class FilterParser {
    private FilterParser() {}

    /** The command's variables while a filter is parsed ($expr needs them; operators are parsed without a context). */
    private static final ThreadLocal<Variables> VARIABLES = new ThreadLocal<>();

    public static FilterNode parse(BsonDocument filter) {
        return GeoFilters.checked(TextFilters.checked(parseDocument(filter, FieldPath.of())));
    }

    /** Parses a filter whose {@code $expr} parts may use the command's variables ($$NOW, let). */
    public static FilterNode parse(BsonDocument filter, Variables variables) {
        Variables outer = VARIABLES.get();
        VARIABLES.set(variables);
        try {
            return GeoFilters.checked(TextFilters.checked(parseDocument(filter, FieldPath.of())));
        } finally {
            if (outer == null) {
                VARIABLES.remove();
            } else {
                VARIABLES.set(outer);
            }
        }
    }

    /** The variables of the filter being parsed: the caller's, or defaults ($$NOW fixed now) when none were given. */
    static Variables variables() {
        Variables v = VARIABLES.get();
        return v == null ? Variables.defaults() : v;
    }

    /**
     * Parses a filter document whose field names are relative to {@code base} (the root, or an
     * array element inside {@code $elemMatch}).
     */
    static FilterNode parseDocument(BsonDocument filter, FieldPath base) {
        List<FilterNode> children = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("$")) {
                QueryOperators.parseTopLevel(name, e.getValue()).ifPresent(children::add);
                continue;
            }
            FieldPath path = FieldPath.parse(name);
            BsonValue value = e.getValue();
            if (isOperatorDocument(value)) {
                children.add(parseOperators(path, value.asDocument()));
            } else if (value instanceof BsonRegularExpression r) {
                children.add(QueryOperators.regex(path, r.getPattern(), r.getOptions()));
            } else {
                children.add(new Compare(path, Op.EQ, value));
            }
        }
        return combine(children);
    }

    static FilterNode combine(List<FilterNode> children) {
        return switch (children.size()) {
            case 0 -> new AlwaysTrue();
            case 1 -> children.get(0);
            default -> new And(children);
        };
    }

    /**
     * An object whose first field starts with '$' and is not a DBRef ({$ref, $id}): its fields are
     * operators. {@code {a: {$gt: 1}}} is one; {@code {a: {b: 1}}} and {@code {a: {}}} are values.
     */
    static boolean isOperatorDocument(BsonValue v) {
        if (!(v instanceof BsonDocument doc) || doc.isEmpty()) {
            return false;
        }
        String first = doc.getFirstKey();
        if (!first.startsWith("$")) {
            return false;
        }
        return !(doc.containsKey("$ref") && doc.containsKey("$id"));
    }

    /** The operators of one field: {@code {$gt: 1, $lt: 5}} → And(gt, lt). */
    static FilterNode parseOperators(FieldPath path, BsonDocument ops) {
        if (ops.containsKey("$near") || ops.containsKey("$nearSphere")) {
            return GeoOps.near(path, ops);
        }
        List<FilterNode> children = new ArrayList<>();
        boolean regexDone = false;
        for (Map.Entry<String, BsonValue> e : ops.entrySet()) {
            String op = e.getKey();
            if (op.equals("$regex") || op.equals("$options")) {
                if (!regexDone) {
                    children.add(parseRegexOperators(path, ops));
                    regexDone = true;
                }
                continue;
            }
            children.add(QueryOperators.parseFieldOperator(op, path, e.getValue()));
        }
        return combine(children);
    }

    private static FilterNode parseRegexOperators(FieldPath path, BsonDocument ops) {
        BsonValue regex = ops.get("$regex");
        BsonValue options = ops.get("$options");
        if (regex == null) {
            throw ErrorCode.BAD_VALUE.error("$options needs a $regex");
        }
        String optionText = "";
        if (options != null) {
            if (!options.isString()) {
                throw ErrorCode.BAD_VALUE.error("$options has to be a string");
            }
            optionText = options.asString().getValue();
        }
        if (regex instanceof BsonRegularExpression r) {
            if (!r.getOptions().isEmpty() && options != null) {
                throw ErrorCode.BAD_VALUE.error("options set in both $regex and $options");
            }
            return QueryOperators.regex(path, r.getPattern(), r.getOptions().isEmpty() ? optionText : r.getOptions());
        }
        if (!regex.isString()) {
            throw ErrorCode.BAD_VALUE.error("$regex has to be a string");
        }
        return QueryOperators.regex(path, regex.asString().getValue(), optionText);
    }
}
