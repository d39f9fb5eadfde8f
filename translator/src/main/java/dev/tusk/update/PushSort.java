package dev.tusk.update;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.BsonOrder;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.SortSpec;
import java.util.Comparator;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $push's $sort: 1/-1 orders whole elements; {field: 1/-1, ...} orders document elements by fields. */
final class PushSort {
    private PushSort() {}

    static Comparator<BsonValue> parse(BsonValue spec) {
        if (BsonNumbers.isNumber(spec)) {
            double d = spec.isDecimal128() ? spec.asDecimal128().getValue().doubleValue() : spec.asNumber().doubleValue();
            if (d == 1) {
                return BsonOrder.COMPARATOR;
            }
            if (d == -1) {
                return BsonOrder.COMPARATOR.reversed();
            }
        }
        if (spec instanceof BsonDocument d && !d.isEmpty()) {
            for (String key : d.keySet()) {
                if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.startsWith("$")) {
                    throw invalid();
                }
            }
            Comparator<BsonDocument> byFields = SortSpec.parse(d).comparator();
            BsonDocument empty = new BsonDocument();
            return (a, b) -> byFields.compare(a instanceof BsonDocument x ? x : empty, b instanceof BsonDocument y ? y : empty);
        }
        throw invalid();
    }

    private static RuntimeException invalid() {
        return ErrorCode.BAD_VALUE.error("The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields");
    }
}
