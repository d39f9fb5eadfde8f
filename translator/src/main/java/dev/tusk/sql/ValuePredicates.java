package dev.tusk.sql;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.query.FilterNode.Op;
import dev.tusk.storage.QueryForm;
import java.math.BigDecimal;
import java.util.Optional;
import org.bson.BsonValue;

/**
 * jsonpath filter expressions over {@code @} that test one candidate value against a constant as
 * MongoDB compares it: same canonical type only (jsonpath is type-strict), infinities and NaN
 * through their {@code $num} markers. Every expression guards on {@code @.type()} so that lax mode
 * never unwraps a nested array (MongoDB does not look inside {@code [[5]]} for 5).
 */
final class ValuePredicates {
    /** A filter expression and whether it decides MongoDB's comparison exactly. */
    record Pred(String expr, boolean exact) {
        static final Pred NONE = new Pred("false", true);

        boolean isNone() {
            return expr.equals("false");
        }

        Pred or(Pred other) {
            if (isNone()) {
                return other;
            }
            return other.isNone() ? this : new Pred("(" + expr + " || " + other.expr + ")", exact && other.exact);
        }
    }

    private ValuePredicates() {}

    /** The predicate for {@code candidate op constant}; empty if it cannot be expressed (caller: no restriction). */
    static Optional<Pred> compare(Op op, BsonValue constant) {
        String sym = symbol(op);
        return switch (constant.getBsonType()) {
            case INT32, INT64, DOUBLE, DECIMAL128 -> number(op, constant);
            case STRING, SYMBOL -> {
                String s = constant.isString() ? constant.asString().getValue() : constant.asSymbol().getSymbol();
                boolean exact = QueryForm.isStringExact(s);
                String loose = exact ? sym : op == Op.GT ? ">=" : op == Op.LT ? "<=" : sym;
                yield Optional.of(new Pred(JsonPathText.typed("string", loose, JsonPathText.string(s)), exact));
            }
            case BOOLEAN -> Optional.of(exact(JsonPathText.typed("boolean", sym, String.valueOf(constant.asBoolean().getValue()))));
            case DATE_TIME -> Optional.of(exact(JsonPathText.marker(QueryForm.DATE, sym, String.valueOf(constant.asDateTime().getValue()))));
            case OBJECT_ID -> Optional.of(exact(JsonPathText.marker(QueryForm.OID, sym,
                    JsonPathText.string(constant.asObjectId().getValue().toHexString()))));
            case TIMESTAMP -> Optional.of(exact(JsonPathText.marker(QueryForm.TS, sym,
                    Long.toUnsignedString(constant.asTimestamp().getValue()))));
            case BINARY -> Optional.of(op == Op.EQ
                    ? exact(JsonPathText.marker(QueryForm.BIN, "==", JsonPathText.string(
                            QueryForm.binText(constant.asBinary().getType(), constant.asBinary().getData()))))
                    : new Pred(JsonPathText.markerExists(QueryForm.BIN), false));
            case REGULAR_EXPRESSION -> Optional.of(op == Op.EQ
                    ? exact("(@.type() == \"object\" && @.\"$regex\" == "
                            + JsonPathText.string(constant.asRegularExpression().getPattern()) + " && @.\"$options\" == "
                            + JsonPathText.string(QueryForm.sortedFlags(constant.asRegularExpression().getOptions())) + ")")
                    : new Pred(JsonPathText.markerExists(QueryForm.REGEX), false));
            case DOCUMENT -> Optional.of(new Pred("(@.type() == \"object\")", false));
            default -> Optional.empty();
        };
    }

    private static Pred exact(String expr) {
        return new Pred(expr, true);
    }

    static String symbol(Op op) {
        return switch (op) {
            case EQ -> "==";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
        };
    }

    private static Optional<Pred> number(Op op, BsonValue constant) {
        Optional<BigDecimal> exact = BsonNumbers.exact(constant);
        if (exact.isPresent()) {
            if (!QueryForm.isNumberExact(exact.get())) {
                return Optional.empty();
            }
            Pred finite = exact(JsonPathText.typed("number", symbol(op), QueryForm.numberText(exact.get())));
            return Optional.of(switch (op) {
                case EQ -> finite;
                case GT, GTE -> finite.or(num("Infinity"));
                case LT, LTE -> finite.or(num("-Infinity"));
            });
        }
        Pred anyFinite = exact("(@.type() == \"number\")");
        if (BsonNumbers.isNaN(constant)) {
            return Optional.of(op == Op.GT || op == Op.LT ? Pred.NONE : num("NaN"));
        }
        boolean positive = BsonNumbers.infinitySign(constant) > 0;
        String self = positive ? "Infinity" : "-Infinity";
        String other = positive ? "-Infinity" : "Infinity";
        boolean below = op == Op.LT || op == Op.LTE; // values below +Inf, or (for -Inf) GT/GTE: above
        boolean towardsOthers = positive ? below : (op == Op.GT || op == Op.GTE);
        if (op == Op.EQ) {
            return Optional.of(num(self));
        }
        if (!towardsOthers) {
            return Optional.of(op == Op.GTE || op == Op.LTE ? num(self) : Pred.NONE);
        }
        Pred others = anyFinite.or(num(other));
        return Optional.of(op == Op.GTE || op == Op.LTE ? others.or(num(self)) : others);
    }

    private static Pred num(String special) {
        return exact(JsonPathText.marker(QueryForm.NUM, "==", JsonPathText.string(special)));
    }
}
