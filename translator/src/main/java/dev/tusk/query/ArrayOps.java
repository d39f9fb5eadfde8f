package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterNode.AlwaysFalse;
import dev.tusk.query.FilterNode.And;
import dev.tusk.query.FilterNode.Compare;
import dev.tusk.query.FilterNode.ElemMatchObject;
import dev.tusk.query.FilterNode.ElemMatchValue;
import dev.tusk.query.FilterNode.Op;
import dev.tusk.query.FilterNode.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;

/** $all $elemMatch $size. */
final class ArrayOps {
    /** Top-level operators: an $elemMatch document starting with one of these is a query, not a value test. */
    private static final Set<String> PATHLESS = Set.of(
            "$and", "$or", "$nor", "$where", "$expr", "$text", "$comment", "$jsonSchema", "$alwaysTrue", "$alwaysFalse");

    private ArrayOps() {}

    /**
     * {@code {a: {$all: [1, 2]}}} is {@code a = 1 AND a = 2}; {@code $all: []} matches nothing;
     * {@code $all: [{$elemMatch: ...}, ...]} is an AND of $elemMatch.
     */
    static FilterNode all(FieldPath path, BsonValue arg) {
        if (!arg.isArray()) {
            throw ErrorCode.BAD_VALUE.error("$all needs an array");
        }
        List<BsonValue> items = arg.asArray().getValues();
        if (items.isEmpty()) {
            return new AlwaysFalse();
        }
        List<FilterNode> children = new ArrayList<>();
        if (isElemMatch(items.get(0))) {
            for (BsonValue item : items) {
                if (!isElemMatch(item)) {
                    throw ErrorCode.BAD_VALUE.error("$all/$elemMatch has to be consistent");
                }
                children.add(elemMatch(path, item.asDocument().get("$elemMatch")));
            }
        } else {
            for (BsonValue item : items) {
                if (item instanceof BsonRegularExpression r) {
                    children.add(EvaluationOps.regex(path, r.getPattern(), r.getOptions()));
                } else if (FilterParser.isOperatorDocument(item)) {
                    throw ErrorCode.BAD_VALUE.error("no $ expressions in $all");
                } else {
                    children.add(new Compare(path, Op.EQ, item));
                }
            }
        }
        return children.size() == 1 ? children.get(0) : new And(children);
    }

    private static boolean isElemMatch(BsonValue v) {
        return v instanceof BsonDocument d && !d.isEmpty() && d.getFirstKey().equals("$elemMatch");
    }

    static FilterNode elemMatch(FieldPath path, BsonValue arg) {
        if (!arg.isDocument()) {
            throw ErrorCode.BAD_VALUE.error("$elemMatch needs an Object");
        }
        BsonDocument query = arg.asDocument();
        boolean valueCase = !query.isEmpty() && query.getFirstKey().startsWith("$")
                && !PATHLESS.contains(query.getFirstKey());
        if (valueCase) {
            FilterNode conditions = FilterParser.parseOperators(FieldPath.of(), query);
            return new ElemMatchValue(path, conditions instanceof And and ? and.children() : List.of(conditions));
        }
        if (query.containsKey("$where")) {
            throw ErrorCode.BAD_VALUE.error("$elemMatch cannot contain $where expression");
        }
        return new ElemMatchObject(path, FilterParser.parseDocument(query, FieldPath.of()));
    }

    static FilterNode size(FieldPath path, BsonValue arg) {
        int size;
        switch (arg.getBsonType()) {
            case INT32 -> size = arg.asInt32().getValue();
            case INT64 -> {
                long l = arg.asInt64().getValue();
                if (l != (int) l) {
                    throw ErrorCode.BAD_VALUE.error("$size must be representable as a 32-bit integer");
                }
                size = (int) l;
            }
            case DOUBLE -> {
                double d = arg.asDouble().getValue();
                if (d != (int) d) {
                    throw ErrorCode.BAD_VALUE.error("$size must be a whole number");
                }
                size = (int) d;
            }
            case DECIMAL128 -> {
                var d = arg.asDecimal128().getValue();
                if (!d.isFinite() || d.bigDecimalValue().stripTrailingZeros().scale() > 0) {
                    throw ErrorCode.BAD_VALUE.error("$size must be a whole number");
                }
                size = d.intValue();
            }
            default -> throw ErrorCode.BAD_VALUE.error("$size needs a number");
        }
        if (size < 0) {
            throw ErrorCode.BAD_VALUE.error("$size may not be negative");
        }
        return new Size(path, size);
    }
}
