package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongBinaryOperator;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonType;
import org.bson.BsonValue;

/** $rand, the bitwise operators ($bitAnd $bitOr $bitXor $bitNot) and $tsSecond/$tsIncrement. */
final class MiscOps {
    private MiscOps() {}

    static Expr rand(String name, BsonValue arg, ParseContext cx) {
        if (!(arg instanceof BsonDocument d && d.isEmpty())) {
            throw ErrorCode.LOCATION_10065.error("invalid parameter: expected an object ($rand)");
        }
        return new Expr.Call(name, List.of(), (a, ecx) -> new BsonDouble(ThreadLocalRandom.current().nextDouble()));
    }

    /** What {@code $meta} accepts; all but textScore and the geoNear ones are metadata Tusk never has, so they evaluate to missing. */
    private static final java.util.Set<String> META = java.util.Set.of("textScore", "randVal", "searchScore",
            "searchHighlights", "geoNearDistance", "geoNearPoint", "recordId", "indexKey", "sortKey", "searchScoreDetails",
            "searchSortValues");

    /** {@code {$meta: "textScore"}}: the score of the $text search that found $$ROOT (40218 if none did). */
    static Expr meta(String name, BsonValue arg, ParseContext cx) {
        if (!arg.isString()) {
            throw ErrorCode.LOCATION_17307.error("$meta only supports string arguments");
        }
        String kind = arg.asString().getValue();
        if (!META.contains(kind)) {
            throw ErrorCode.LOCATION_17308.error("Unsupported argument to $meta: %s", kind);
        }
        if (kind.equals("geoNearDistance")) { // set on documents found by $near, $nearSphere and $geoNear
            return new Expr.Call(name, List.of(), (a, ecx) -> ecx.root() instanceof dev.tusk.geo.NearDocument n
                    ? new BsonDouble(n.distance()) : null);
        }
        if (kind.equals("geoNearPoint")) {
            return new Expr.Call(name, List.of(), (a, ecx) -> ecx.root() instanceof dev.tusk.geo.NearDocument n
                    ? n.location().orElse(null) : null);
        }
        if (!kind.equals("textScore")) {
            return new Expr.Call(name, List.of(), (a, ecx) -> null);
        }
        return new Expr.Call(name, List.of(), (a, ecx) -> dev.tusk.text.ScoredDocument.metaScore(ecx.root()));
    }

    static Expr bitAnd(String name, BsonValue arg, ParseContext cx) {
        return bitwise(name, arg, cx, -1L, (x, y) -> x & y);
    }

    static Expr bitOr(String name, BsonValue arg, ParseContext cx) {
        return bitwise(name, arg, cx, 0L, (x, y) -> x | y);
    }

    static Expr bitXor(String name, BsonValue arg, ParseContext cx) {
        return bitwise(name, arg, cx, 0L, (x, y) -> x ^ y);
    }

    private static Expr bitwise(String name, BsonValue arg, ParseContext cx, long identity, LongBinaryOperator op) {
        return Args.eager(name, Args.parse(arg, cx), values -> {
            long acc = identity;
            boolean isLong = false;
            for (BsonValue v : values) {
                if (Values.nullish(v)) {
                    return BsonNull.VALUE;
                }
                if (v.getBsonType() != BsonType.INT32 && v.getBsonType() != BsonType.INT64) {
                    throw ErrorCode.TYPE_MISMATCH.error("%s only supports int and long operands.", name);
                }
                isLong |= v.getBsonType() == BsonType.INT64;
                acc = op.applyAsLong(acc, Num.toLong(v));
            }
            return isLong ? new BsonInt64(acc) : new BsonInt32((int) acc);
        });
    }

    static Expr bitNot(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            BsonValue x = v.get(0);
            if (Values.nullish(x)) {
                return BsonNull.VALUE;
            }
            return switch (x.getBsonType()) {
                case INT32 -> new BsonInt32(~x.asInt32().getValue());
                case INT64 -> new BsonInt64(~x.asInt64().getValue());
                default -> throw ErrorCode.TYPE_MISMATCH.error("%s only supports int and long, not: %s.", name, Values.typeName(x));
            };
        });
    }

    static Expr tsSecond(String name, BsonValue arg, ParseContext cx) {
        return timestampPart(name, arg, cx, true);
    }

    static Expr tsIncrement(String name, BsonValue arg, ParseContext cx) {
        return timestampPart(name, arg, cx, false);
    }

    private static Expr timestampPart(String name, BsonValue arg, ParseContext cx, boolean seconds) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            BsonValue x = v.get(0);
            if (Values.nullish(x)) {
                return BsonNull.VALUE;
            }
            if (x.getBsonType() != BsonType.TIMESTAMP) {
                throw ErrorCode.LOCATION_5687301.error("Argument to %s must be a timestamp, but is %s", name, Values.typeName(x));
            }
            return new BsonInt64(Integer.toUnsignedLong(seconds ? x.asTimestamp().getTime() : x.asTimestamp().getInc()));
        });
    }
}
