package dev.tusk.expr;

import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/** Small value helpers shared by the operator families; missing is Java null throughout. */
final class Values {
    static final BsonValue TRUE = BsonBoolean.TRUE;
    static final BsonValue FALSE = BsonBoolean.FALSE;
    private static final BsonValue MISSING_FOR_ORDER = new BsonUndefined();

    private Values() {}

    /** null, undefined or missing: the values most operators answer with null. */
    static boolean nullish(BsonValue v) {
        return v == null || v.getBsonType() == BsonType.NULL || v.getBsonType() == BsonType.UNDEFINED;
    }

    static BsonValue bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    static BsonValue orNull(BsonValue v) {
        return v == null ? BsonNull.VALUE : v;
    }

    /** MongoDB's coerceToBool: false, 0, null, undefined and missing are false; NaN and everything else true. */
    static boolean truthy(BsonValue v) {
        if (v == null) {
            return false;
        }
        return switch (v.getBsonType()) {
            case BOOLEAN -> v.asBoolean().getValue();
            case INT32 -> v.asInt32().getValue() != 0;
            case INT64 -> v.asInt64().getValue() != 0;
            case DOUBLE -> v.asDouble().getValue() != 0;
            case DECIMAL128 -> !v.asDecimal128().getValue().isFinite()
                    || !Num.isZero(v.asDecimal128().getValue());
            case NULL, UNDEFINED -> false;
            default -> true;
        };
    }

    /** MongoDB's type name, "missing" for missing. */
    static String typeName(BsonValue v) {
        return v == null ? "missing" : BsonText.typeName(v);
    }

    /** The value as MongoDB prints it in messages. */
    static String text(BsonValue v) {
        return v == null ? "MISSING" : BsonText.value(v);
    }

    /** The aggregation comparison: BSON order, missing sorting with undefined (below null). */
    static int compare(BsonValue a, BsonValue b) {
        return BsonOrder.compare(a == null ? MISSING_FOR_ORDER : a, b == null ? MISSING_FOR_ORDER : b);
    }

    static BsonValue int32(int i) {
        return new BsonInt32(i);
    }

    static BsonArray array(java.util.List<BsonValue> values) {
        return new BsonArray(values);
    }
}
