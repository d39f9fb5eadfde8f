package dev.tusk.dispatch;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.Optional;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * A command's {@code writeConcern} as MongoDB 7.0 parses it, and what it means for Tusk: one PostgreSQL, presented as
 * the only member of a replica set (or a standalone). {@code w: 1} and {@code "majority"} are met by the commit itself;
 * {@code j: true} (or {@code fsync: true}) asks that the commit be on disk ({@link dev.tusk.exec.Durability}); a
 * {@code w} that needs more members, or a tag mode the set does not define, gets MongoDB's writeConcernError after the
 * write, as a one-member replica set gives it.
 *
 * @param w       the requested {@code w}: a number, a mode string, a tag document, or empty when not given
 * @param journal {@code j: true} or {@code fsync: true}
 * @param given   the writeConcern document as sent (empty when none)
 */
public record WriteConcern(Optional<BsonValue> w, boolean journal, Optional<BsonDocument> given) {
    private static final int MAX_MEMBERS = 50;

    public static final WriteConcern DEFAULT = new WriteConcern(Optional.empty(), false, Optional.empty());

    public static WriteConcern parse(Optional<BsonDocument> writeConcern) {
        if (writeConcern.isEmpty()) {
            return DEFAULT;
        }
        BsonDocument wc = writeConcern.get();
        Optional<BsonValue> w = Optional.ofNullable(wc.get("w"))
                .filter(v -> !v.isNull() && v.getBsonType() != org.bson.BsonType.UNDEFINED);
        w.ifPresent(WriteConcern::checkW);
        boolean j = flag(wc, "j");
        boolean fsync = flag(wc, "fsync");
        if (j && fsync) {
            throw ErrorCode.FAILED_TO_PARSE.error("fsync and j options cannot be used together");
        }
        BsonValue wtimeout = wc.get("wtimeout");
        if (wtimeout != null && !BsonNumbers.isNumber(wtimeout)) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'wtimeout' is the wrong type '%s', expected types '[int, long, double, decimal]'",
                    BsonText.typeName(wtimeout));
        }
        return new WriteConcern(w, j || fsync, writeConcern);
    }

    private static void checkW(BsonValue w) {
        if (BsonNumbers.isNumber(w)) {
            long n = number(w);
            if (n < 0 || n > MAX_MEMBERS) {
                throw ErrorCode.FAILED_TO_PARSE.error(
                        "w has to be a non-negative number and not greater than %d; found: %d", MAX_MEMBERS, n);
            }
        } else if (!w.isString() && !w.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("w has to be a number, string, or object");
        }
    }

    private static boolean flag(BsonDocument wc, String name) {
        BsonValue v = wc.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        if (BsonNumbers.isNumber(v)) {
            return number(v) != 0;
        }
        throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s' is the wrong type '%s', expected types '[bool, long, int, decimal, double]'",
                name, BsonText.typeName(v));
    }

    /**
     * Whether the write must be on disk before the reply: {@code j: true}, or {@code w: "majority"} without
     * {@code j: false} (MongoDB's writeConcernMajorityJournalDefault).
     */
    public boolean durable() {
        boolean majority = w.filter(v -> v.isString() && v.asString().getValue().equals("majority")).isPresent();
        boolean journalOff = given.map(g -> g.containsKey("j") && !journal).orElse(false);
        return journal || majority && !journalOff;
    }

    /** {@code w: 0} without {@code j}: the client wants no answer beyond {@code ok}. */
    public boolean unacknowledged() {
        return !journal && w.filter(BsonNumbers::isNumber).map(v -> number(v) < 1).orElse(false);
    }

    private long members() {
        return w.filter(BsonNumbers::isNumber).map(WriteConcern::number).orElse(1L);
    }

    /** A numeric value as MongoDB's safeNumberLong reads it: truncated, NaN as 0. */
    private static long number(BsonValue v) {
        double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
        return v.isInt32() || v.isInt64() ? v.asNumber().longValue() : Double.isNaN(d) ? 0 : (long) d;
    }

    private Optional<String> customMode() {
        return w.filter(v -> !BsonNumbers.isNumber(v) && !(v.isString() && v.asString().getValue().equals("majority")))
                .map(v -> v.isString() ? v.asString().getValue() : v.asDocument().toJson());
    }

    /** A standalone refuses what only a replica set can do, before the command runs (MongoDB's validateWriteConcern). */
    public void checkFor(Topology topology) {
        if (topology.isReplicaSet()) {
            return;
        }
        if (members() > 1) {
            throw ErrorCode.BAD_VALUE.error("cannot use 'w' > 1 when a host is not replicated");
        }
        customMode().ifPresent(mode -> {
            throw ErrorCode.BAD_VALUE.error("cannot use non-majority 'w' mode %s when a host is not a member of a replica set", mode);
        });
    }

    /** What a one-member replica set reports after the write when {@code w} asks for what it cannot give. */
    public Optional<BsonDocument> error(Topology topology) {
        if (!topology.isReplicaSet()) {
            return Optional.empty();
        }
        if (members() > 1) {
            return Optional.of(errorDocument(ErrorCode.UNSATISFIABLE_WRITE_CONCERN, "Not enough data-bearing nodes"));
        }
        return customMode().map(mode -> errorDocument(ErrorCode.UNKNOWN_REPL_WRITE_CONCERN,
                "No write concern mode named '" + mode + "' found in replica set configuration"));
    }

    private BsonDocument errorDocument(ErrorCode code, String message) {
        BsonDocument used = new BsonDocument("w", w.orElse(new BsonInt32(1)));
        if (given.map(g -> g.containsKey("j") || g.containsKey("fsync")).orElse(false)) {
            used.append("j", BsonBoolean.valueOf(journal));
        }
        BsonValue wtimeout = given.map(g -> g.get("wtimeout")).orElse(null);
        used.append("wtimeout", wtimeout == null ? new BsonInt64(0) : wtimeout);
        used.append("provenance", new BsonString("clientSupplied"));
        return new BsonDocument("code", new BsonInt32(code.code()))
                .append("codeName", new BsonString(code.codeName()))
                .append("errmsg", new BsonString(message))
                .append("errInfo", new BsonDocument("writeConcern", used));
    }
}
