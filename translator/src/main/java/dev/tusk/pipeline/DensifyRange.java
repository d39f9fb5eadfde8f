package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.Expr;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * $densify's range: a positive step (a whole number with a time unit, for dates), and bounds
 * "full", "partition" or [lower, upper) of two numbers of the step's type or two dates.
 */
record DensifyRange(BsonValue step, Optional<String> unit, Kind kind, Optional<BsonValue> lower, Optional<BsonValue> upper) {
    enum Kind { FULL, PARTITION, EXPLICIT }

    static DensifyRange parse(BsonValue spec) {
        if (!spec.isDocument()) {
            throw wrongType("range", spec, "object");
        }
        BsonDocument d = spec.asDocument();
        for (String key : d.keySet()) {
            if (!key.equals("step") && !key.equals("bounds") && !key.equals("unit")) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$densify.range.%s' is an unknown field.", key);
            }
        }
        BsonValue step = required(d, "range.step");
        BsonValue bounds = required(d, "range.bounds");
        if (!step.isNumber() && !step.isDecimal128()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '$densify.range.step' is the wrong type '%s', expected types "
                    + "'[int, decimal, double, long']", BsonText.typeName(step));
        }
        Optional<String> unit = Optional.ofNullable(d.get("unit")).map(u -> {
            if (!u.isString()) {
                throw wrongType("range.unit", u, "string");
            }
            return u.asString().getValue();
        });
        if (BsonOrder.compare(step, new org.bson.BsonInt32(0)) <= 0) {
            throw ErrorCode.LOCATION_5733401.error("The step parameter in a range statement must be a strictly positive numeric value");
        }
        if (unit.isPresent()) {
            double s = step.isDecimal128() ? step.asDecimal128().doubleValue() : step.asNumber().doubleValue();
            if (s != Math.rint(s) || Math.abs(s) >= 0x1p63) {
                throw ErrorCode.LOCATION_6586400.error("The step parameter in a range statement must be a whole number when "
                        + "densifying a date range");
            }
            TimeUnits.parse(unit.get());
        }
        if (bounds.isString()) {
            return switch (bounds.asString().getValue()) {
                case "full" -> new DensifyRange(step, unit, Kind.FULL, Optional.empty(), Optional.empty());
                case "partition" -> new DensifyRange(step, unit, Kind.PARTITION, Optional.empty(), Optional.empty());
                default -> throw ErrorCode.LOCATION_5946802.error("Bounds string must either be 'full' or 'partition'");
            };
        }
        if (!bounds.isArray()) {
            throw ErrorCode.LOCATION_5733404.error("The bounds in a range statement must be the string 'full', 'partition', or an "
                    + "ascending array of two numbers or two dates");
        }
        return explicit(step, unit, bounds);
    }

    private static DensifyRange explicit(BsonValue step, Optional<String> unit, BsonValue bounds) {
        if (bounds.asArray().size() != 2) {
            throw ErrorCode.LOCATION_5733403.error("A bounding array in a range statement must have exactly two elements");
        }
        BsonValue lower = bounds.asArray().get(0);
        BsonValue upper = bounds.asArray().get(1);
        if (BsonOrder.compare(lower, upper) > 0) {
            throw ErrorCode.LOCATION_5733402.error("A bounding array must be an ascending array of either two dates or two numbers");
        }
        if (lower.isNumber() || lower.isDecimal128()) {
            if (unit.isPresent()) {
                throw ErrorCode.LOCATION_5733409.error("Numeric bounds may not have unit parameter");
            }
            if (!upper.isNumber() && !upper.isDecimal128()) {
                throw ErrorCode.LOCATION_5733406.error("A bounding array must contain either both dates or both numeric types");
            }
            if (lower.getBsonType() != upper.getBsonType() || lower.getBsonType() != step.getBsonType()) {
                throw ErrorCode.LOCATION_5876900.error("Upper bound, lower bound, and step must all have the same type");
            }
        } else if (lower.isDateTime()) {
            if (!upper.isDateTime()) {
                throw ErrorCode.LOCATION_5733405.error("A bounding array must contain either both dates or both numeric types");
            }
            if (unit.isEmpty()) {
                throw ErrorCode.LOCATION_5733410.error("A bounding array of dates must specify a unit");
            }
        } else {
            throw ErrorCode.LOCATION_5946800.error("Explicit bounds must be numeric or dates");
        }
        return new DensifyRange(step, unit, Kind.EXPLICIT, Optional.of(lower), Optional.of(upper));
    }

    /** The field at path ("range.step") of $densify, which d (the document holding it) must have. */
    static BsonValue required(BsonDocument d, String path) {
        BsonValue v = d.get(path.substring(path.lastIndexOf('.') + 1));
        if (v == null) {
            throw ErrorCode.LOCATION_40414.error("BSON field '$densify.%s' is missing but a required field", path);
        }
        return v;
    }

    static RuntimeException wrongType(String field, BsonValue v, String expected) {
        return ErrorCode.TYPE_MISMATCH.error("BSON field '$densify.%s' is the wrong type '%s', expected type '%s'", field,
                BsonText.typeName(v), expected);
    }

    private static final Map<String, Expr> DATE_ADD = new ConcurrentHashMap<>();

    /** value plus one step. */
    BsonValue next(BsonValue value) {
        return unit.isPresent() ? ValueOperators.apply(DATE_ADD.computeIfAbsent(unit.get(), ValueOperators::dateAdd), value, step)
                : ValueOperators.add(value, step);
    }
}
