package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The part of the aggregation expression language the skeleton needs: literals, field paths
 * ("$a.b", "$$ROOT", "$$CURRENT") and documents/arrays of expressions. Operator expressions
 * ({$add: ...}) are the expression engine's job (issue 7) and answer 238 until then.
 */
public sealed interface Expression {
    /** The value, or empty when it evaluates to "missing". */
    Optional<BsonValue> evaluate(BsonDocument root);

    record Literal(BsonValue value) implements Expression {
        public Optional<BsonValue> evaluate(BsonDocument root) {
            return Optional.of(value);
        }
    }

    record Path(String[] parts) implements Expression {
        public Optional<BsonValue> evaluate(BsonDocument root) {
            return FieldPathValue.get(root, parts);
        }
    }

    record Root() implements Expression {
        public Optional<BsonValue> evaluate(BsonDocument root) {
            return Optional.of(root);
        }
    }

    record Document(Map<String, Expression> fields) implements Expression {
        public Optional<BsonValue> evaluate(BsonDocument root) {
            BsonDocument out = new BsonDocument();
            fields.forEach((k, e) -> e.evaluate(root).ifPresent(v -> out.append(k, v)));
            return Optional.of(out);
        }
    }

    record Array(java.util.List<Expression> elements) implements Expression {
        public Optional<BsonValue> evaluate(BsonDocument root) {
            BsonArray out = new BsonArray();
            elements.forEach(e -> out.add(e.evaluate(root).orElse(org.bson.BsonNull.VALUE)));
            return Optional.of(out);
        }
    }

    static Expression parse(BsonValue v) {
        if (v instanceof BsonString s && s.getValue().startsWith("$")) {
            String path = s.getValue();
            if (path.equals("$$ROOT") || path.equals("$$CURRENT")) {
                return new Root();
            }
            if (path.startsWith("$$ROOT.") || path.startsWith("$$CURRENT.")) {
                return new Path(path.substring(path.indexOf('.') + 1).split("\\.", -1));
            }
            if (path.startsWith("$$")) {
                throw ErrorCode.NOT_IMPLEMENTED.error("variable %s is not supported by Tusk yet", path);
            }
            if (path.length() == 1) {
                throw ErrorCode.LOCATION_16872.error("'$' by itself is not a valid FieldPath");
            }
            return new Path(path.substring(1).split("\\.", -1));
        }
        if (v instanceof BsonDocument d) {
            if (!d.isEmpty() && d.getFirstKey().startsWith("$")) {
                if (d.getFirstKey().equals("$literal")) {
                    return new Literal(d.get("$literal"));
                }
                throw ErrorCode.NOT_IMPLEMENTED.error("expression operator %s is not supported by Tusk yet", d.getFirstKey());
            }
            Map<String, Expression> fields = new java.util.LinkedHashMap<>();
            d.forEach((k, e) -> fields.put(k, parse(e)));
            return new Document(fields);
        }
        if (v instanceof BsonArray a) {
            return new Array(a.stream().map(Expression::parse).toList());
        }
        return new Literal(v);
    }
}
