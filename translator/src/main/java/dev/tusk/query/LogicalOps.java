package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterNode.AlwaysFalse;
import dev.tusk.query.FilterNode.AlwaysTrue;
import dev.tusk.query.FilterNode.And;
import dev.tusk.query.FilterNode.Nor;
import dev.tusk.query.FilterNode.Not;
import dev.tusk.query.FilterNode.Or;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;

/** $and $or $nor (top level), $not (field level), $alwaysTrue/$alwaysFalse. */
final class LogicalOps {
    private LogicalOps() {}

    static FilterNode and(BsonValue arg) {
        return new And(clauses("$and", arg));
    }

    static FilterNode or(BsonValue arg) {
        return new Or(clauses("$or", arg));
    }

    static FilterNode nor(BsonValue arg) {
        return new Nor(clauses("$nor", arg));
    }

    private static List<FilterNode> clauses(String name, BsonValue arg) {
        if (!arg.isArray()) {
            throw ErrorCode.BAD_VALUE.error(name + " must be an array");
        }
        if (arg.asArray().isEmpty()) {
            throw ErrorCode.BAD_VALUE.error("$and/$or/$nor must be a nonempty array");
        }
        List<FilterNode> children = new ArrayList<>();
        for (BsonValue v : arg.asArray()) {
            if (!v.isDocument()) {
                throw ErrorCode.BAD_VALUE.error("$or/$and/$nor entries need to be full objects");
            }
            children.add(FilterParser.parse(v.asDocument()));
        }
        return children;
    }

    /** {@code {a: {$not: {$gt: 5}}}} matches where {@code {a: {$gt: 5}}} does not (a missing included). */
    static FilterNode not(FieldPath path, BsonValue arg) {
        if (arg instanceof BsonRegularExpression r) {
            return new Not(EvaluationOps.regex(path, r.getPattern(), r.getOptions()));
        }
        if (!arg.isDocument()) {
            throw ErrorCode.BAD_VALUE.error("$not needs a regex or a document");
        }
        if (arg.asDocument().isEmpty()) {
            throw ErrorCode.BAD_VALUE.error("$not cannot be empty");
        }
        if (!FilterParser.isOperatorDocument(arg)) {
            throw ErrorCode.BAD_VALUE.error("unknown operator: " + arg.asDocument().getFirstKey());
        }
        return new Not(FilterParser.parseOperators(path, arg.asDocument()));
    }

    static FilterNode alwaysBoolean(String name, BsonValue arg, boolean value) {
        if (!(arg.isNumber() && arg.asNumber().doubleValue() == 1)) {
            throw ErrorCode.FAILED_TO_PARSE.error(name + " must be an integer value of 1");
        }
        return value ? new AlwaysTrue() : new AlwaysFalse();
    }
}
