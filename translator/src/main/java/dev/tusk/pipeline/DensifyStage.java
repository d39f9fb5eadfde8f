package dev.tusk.pipeline;

import dev.tusk.bson.BsonCopy;
import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.SortSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * $densify: as MongoDB desugars it, a $sort on (partitionByFields, field) — field only for "full" —
 * then one pass that adds a document {partition fields, field: v} for every point v of the step grid
 * no document of the partition has: the grid starts at the lower bound ("full": the smallest value
 * of all partitions; "partition": the partition's smallest) and ends before the upper bound
 * (explicit, exclusive), at the largest value of all partitions ("full", inclusive) or at the
 * partition's largest. Documents whose field is null or missing pass unchanged.
 */
public record DensifyStage(String field, List<String> partitionByFields, DensifyRange range, SortStage sort) implements Stage {
    /** MongoDB's internalQueryMaxAllowedDensifyDocs default, so a tiny step over a huge range fails instead of running away. */
    static final long MAX_GENERATED = 500_000;

    static DensifyStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("The $densify stage specification must be an object, found " + BsonText.typeName(spec));
        }
        BsonDocument d = spec.asDocument();
        for (String key : d.keySet()) {
            if (!List.of("field", "partitionByFields", "range").contains(key)) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$densify.%s' is an unknown field.", key);
            }
        }
        BsonValue field = DensifyRange.required(d, "field");
        if (!field.isString()) {
            throw DensifyRange.wrongType("field", field, "string");
        }
        List<String> partitions = new ArrayList<>();
        BsonValue p = d.get("partitionByFields");
        if (p != null && !p.isArray()) {
            throw DensifyRange.wrongType("partitionByFields", p, "array");
        }
        for (int i = 0; p != null && i < p.asArray().size(); i++) {
            BsonValue name = p.asArray().get(i);
            if (!name.isString()) {
                throw DensifyRange.wrongType("partitionByFields." + i, name, "string");
            }
            partitions.add(name.asString().getValue());
        }
        DensifyRange range = DensifyRange.parse(DensifyRange.required(d, "range"));
        String path = field.asString().getValue();
        StagePaths.validate(path);
        partitions.forEach(StagePaths::validate);
        if (range.kind() == DensifyRange.Kind.PARTITION && partitions.isEmpty()) {
            throw ErrorCode.LOCATION_5733408.error("One cannot specify the bounds as 'partition' without specifying a non-empty array "
                    + "of partitionByFields. You may have meant to specify 'full' bounds.");
        }
        BsonDocument sortBy = new BsonDocument();
        if (range.kind() != DensifyRange.Kind.FULL) {
            partitions.forEach(f -> sortBy.append(f, new BsonInt32(1)));
        }
        sortBy.append(path, new BsonInt32(1));
        return new DensifyStage(path, List.copyOf(partitions), range,
                new SortStage(SortSpec.parse(sortBy).collated(cx.collation()), cx.allowDiskUse()));
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return new Densifier(sort.apply(input));
    }

    /** A value at a dotted path through embedded documents only (an array on the way is missing); null for missing. */
    private static BsonValue valueAt(BsonDocument doc, String dotted) {
        BsonValue v = doc;
        for (String part : dotted.split("\\.")) {
            if (!(v instanceof BsonDocument d)) {
                return null;
            }
            v = d.get(part);
        }
        return v;
    }

    /** The sorted input with the generated documents; per partition, the next grid point not yet passed. */
    private final class Densifier implements Iterator<BsonDocument> {
        private final Iterator<BsonDocument> sorted;
        private final ArrayDeque<BsonDocument> ready = new ArrayDeque<>();
        private final TreeMap<BsonValue, BsonValue> nextPoint = new TreeMap<>(BsonOrder.COMPARATOR);
        private Iterator<Map.Entry<BsonValue, BsonValue>> finishing;
        private BsonValue smallest;
        private BsonValue largest;
        private long generated;

        Densifier(Iterator<BsonDocument> sorted) {
            this.sorted = sorted;
            if (range.kind() == DensifyRange.Kind.EXPLICIT && partitionByFields.isEmpty()) {
                nextPoint.put(new BsonDocument(), range.lower().get()); // the range is filled even with no documents
            }
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty()) {
                if (finishing == null && sorted.hasNext()) {
                    take(sorted.next());
                } else {
                    if (finishing == null) {
                        finishing = nextPoint.entrySet().iterator();
                    }
                    if (!finishing.hasNext()) {
                        return false;
                    }
                    Map.Entry<BsonValue, BsonValue> partition = finishing.next();
                    finish(partition.getKey().asDocument(), partition.getValue());
                }
            }
            return true;
        }

        @Override
        public BsonDocument next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        private void take(BsonDocument doc) {
            BsonValue v = valueAt(doc, field);
            if (v == null || v.isNull() || v.getBsonType() == org.bson.BsonType.UNDEFINED) {
                ready.add(doc);
                return;
            }
            checkType(v);
            if (smallest == null) {
                smallest = v;
            }
            largest = v;
            BsonDocument key = partitionKey(doc);
            BsonValue point = nextPoint.get(key);
            if (point == null) {
                point = switch (range.kind()) {
                    case EXPLICIT -> range.lower().get();
                    case FULL -> smallest;
                    case PARTITION -> v;
                };
            }
            while (BsonOrder.compare(point, v) < 0 && belowUpper(point)) {
                point = generate(key, point);
            }
            if (BsonOrder.compare(point, v) == 0 && belowUpper(point)) {
                point = range.next(point);
            }
            nextPoint.put(key, point);
            ready.add(doc);
        }

        /** After the input: "full" goes on to the largest value of all (inclusive), explicit bounds to the upper (exclusive). */
        private void finish(BsonDocument key, BsonValue point) {
            switch (range.kind()) {
                case FULL -> {
                    while (BsonOrder.compare(point, largest) <= 0) {
                        point = generate(key, point);
                    }
                }
                case EXPLICIT -> {
                    while (belowUpper(point)) {
                        point = generate(key, point);
                    }
                }
                case PARTITION -> { }
            }
        }

        private boolean belowUpper(BsonValue point) {
            return range.upper().isEmpty() || BsonOrder.compare(point, range.upper().get()) < 0;
        }

        /** Adds the document for point; answers the next point. */
        private BsonValue generate(BsonDocument key, BsonValue point) {
            if (++generated > MAX_GENERATED) {
                throw ErrorCode.LOCATION_5897900.error("Generated %d documents in $densify, which is over the limit of %d. Increase the "
                        + "'internalQueryMaxAllowedDensifyDocs' parameter to allow more generated documents", generated, MAX_GENERATED);
            }
            BsonDocument doc = BsonCopy.document(key);
            StagePaths.set(doc, field, point);
            ready.add(doc);
            return range.next(point);
        }

        private void checkType(BsonValue v) {
            boolean number = v.isNumber() || v.isDecimal128();
            if (!number && !v.isDateTime()) {
                throw ErrorCode.LOCATION_5733201.error("Densify field type must be numeric or a date");
            }
            if (number && range.unit().isPresent()) {
                throw ErrorCode.LOCATION_6053600.error("Encountered non-date value in collection when step has a date unit.");
            }
            if (!number && range.unit().isEmpty()) {
                throw ErrorCode.LOCATION_6053600.error("Encountered date value in collection when step does not have a date unit.");
            }
        }

        private BsonDocument partitionKey(BsonDocument doc) {
            BsonDocument key = new BsonDocument();
            for (String p : partitionByFields) {
                BsonValue v = valueAt(doc, p);
                if (v != null) {
                    StagePaths.set(key, p, v);
                }
            }
            return key;
        }
    }
}
