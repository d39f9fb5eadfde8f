package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.bson.BsonArray;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** A $group accumulator: $sum $avg $min $max $first $last $push $addToSet $count. */
public record Accumulator(String operator, Expr argument) {

    /** The running state of one accumulator for one group. */
    interface State {
        void add(Optional<BsonValue> value);

        BsonValue result();
    }

    private static final java.util.Map<String, Supplier<State>> STATES = new java.util.TreeMap<>(java.util.Map.of(
            "$addToSet", AddToSet::new,
            "$avg", () -> new Sum(true),
            "$count", () -> new Sum(false),
            "$first", First::new,
            "$last", Last::new,
            "$max", () -> new MinMax(1),
            "$min", () -> new MinMax(-1),
            "$push", Push::new,
            "$sum", () -> new Sum(false)));

    static Accumulator parse(String field, org.bson.BsonValue spec, ParseContext cx) {
        if (!spec.isDocument() || spec.asDocument().size() != 1) {
            throw ErrorCode.LOCATION_40234.error("The field '%s' must be an accumulator object", field);
        }
        String op = spec.asDocument().getFirstKey();
        if (!STATES.containsKey(op)) {
            throw ErrorCode.LOCATION_15952.error("unknown group operator '%s'", op);
        }
        BsonValue arg = spec.asDocument().get(op);
        if (op.equals("$count")) {
            if (!arg.isDocument() || !arg.asDocument().isEmpty()) {
                throw ErrorCode.LOCATION_15952.error("$count takes no arguments, i.e. $count:{}");
            }
            return new Accumulator(op, new Expr.Constant(new org.bson.BsonInt32(1)));
        }
        return new Accumulator(op, ExprParser.parse(arg, cx));
    }

    State newState() {
        return STATES.get(operator).get();
    }

    private static final class Sum implements State {
        private final boolean average;
        private final NumericSum sum = new NumericSum();
        private long count;

        Sum(boolean average) {
            this.average = average;
        }

        public void add(Optional<BsonValue> v) {
            if (v.isPresent() && (v.get().isNumber() || v.get().isDecimal128())) {
                sum.add(v.get());
                count++;
            }
        }

        public BsonValue result() {
            if (!average) {
                return sum.result();
            }
            return count == 0 ? BsonNull.VALUE : sum.average(count);
        }
    }

    private static final class First implements State {
        private BsonValue value;
        private boolean seen;

        public void add(Optional<BsonValue> v) {
            if (!seen) {
                seen = true;
                value = v.orElse(BsonNull.VALUE);
            }
        }

        public BsonValue result() {
            return value == null ? BsonNull.VALUE : value;
        }
    }

    private static final class Last implements State {
        private BsonValue value = BsonNull.VALUE;

        public void add(Optional<BsonValue> v) {
            value = v.orElse(BsonNull.VALUE);
        }

        public BsonValue result() {
            return value;
        }
    }

    private static final class MinMax implements State {
        private final int sign;
        private BsonValue best;

        MinMax(int sign) {
            this.sign = sign;
        }

        public void add(Optional<BsonValue> v) {
            if (v.isEmpty() || v.get().isNull() || v.get().getBsonType() == org.bson.BsonType.UNDEFINED) {
                return;
            }
            if (best == null || sign * BsonOrder.compare(v.get(), best) > 0) {
                best = v.get();
            }
        }

        public BsonValue result() {
            return best == null ? BsonNull.VALUE : best;
        }
    }

    private static final class Push implements State {
        private final List<BsonValue> values = new ArrayList<>();

        public void add(Optional<BsonValue> v) {
            v.ifPresent(values::add);
        }

        public BsonValue result() {
            return new BsonArray(values);
        }
    }

    private static final class AddToSet implements State {
        private final TreeSet<BsonValue> values = new TreeSet<>(BsonOrder.COMPARATOR);

        public void add(Optional<BsonValue> v) {
            v.ifPresent(values::add);
        }

        public BsonValue result() {
            return new BsonArray(new ArrayList<>(values));
        }
    }
}
