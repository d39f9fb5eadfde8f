package dev.tusk.command;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * A clustered collection's {@code expireAfterSeconds} (create and collMod): documents whose `_id` is a
 * date older than that many seconds are deleted by the TTL monitor. Checked as MongoDB 7.0 checks it:
 * a 64-bit number of seconds, not negative and not beyond the epoch; only on clustered collections.
 */
final class ClusteredTtl {
    static final String FIELD = "expireAfterSeconds";

    private ClusteredTtl() {}

    /** The options with {@code value} as the collection's expiry (create, or collMod with a number). */
    static BsonDocument with(BsonDocument options, BsonValue value, String command) {
        if (!options.containsKey("clusteredIndex")) {
            throw ErrorCode.INVALID_OPTIONS.error("'expireAfterSeconds' can be used only for clustered collections or timeseries collections");
        }
        if (!value.isNumber() && !value.isDecimal128()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s.expireAfterSeconds' is the wrong type '%s', expected types '[long, int, decimal, double]'",
                    command, BsonText.typeName(value));
        }
        long seconds = value.isDecimal128() ? value.asDecimal128().getValue().bigDecimalValue().longValue() : value.asNumber().longValue();
        if (seconds < 0) {
            throw ErrorCode.INVALID_OPTIONS.error("TTL index 'expireAfterSeconds' option cannot be less than 0");
        }
        if (seconds > Long.MAX_VALUE / 1000 || seconds * 1000 > System.currentTimeMillis()) {
            throw ErrorCode.INVALID_OPTIONS.error("TTL index 'expireAfterSeconds' option must be within an acceptable range, try a lower number");
        }
        BsonDocument out = options.clone();
        out.put(FIELD, new BsonInt64(seconds));
        return out;
    }

    /** collMod's value: "off" removes the expiry, a number sets it. */
    static BsonDocument changed(BsonDocument options, BsonValue value) {
        if (value.isString()) {
            if (!value.asString().getValue().equals("off")) {
                throw ErrorCode.INVALID_OPTIONS.error("Invalid string value for the 'clusteredIndex::expireAfterSeconds' option. Got: '%s'. "
                        + "Accepted value is 'off'", value.asString().getValue());
            }
            if (!options.containsKey("clusteredIndex")) {
                throw ErrorCode.INVALID_OPTIONS.error("'expireAfterSeconds' can be used only for clustered collections or timeseries collections");
            }
            BsonDocument out = options.clone();
            out.remove(FIELD);
            return out;
        }
        return with(options, value, "collMod");
    }
}
