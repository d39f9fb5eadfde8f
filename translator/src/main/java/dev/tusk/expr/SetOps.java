package dev.tusk.expr;

import dev.tusk.bson.BsonOrder;
import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** $setUnion $setIntersection $setDifference $setEquals $setIsSubset $anyElementTrue $allElementsTrue (sets by BSON equality). */
final class SetOps {
    private SetOps() {}

    private static TreeSet<BsonValue> set(BsonArray a) {
        TreeSet<BsonValue> s = new TreeSet<>(BsonOrder.COMPARATOR);
        s.addAll(a.getValues());
        return s;
    }

    static Expr setUnion(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), values -> {
            TreeSet<BsonValue> out = new TreeSet<>(BsonOrder.COMPARATOR);
            for (BsonValue v : values) {
                if (Values.nullish(v)) {
                    return BsonNull.VALUE;
                }
                if (!v.isArray()) {
                    throw ErrorCode.LOCATION_17043.error("All operands of $setUnion must be arrays. One argument is of type: " + Values.typeName(v));
                }
                out.addAll(v.asArray().getValues());
            }
            return new BsonArray(new ArrayList<>(out));
        });
    }

    static Expr setIntersection(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.parse(arg, cx), values -> {
            TreeSet<BsonValue> out = null;
            for (BsonValue v : values) {
                if (Values.nullish(v)) {
                    return BsonNull.VALUE;
                }
                if (!v.isArray()) {
                    throw ErrorCode.LOCATION_17047.error("All operands of $setIntersection must be arrays. One argument is of type: "
                            + Values.typeName(v));
                }
                if (out == null) {
                    out = set(v.asArray());
                } else {
                    out.retainAll(set(v.asArray()));
                }
            }
            return new BsonArray(out == null ? new ArrayList<>() : new ArrayList<>(out));
        });
    }

    static Expr setDifference(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            if (Values.nullish(v.get(0)) || Values.nullish(v.get(1))) {
                return BsonNull.VALUE;
            }
            if (!v.get(0).isArray()) {
                throw ErrorCode.LOCATION_17048.error("both operands of $setDifference must be arrays. First argument is of type: "
                        + Values.typeName(v.get(0)));
            }
            if (!v.get(1).isArray()) {
                throw ErrorCode.LOCATION_17049.error("both operands of $setDifference must be arrays. Second argument is of type: "
                        + Values.typeName(v.get(1)));
            }
            TreeSet<BsonValue> exclude = set(v.get(1).asArray());
            TreeSet<BsonValue> seen = new TreeSet<>(BsonOrder.COMPARATOR);
            List<BsonValue> out = new ArrayList<>();
            for (BsonValue e : v.get(0).asArray()) {
                if (!exclude.contains(e) && seen.add(e)) {
                    out.add(e);
                }
            }
            return new BsonArray(out);
        });
    }

    static Expr setEquals(String name, BsonValue arg, ParseContext cx) {
        List<Expr> args = Args.parse(arg, cx);
        if (args.size() < 2) {
            throw ErrorCode.LOCATION_17045.error("$setEquals needs at least two arguments had: " + args.size());
        }
        return Args.eager(name, args, values -> {
            TreeSet<BsonValue> first = null;
            for (int i = 0; i < values.size(); i++) {
                BsonValue v = values.get(i);
                if (v == null || !v.isArray()) {
                    throw ErrorCode.LOCATION_17044.error("All operands of $setEquals must be arrays. %d-th argument is of type: %s",
                            i + 1, Values.typeName(v));
                }
                TreeSet<BsonValue> s = set(v.asArray());
                if (first == null) {
                    first = s;
                } else if (!(first.containsAll(s) && s.containsAll(first))) {
                    return Values.FALSE;
                }
            }
            return Values.TRUE;
        });
    }

    static Expr setIsSubset(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 2), v -> {
            if (v.get(0) == null || !v.get(0).isArray()) {
                throw ErrorCode.LOCATION_17046.error("both operands of $setIsSubset must be arrays. First argument is of type: "
                        + Values.typeName(v.get(0)));
            }
            if (v.get(1) == null || !v.get(1).isArray()) {
                throw ErrorCode.LOCATION_17042.error("both operands of $setIsSubset must be arrays. Second argument is of type: "
                        + Values.typeName(v.get(1)));
            }
            return Values.bool(set(v.get(1).asArray()).containsAll(set(v.get(0).asArray())));
        });
    }

    static Expr anyElementTrue(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            if (v.get(0) == null || !v.get(0).isArray()) {
                throw ErrorCode.LOCATION_17041.error("$anyElementTrue's argument must be an array, but is " + Values.typeName(v.get(0)));
            }
            return Values.bool(v.get(0).asArray().stream().anyMatch(Values::truthy));
        });
    }

    static Expr allElementsTrue(String name, BsonValue arg, ParseContext cx) {
        return Args.eager(name, Args.exactly(name, arg, cx, 1), v -> {
            if (v.get(0) == null || !v.get(0).isArray()) {
                throw ErrorCode.LOCATION_17040.error("$allElementsTrue's argument must be an array, but is " + Values.typeName(v.get(0)));
            }
            return Values.bool(v.get(0).asArray().stream().allMatch(Values::truthy));
        });
    }
}
