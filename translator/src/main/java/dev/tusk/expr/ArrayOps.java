package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * $arrayElemAt $first $last $slice $size $in $indexOfArray $concatArrays $range $reverseArray
 * $isArray $arrayToObject $objectToArray.
 */
final class ArrayOps {
    private ArrayOps() {}

    static Expr arrayElemAt(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            BsonValue array = v.get(0);
            BsonValue index = v.get(1);
            if (Values.nullish(array) || Values.nullish(index)) {
                return BsonNull.VALUE;
            }
            if (!array.isArray()) {
                throw ErrorCode.LOCATION_28689.error("$arrayElemAt's first argument must be an array, but is " + Values.typeName(array));
            }
            if (!Num.isNumber(index)) {
                throw ErrorCode.LOCATION_28690.error("$arrayElemAt's second argument must be a numeric value, but is " + Values.typeName(index));
            }
            Integer i = Num.asInt32(index);
            if (i == null) {
                throw ErrorCode.LOCATION_28691.error("$arrayElemAt's second argument must be representable as a 32-bit integer: "
                        + Values.text(index));
            }
            return elementAt(array.asArray(), i);
        });
    }

    /** The element at i (negative counts from the end), or missing. */
    static BsonValue elementAt(BsonArray a, long i) {
        long at = i < 0 ? a.size() + i : i;
        return at < 0 || at >= a.size() ? null : a.get((int) at);
    }

    static Expr first(String name, BsonValue arg, ParseContext cx) {
        return firstOrLast(name, arg, cx, 0);
    }

    static Expr last(String name, BsonValue arg, ParseContext cx) {
        return firstOrLast(name, arg, cx, -1);
    }

    private static Expr firstOrLast(String name, BsonValue arg, ParseContext cx, int index) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            BsonValue array = v.get(0);
            if (Values.nullish(array)) {
                return BsonNull.VALUE;
            }
            if (!array.isArray()) {
                throw ErrorCode.LOCATION_28689.error("%s's argument must be an array, but is %s", name, Values.typeName(array));
            }
            return elementAt(array.asArray(), index);
        });
    }

    static Expr size(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            if (v.get(0) == null || !v.get(0).isArray()) {
                throw ErrorCode.LOCATION_17124.error("The argument to $size must be an array, but was of type: " + Values.typeName(v.get(0)));
            }
            return new BsonInt32(v.get(0).asArray().size());
        });
    }

    static Expr isArray(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> Values.bool(v.get(0) != null && v.get(0).isArray()));
    }

    static Expr slice(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.range(name, arg, cx, 2, 3), v -> {
            for (BsonValue x : v) {
                if (Values.nullish(x)) {
                    return BsonNull.VALUE;
                }
            }
            BsonValue array = v.get(0);
            if (!array.isArray()) {
                throw ErrorCode.LOCATION_28724.error("First argument to $slice must be an array, but is of type: " + Values.typeName(array));
            }
            BsonValue second = v.get(1);
            if (!Num.isNumber(second)) {
                throw ErrorCode.LOCATION_28725.error("Second argument to $slice must be a numeric value, but is of type: "
                        + Values.typeName(second));
            }
            Integer n = Num.asInt32(second);
            if (n == null) {
                throw ErrorCode.LOCATION_28726.error("Second argument to $slice can't be represented as a 32-bit integer: " + Values.text(second));
            }
            List<BsonValue> a = array.asArray().getValues();
            int size = a.size();
            int from;
            int to;
            if (v.size() == 2) {
                from = n >= 0 ? 0 : Math.max(0, size + n);
                to = n >= 0 ? Math.min(size, n) : size;
            } else {
                BsonValue third = v.get(2);
                if (!Num.isNumber(third)) {
                    throw ErrorCode.LOCATION_28727.error("Third argument to $slice must be numeric, but is of type: " + Values.typeName(third));
                }
                Integer count = Num.asInt32(third);
                if (count == null) {
                    throw ErrorCode.LOCATION_28728.error("Third argument to $slice can't be represented as a 32-bit integer: " + Values.text(third));
                }
                if (count <= 0) {
                    throw ErrorCode.LOCATION_28729.error("Third argument to $slice must be positive: " + Values.text(third));
                }
                from = n >= 0 ? Math.min(n, size) : Math.max(0, size + n);
                to = (int) Math.min(size, (long) from + count);
            }
            return new BsonArray(new ArrayList<>(a.subList(from, to)));
        });
    }

    static Expr in(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            BsonValue array = v.get(1);
            if (array == null || !array.isArray()) {
                throw ErrorCode.LOCATION_40081.error("$in requires an array as a second argument, found: " + Values.typeName(array));
            }
            for (BsonValue e : array.asArray()) {
                if (Values.compare(v.get(0), e) == 0) {
                    return Values.TRUE;
                }
            }
            return Values.FALSE;
        });
    }

    static Expr indexOfArray(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.range(name, arg, cx, 2, 4), v -> {
            BsonValue array = v.get(0);
            if (Values.nullish(array)) {
                return BsonNull.VALUE;
            }
            if (!array.isArray()) {
                throw ErrorCode.LOCATION_40090.error("$indexOfArray requires an array as a first argument, found: " + Values.typeName(array));
            }
            List<BsonValue> a = array.asArray().getValues();
            int start = v.size() > 2 ? index(v.get(2), "starting") : 0;
            int end = v.size() > 3 ? Math.min(index(v.get(3), "ending"), a.size()) : a.size();
            for (int i = start; i < end; i++) {
                if (Values.compare(a.get(i), v.get(1)) == 0) {
                    return new BsonInt32(i);
                }
            }
            return new BsonInt32(-1);
        });
    }

    private static int index(BsonValue v, String which) {
        Integer i = Num.asInt32(v);
        if (i == null) {
            throw ErrorCode.LOCATION_40096.error("$indexOfArray requires an integral %s index, found a value of type: %s, with value: %s",
                    which, Values.typeName(v), Values.text(v));
        }
        if (i < 0) {
            throw ErrorCode.LOCATION_40097.error("$indexOfArray requires a nonnegative %s index, found: %d", which, i);
        }
        return i;
    }

    static Expr concatArrays(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), values -> {
            BsonArray out = new BsonArray();
            for (BsonValue v : values) {
                if (Values.nullish(v)) {
                    return BsonNull.VALUE;
                }
                if (!v.isArray()) {
                    throw ErrorCode.LOCATION_28664.error("$concatArrays only supports arrays, not " + Values.typeName(v));
                }
                out.addAll(v.asArray());
            }
            return out;
        });
    }

    static Expr range(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.range(name, arg, cx, 2, 3), v -> {
            BsonValue start = v.get(0);
            BsonValue end = v.get(1);
            if (!Num.isNumber(start)) {
                throw ErrorCode.LOCATION_34443.error("$range requires a numeric starting value, found value of type: " + Values.typeName(start));
            }
            Integer from = Num.asInt32(start);
            if (from == null) {
                throw ErrorCode.LOCATION_34444.error("$range requires a starting value that can be represented as a 32-bit integer, found value: "
                        + Values.text(start));
            }
            if (!Num.isNumber(end)) {
                throw ErrorCode.LOCATION_34445.error("$range requires a numeric ending value, found value of type: " + Values.typeName(end));
            }
            Integer to = Num.asInt32(end);
            if (to == null) {
                throw ErrorCode.LOCATION_34446.error("$range requires an ending value that can be represented as a 32-bit integer, found value: "
                        + Values.text(end));
            }
            long step = 1;
            if (v.size() == 3) {
                BsonValue s = v.get(2);
                if (!Num.isNumber(s)) {
                    throw ErrorCode.LOCATION_34447.error("$range requires a numeric step value, found value of type:" + Values.typeName(s));
                }
                Integer st = Num.asInt32(s);
                if (st == null) {
                    throw ErrorCode.LOCATION_34448.error("$range requires a step value that can be represented as a 32-bit integer, found value: "
                            + Values.text(s));
                }
                if (st == 0) {
                    throw ErrorCode.LOCATION_34449.error("$range requires a non-zero step value");
                }
                step = st;
            }
            long steps = ((long) to - from) / step;
            if (steps > 64L * 1024 * 1024) {
                throw ErrorCode.EXCEEDED_MEMORY_LIMIT.error("$range would use too much memory (%d bytes) and cannot spill to disk. "
                        + "Memory limit: %d bytes", 24 + 16 * (steps + 1), 64L * 1024 * 1024);
            }
            List<BsonValue> out = new ArrayList<>();
            for (long cur = from; step > 0 ? cur < to : cur > to; cur += step) {
                out.add(new BsonInt32((int) cur));
            }
            return new BsonArray(out);
        });
    }

    static Expr reverseArray(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            BsonValue a = v.get(0);
            if (Values.nullish(a)) {
                return BsonNull.VALUE;
            }
            if (!a.isArray()) {
                throw ErrorCode.LOCATION_34435.error("The argument to $reverseArray must be an array, but was of type: " + Values.typeName(a));
            }
            List<BsonValue> copy = new ArrayList<>(a.asArray().getValues());
            Collections.reverse(copy);
            return new BsonArray(copy);
        });
    }

    static Expr arrayToObject(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            BsonValue input = v.get(0);
            if (Values.nullish(input)) {
                return BsonNull.VALUE;
            }
            if (!input.isArray()) {
                throw ErrorCode.LOCATION_40386.error("$arrayToObject requires an array input, found: " + Values.typeName(input));
            }
            BsonDocument out = new BsonDocument();
            Boolean arrays = null;
            for (BsonValue e : input.asArray()) {
                if (e.isArray()) {
                    if (Boolean.FALSE.equals(arrays)) {
                        throw ErrorCode.LOCATION_40391.error("$arrayToObject requires a consistent input format. Elements must all be "
                                + "arrays or all be objects. Array found, but expected object");
                    }
                    arrays = true;
                    BsonArray pair = e.asArray();
                    if (pair.size() != 2) {
                        throw ErrorCode.LOCATION_40397.error("$arrayToObject requires an array of size 2 arrays,found array of size: " + pair.size());
                    }
                    if (!pair.get(0).isString()) {
                        throw ErrorCode.LOCATION_40395.error("$arrayToObject requires an array of key-value pairs, where the key must be of "
                                + "type string. Found key type: " + Values.typeName(pair.get(0)));
                    }
                    put(out, pair.get(0).asString().getValue(), pair.get(1));
                } else if (e.isDocument()) {
                    if (Boolean.TRUE.equals(arrays)) {
                        throw ErrorCode.LOCATION_40391.error("$arrayToObject requires a consistent input format. Elements must all be "
                                + "arrays or all be objects. Object found, but expected array");
                    }
                    arrays = false;
                    BsonDocument kv = e.asDocument();
                    if (kv.size() != 2) {
                        throw ErrorCode.LOCATION_40392.error("$arrayToObject requires an object keys of 'k' and 'v'. "
                                + "Found incorrect number of keys:" + kv.size());
                    }
                    if (!kv.containsKey("k") || !kv.containsKey("v")) {
                        throw ErrorCode.LOCATION_40393.error("$arrayToObject requires an object with keys 'k' and 'v'. "
                                + "Missing either or both keys from: " + Values.text(kv));
                    }
                    if (!kv.get("k").isString()) {
                        throw ErrorCode.LOCATION_40394.error("$arrayToObject requires an object with keys 'k' and 'v', where the value of "
                                + "'k' is of type string. Found type: " + Values.typeName(kv.get("k")));
                    }
                    put(out, kv.getString("k").getValue(), kv.get("v"));
                } else {
                    throw ErrorCode.LOCATION_40398.error("Unrecognised input type format for $arrayToObject: " + Values.typeName(e));
                }
            }
            return out;
        });
    }

    private static void put(BsonDocument out, String key, BsonValue value) {
        if (key.indexOf('\0') >= 0) {
            throw ErrorCode.LOCATION_4940400.error("Key field cannot contain an embedded null byte");
        }
        out.put(key, value);
    }

    static Expr objectToArray(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            BsonValue input = v.get(0);
            if (Values.nullish(input)) {
                return BsonNull.VALUE;
            }
            if (!input.isDocument()) {
                throw ErrorCode.LOCATION_40390.error("$objectToArray requires a document input, found: " + Values.typeName(input));
            }
            BsonArray out = new BsonArray();
            for (Map.Entry<String, BsonValue> e : input.asDocument().entrySet()) {
                out.add(new BsonDocument("k", new BsonString(e.getKey())).append("v", e.getValue()));
            }
            return out;
        });
    }
}
