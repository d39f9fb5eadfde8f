package dev.tusk.command;

import dev.tusk.bson.BsonText;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.error.ErrorCode;
import java.util.Optional;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNumber;
import org.bson.BsonValue;

/**
 * create's capped, size and max, checked as MongoDB 7.0 checks them (types first, then ranges, then
 * the rules between them) and written into the options as listCollections shows them. 7.0 keeps the
 * size as given (the rounding up to a multiple of 256 ended in 6.2); a max of 0 or below means no
 * limit and is stored as 2^31 - 1, as MongoDB does.
 */
final class CappedOptions {
    static final long MAX_SIZE = 1L << 50; // 1 PB
    static final long NO_MAX = Integer.MAX_VALUE;

    private CappedOptions() {}

    /** The options with capped/size/max added (unchanged when the collection is not capped). */
    static BsonDocument from(CommandArgs args, BsonDocument options) {
        Optional<BsonValue> capped = args.value("capped");
        capped.filter(v -> !v.isBoolean() && !v.isNumber() && !v.isDecimal128()).ifPresent(v -> {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'create.capped' is the wrong type '%s', expected types '[bool, long, int, decimal, double']",
                    BsonText.typeName(v));
        });
        Optional<Long> size = args.value("size").map(v -> size(args, "create"));
        Optional<Long> max = number(args, "create", "max");
        max.filter(m -> m > NO_MAX).ifPresent(m -> {
            throw ErrorCode.LOCATION_51024.error("BSON field 'max' value must be < %d, actual value '%d'", NO_MAX + 1, m);
        });
        boolean isCapped = capped.map(CappedOptions::isTrue).orElse(false);
        if (isCapped && size.isEmpty()) {
            throw ErrorCode.INVALID_OPTIONS.error("the 'size' field is required when 'capped' is true");
        }
        if (!isCapped && (size.isPresent() || max.isPresent())) {
            throw ErrorCode.INVALID_OPTIONS.error("the 'capped' field needs to be true when either the 'size' or 'max' fields are present");
        }
        if (!isCapped) {
            return options;
        }
        BsonDocument out = new BsonDocument("capped", BsonBoolean.TRUE).append("size", number(size.get()));
        max.ifPresent(m -> out.append("max", number(m <= 0 ? NO_MAX : m)));
        out.putAll(options);
        return out;
    }

    /** A present {@code size}: a number from 1 byte to 1 PB (51024 outside, as MongoDB's IDL bounds). */
    static long size(CommandArgs args, String command) {
        long size = number(args, command, "size").orElseThrow();
        if (size < 1) {
            throw ErrorCode.LOCATION_51024.error("BSON field 'size' value must be >= 1, actual value '%d'", size);
        }
        if (size > MAX_SIZE) {
            throw ErrorCode.LOCATION_51024.error("BSON field 'size' value must be <= %d, actual value '%d'", MAX_SIZE, size);
        }
        return size;
    }

    private static Optional<Long> number(CommandArgs args, String command, String field) {
        return args.value(field).map(v -> {
            if (!v.isNumber() && !v.isDecimal128()) {
                throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s.%s' is the wrong type '%s', expected types '[long, int, decimal, double']",
                        command, field, BsonText.typeName(v));
            }
            if (v.isDecimal128()) {
                var d = v.asDecimal128().getValue();
                return d.isNaN() || d.isInfinite() ? 0L : d.bigDecimalValue().longValue();
            }
            return v.asNumber().longValue();
        });
    }

    private static boolean isTrue(BsonValue v) {
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        return v.isDecimal128() ? v.asDecimal128().getValue().isNaN() || v.asDecimal128().getValue().bigDecimalValue().signum() != 0 : ((BsonNumber) v).doubleValue() != 0;
    }

    /** As MongoDB's appendNumber: an int when it fits, else a long. */
    static BsonValue number(long n) {
        return n == (int) n ? new BsonInt32((int) n) : new BsonInt64(n);
    }
}
