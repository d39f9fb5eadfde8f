package dev.tusk.dispatch;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The fields any command may carry, parsed once by the dispatcher so handlers never see them.
 * Their full semantics (sessions, transactions, read/write concern) grow in later work; today they
 * are validated for type and accepted.
 */
public record GenericArguments(
        String database,
        Optional<BsonDocument> lsid,
        OptionalLong txnNumber,
        Optional<BsonDocument> readConcern,
        Optional<BsonDocument> writeConcern,
        OptionalLong maxTimeMS,
        Optional<BsonValue> comment) {

    /** Field names that are generic and must be ignored by command-specific strict parsing. */
    public static final Set<String> NAMES = Set.of(
            "$db", "lsid", "txnNumber", "readConcern", "writeConcern", "comment", "maxTimeMS",
            "$readPreference", "$clusterTime", "apiVersion", "apiStrict", "apiDeprecationErrors",
            "autocommit", "startTransaction", "$audit", "$client", "$configServerState", "$oplogQueryData",
            "$replData", "$queryOptions", "databaseVersion", "shardVersion", "clientOperationKey",
            "mayBypassWriteBlocking", "readOnly", "stmtId", "stmtIds", "$gleStats", "tracking_info",
            "$topologyTime", "$configTime", "allowImplicitCollectionCreation");

    public static GenericArguments parse(BsonDocument body) {
        BsonValue db = body.get("$db");
        if (db == null) {
            throw ErrorCode.FAILED_TO_PARSE.error("BSON field '$db' is missing but a required field");
        }
        if (!db.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '$db' is the wrong type '%s', expected type 'string'",
                    BsonText.typeName(db));
        }
        return new GenericArguments(
                db.asString().getValue(),
                optionalDocument(body, "lsid"),
                optionalLong(body, "txnNumber"),
                optionalDocument(body, "readConcern"),
                optionalDocument(body, "writeConcern"),
                maxTimeMS(body),
                Optional.ofNullable(body.get("comment")));
    }

    private static Optional<BsonDocument> optionalDocument(BsonDocument body, String field) {
        BsonValue v = body.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s' is the wrong type '%s', expected type 'object'",
                    field, BsonText.typeName(v));
        }
        return Optional.of(v.asDocument());
    }

    /** maxTimeMS as MongoDB 7.0 checks it: a whole number of milliseconds from 0 to 2^31 - 1. */
    private static OptionalLong maxTimeMS(BsonDocument body) {
        BsonValue v = body.get("maxTimeMS");
        if (v == null) {
            return OptionalLong.empty();
        }
        if (v.isNull()) {
            throw ErrorCode.BAD_VALUE.error("maxTimeMS must be a number");
        }
        if (!v.isNumber() && !v.isDecimal128()) {
            String command = body.isEmpty() ? "" : body.getFirstKey() + ".";
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%smaxTimeMS' is the wrong type '%s', expected types '[long, int, decimal, double']",
                    command, BsonText.typeName(v));
        }
        double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
        long millis = v.isInt32() || v.isInt64() ? v.asNumber().longValue() : Double.isNaN(d) ? 0 : (long) d; // saturates
        if (millis < 0) {
            throw ErrorCode.LOCATION_51024.error("BSON field 'maxTimeMS' value must be >= 0, actual value '%d'", millis);
        }
        if (millis > Integer.MAX_VALUE) {
            throw ErrorCode.BAD_VALUE.error("%d value for maxTimeMS is out of range", millis);
        }
        if (!v.isInt32() && !v.isInt64() && d != Math.floor(d)) {
            throw ErrorCode.BAD_VALUE.error("maxTimeMS has non-integral value");
        }
        return OptionalLong.of(millis);
    }

    private static OptionalLong optionalLong(BsonDocument body, String field) {
        BsonValue v = body.get(field);
        if (v == null) {
            return OptionalLong.empty();
        }
        if (!v.isNumber()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s' is the wrong type '%s', expected types '[long, int, decimal, double]'",
                    field, BsonText.typeName(v));
        }
        return OptionalLong.of(v.asNumber().longValue());
    }
}
