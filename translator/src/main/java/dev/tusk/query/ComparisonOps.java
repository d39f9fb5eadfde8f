package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterNode.Compare;
import dev.tusk.query.FilterNode.In;
import dev.tusk.query.FilterNode.Not;
import dev.tusk.query.FilterNode.Op;
import dev.tusk.query.FilterNode.RegexMatch;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonRegularExpression;
import org.bson.BsonValue;

/** $eq $ne $gt $gte $lt $lte $in $nin. */
final class ComparisonOps {
    private ComparisonOps() {}

    static FilterNode eq(FieldPath path, BsonValue arg) {
        return new Compare(path, Op.EQ, arg);
    }

    /** {@code $ne: v} is NOT {@code $eq: v} over the whole path: {@code {a: {$ne: 1}}} matches a missing a. */
    static FilterNode ne(FieldPath path, BsonValue arg) {
        if (arg instanceof BsonRegularExpression) {
            throw ErrorCode.BAD_VALUE.error("Can't have regex as arg to $ne.");
        }
        return new Not(new Compare(path, Op.EQ, arg));
    }

    static FilterNode gt(FieldPath path, BsonValue arg) {
        return range(path, Op.GT, arg);
    }

    static FilterNode gte(FieldPath path, BsonValue arg) {
        return range(path, Op.GTE, arg);
    }

    static FilterNode lt(FieldPath path, BsonValue arg) {
        return range(path, Op.LT, arg);
    }

    static FilterNode lte(FieldPath path, BsonValue arg) {
        return range(path, Op.LTE, arg);
    }

    private static FilterNode range(FieldPath path, Op op, BsonValue arg) {
        if (arg instanceof BsonRegularExpression) {
            throw ErrorCode.BAD_VALUE.error("Can't have RegEx as arg to predicate over field '" + path.dotted() + "'.");
        }
        return new Compare(path, op, arg);
    }

    static FilterNode in(FieldPath path, BsonValue arg) {
        if (!arg.isArray()) {
            throw ErrorCode.BAD_VALUE.error("$in needs an array");
        }
        return inList(path, arg);
    }

    static FilterNode nin(FieldPath path, BsonValue arg) {
        if (!arg.isArray()) {
            throw ErrorCode.BAD_VALUE.error("$nin needs an array");
        }
        return new Not(inList(path, arg));
    }

    private static In inList(FieldPath path, BsonValue arg) {
        List<BsonValue> values = new ArrayList<>();
        List<RegexMatch> regexes = new ArrayList<>();
        for (BsonValue v : arg.asArray()) {
            if (FilterParser.isOperatorDocument(v)) {
                throw ErrorCode.BAD_VALUE.error("cannot nest $ under $in");
            }
            if (v instanceof BsonRegularExpression r) {
                regexes.add(EvaluationOps.regex(path, r.getPattern(), r.getOptions()));
            } else {
                values.add(v);
            }
        }
        return new In(path, values, regexes);
    }
}
