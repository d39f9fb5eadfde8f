package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import dev.tusk.query.SortBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * $bucketAuto: the documents sorted by groupBy (missing is null) and cut into at most `buckets`
 * runs of about n/buckets documents each, never splitting equal values; `_id` is {min, max}, each
 * max the next bucket's min (the last one's is its largest value). A granularity rounds the
 * boundaries to a series and pulls into a bucket every value below its rounded max. The sort is
 * $sort's buffer, so it spills to disk past 100 MiB as $sort does.
 */
public record BucketAutoStage(Expr groupBy, int buckets, Map<String, Accumulator> output,
        Optional<GranularityRounder> granularity, Variables variables, boolean allowDiskUse) implements Stage {
    private static final String KEY = "k";
    private static final String DOC = "d";

    static BucketAutoStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.LOCATION_40240.error("The argument to $bucketAuto must be an object, but found type: "
                    + BsonText.typeName(spec));
        }
        Expr groupBy = null;
        Integer buckets = null;
        Map<String, Accumulator> output = new LinkedHashMap<>();
        Optional<GranularityRounder> granularity = Optional.empty();
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            BsonValue v = e.getValue();
            switch (e.getKey()) {
                case "groupBy" -> groupBy = groupBy(v, cx);
                case "buckets" -> buckets = buckets(v);
                case "output" -> {
                    if (!v.isDocument()) {
                        throw ErrorCode.LOCATION_40244.error("The $bucketAuto 'output' field must be an object, but found type: "
                                + BsonText.typeName(v));
                    }
                    for (Map.Entry<String, BsonValue> o : v.asDocument().entrySet()) {
                        if (o.getKey().contains(".")) {
                            throw ErrorCode.LOCATION_40235.error("The field name '%s' cannot contain '.'", o.getKey());
                        }
                        output.put(o.getKey(), Accumulator.parse(o.getKey(), o.getValue(), cx));
                    }
                }
                case "granularity" -> {
                    if (!v.isString()) {
                        throw ErrorCode.LOCATION_40261.error("The $bucketAuto 'granularity' field must be a string, but found type: "
                                + BsonText.typeName(v));
                    }
                    granularity = Optional.of(GranularityRounder.named(v.asString().getValue()));
                }
                default -> throw ErrorCode.LOCATION_40245.error("Unrecognized option to $bucketAuto: " + e.getKey());
            }
        }
        if (groupBy == null || buckets == null) {
            throw ErrorCode.LOCATION_40246.error("$bucketAuto requires 'groupBy' and 'buckets' to be specified");
        }
        if (buckets <= 0) {
            throw ErrorCode.LOCATION_40243.error("The $bucketAuto 'buckets' field must be greater than 0, but found: " + buckets);
        }
        if (output.isEmpty()) {
            output.put("count", Accumulator.parse("count", new BsonDocument("$sum", new BsonInt32(1)), cx));
        }
        return new BucketAutoStage(groupBy, buckets, output, granularity, cx.variables(), cx.allowDiskUse());
    }

    private static Expr groupBy(BsonValue v, ParseContext cx) {
        boolean expression = v.isDocument() && !v.asDocument().isEmpty() && v.asDocument().getFirstKey().startsWith("$");
        boolean path = v.isString() && v.asString().getValue().length() > 1 && v.asString().getValue().startsWith("$");
        if (!expression && !path) {
            throw ErrorCode.LOCATION_40239.error("The $bucketAuto 'groupBy' field must be defined as a $-prefixed path or an "
                    + "expression object, but found: " + AccumulatorArgs.valueText(v));
        }
        return ExprParser.parse(v, cx);
    }

    private static int buckets(BsonValue v) {
        if (!v.isNumber() && !v.isDecimal128()) {
            throw ErrorCode.LOCATION_40241.error("The $bucketAuto 'buckets' field must be a numeric value, but found type: "
                    + BsonText.typeName(v));
        }
        double d = v.isDecimal128() ? v.asDecimal128().doubleValue() : v.asNumber().doubleValue();
        if (d != Math.rint(d) || d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
            throw ErrorCode.LOCATION_40242.error("The $bucketAuto 'buckets' field must be representable as a 32-bit integer, "
                    + "but found " + dev.tusk.bson.BsonText.shortDouble(d));
        }
        return (int) d;
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        SortBuffer buffer = new SortBuffer((a, b) -> BsonOrder.compare(a.get(KEY), b.get(KEY)), MemoryLimit.BYTES, allowDiskUse,
                MemoryLimit::sizeOf, () -> MemoryLimit.exceeded("$bucketAuto"));
        long count = 0;
        while (input.hasNext()) {
            BsonDocument doc = input.next();
            buffer.add(new BsonDocument(KEY, key(doc)).append(DOC, doc));
            count++;
        }
        long size = Math.max(1, Math.round((double) count / buckets));
        return new Buckets(buffer.sorted(), size);
    }

    private BsonValue key(BsonDocument doc) {
        BsonValue key = groupBy.evaluate(EvalContext.of(doc, variables));
        if (granularity.isPresent()) {
            if (key == null || !(key.isNumber() || key.isDecimal128())) {
                throw ErrorCode.LOCATION_40258.error("$bucketAuto can specify a 'granularity' with numeric boundaries only, "
                        + "but found a value with type: " + (key == null ? "missing" : BsonText.typeName(key)));
            }
            double d = key.isDecimal128() ? key.asDecimal128().doubleValue() : key.asNumber().doubleValue();
            if (Double.isNaN(d)) {
                throw ErrorCode.LOCATION_40259.error("$bucketAuto can specify a 'granularity' with numeric boundaries only, but found a NaN");
            }
            if (d < 0) {
                throw ErrorCode.LOCATION_40260.error("$bucketAuto can specify a 'granularity' with non-negative numbers only, "
                        + "but found a negative number");
            }
        }
        return key == null ? BsonNull.VALUE : key;
    }

    /** The buckets, built one at a time from the sorted {k, d} entries. */
    private final class Buckets implements Iterator<BsonDocument> {
        private final Iterator<BsonDocument> sorted;
        private final long size;
        private BsonDocument peeked;
        private int made;
        private BsonValue previousMax;

        Buckets(Iterator<BsonDocument> sorted, long size) {
            this.sorted = sorted;
            this.size = size;
        }

        private BsonDocument peek() {
            if (peeked == null && sorted.hasNext()) {
                peeked = sorted.next();
            }
            return peeked;
        }

        private BsonDocument take() {
            BsonDocument entry = peek();
            peeked = null;
            return entry;
        }

        @Override
        public boolean hasNext() {
            return made < buckets && peek() != null;
        }

        @Override
        public BsonDocument next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            made++;
            Bucket bucket = new Bucket(take());
            if (granularity.isPresent()) {
                bucket.min = previousMax != null ? previousMax : granularity.get().roundDown(bucket.min);
            }
            boolean last = made == buckets;
            for (long i = 1; peek() != null && (i < size || last); i++) {
                bucket.add(take());
            }
            closeBucket(bucket);
            previousMax = bucket.max;
            return bucket.result();
        }

        /** Takes the values equal to the bucket's max (or below its rounded max), then sets the max. */
        private void closeBucket(Bucket bucket) {
            if (granularity.isEmpty()) {
                while (peek() != null && BsonOrder.compare(bucket.max, peek().get(KEY)) == 0) {
                    bucket.add(take());
                }
                if (peek() != null) {
                    bucket.max = peek().get(KEY);
                }
                return;
            }
            BsonValue boundary = granularity.get().roundUp(bucket.max);
            while (peek() != null && (BsonOrder.compare(boundary, peek().get(KEY)) > 0
                    || BsonOrder.compare(bucket.max, peek().get(KEY)) == 0)) {
                bucket.add(take());
            }
            // a bucket of zeros rounds up to 0 itself: its max is then the next value rounded down
            boolean zero = boundary.asNumber().doubleValue() == 0;
            bucket.max = zero && peek() != null ? granularity.get().roundDown(peek().get(KEY)) : boundary;
        }
    }

    /** One bucket's bounds and accumulator states. */
    private final class Bucket {
        private final List<AccumulatorState> states = new ArrayList<>();
        private final MemoryLimit limit = new MemoryLimit("$bucketAuto");
        private BsonValue min;
        private BsonValue max;

        Bucket(BsonDocument first) {
            min = first.get(KEY);
            for (Accumulator a : output.values()) {
                states.add(a.newState(new BsonDocument(), variables, false));
            }
            add(first);
        }

        void add(BsonDocument entry) {
            max = entry.get(KEY);
            EvalContext cx = EvalContext.of(entry.getDocument(DOC), variables);
            int i = 0;
            for (Accumulator a : output.values()) {
                AccumulatorState state = states.get(i++);
                long before = state.bytes();
                state.add(a.argument().evaluate(cx));
                limit.grow(state.bytes() - before);
            }
        }

        BsonDocument result() {
            BsonDocument out = new BsonDocument("_id", new BsonDocument("min", min).append("max", max));
            int i = 0;
            for (String field : output.keySet()) {
                BsonValue v = states.get(i++).result();
                out.append(field, v == null ? BsonNull.VALUE : v);
            }
            return out;
        }
    }
}
