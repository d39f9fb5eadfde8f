package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import dev.tusk.query.DocumentSpool;
import dev.tusk.query.ExprProjection;
import dev.tusk.query.SortBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * $setWindowFields: documents sorted by partition (the partitionBy value; missing is null) and
 * sortBy, then each output field set to its window function over the document's partition. The sort
 * spills past 100 MiB as $sort does; then one partition at a time is held (in a temporary file past
 * 100 MiB, with allowDiskUse) and its outputs computed one document at a time.
 */
public record SetWindowFieldsStage(Optional<Expr> partitionBy, Optional<Comparator<BsonDocument>> sortBy,
        Map<String, WindowFunction> outputs, Optional<ExprProjection> setter, Variables variables, boolean allowDiskUse)
        implements Stage {
    /** Where each document's window values wait for the $addFields-style setter (as MongoDB's own temporary field). */
    private static final String VALUES = "__tusk_setWindowFields_values";
    /** The sort's entries: {p: partition key, d: document}. */
    private static final String PARTITION = "p";
    private static final String DOC = "d";

    static SetWindowFieldsStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("the $setWindowFields stage specification must be an object, found "
                    + BsonText.typeName(spec));
        }
        BsonDocument d = spec.asDocument();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            String f = e.getKey();
            if (!f.equals("partitionBy") && !f.equals("sortBy") && !f.equals("output")) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$setWindowFields.%s' is an unknown field.", f);
            }
            if (!f.equals("partitionBy") && !e.getValue().isDocument()) {
                throw ErrorCode.TYPE_MISMATCH.error("BSON field '$setWindowFields.%s' is the wrong type '%s', expected type 'object'", f,
                        BsonText.typeName(e.getValue()));
            }
        }
        if (!d.containsKey("output")) {
            throw ErrorCode.LOCATION_40414.error("BSON field '$setWindowFields.output' is missing but a required field");
        }
        Optional<Expr> partitionBy = Optional.ofNullable(d.get("partitionBy")).map(p -> partition(p, cx));
        Optional<BsonDocument> sortBy = Optional.ofNullable(d.get("sortBy")).map(BsonValue::asDocument);
        Optional<Comparator<BsonDocument>> order = sortBy.map(AccumulatorArgs::sortOrder);
        WindowContext windows = new WindowContext(sortBy, cx);
        Map<String, WindowFunction> outputs = new LinkedHashMap<>();
        BsonDocument setterSpec = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : d.getDocument("output").entrySet()) {
            checkOutputPath(e.getKey(), outputs.keySet());
            outputs.put(e.getKey(), WindowFunctions.parse(e.getKey(), e.getValue(), windows));
            setterSpec.append(e.getKey(), new BsonString("$" + VALUES + "." + outputs.size()));
        }
        Optional<ExprProjection> setter = outputs.isEmpty() ? Optional.empty()
                : Optional.of(ExprProjection.parseAddFields(setterSpec, cx, "$setWindowFields"));
        return new SetWindowFieldsStage(partitionBy, order, outputs, setter, cx.variables(), cx.allowDiskUse());
    }

    private static Expr partition(BsonValue spec, ParseContext cx) {
        Expr e = ExprParser.parse(spec, cx);
        if (!ExprParser.readsDocument(spec)) {
            BsonValue constant = e.evaluate(EvalContext.of(new BsonDocument(), cx.variables()));
            if (constant != null && constant.isArray()) {
                throw ErrorCode.TYPE_MISMATCH.error("An expression used to partition cannot evaluate to value of type array");
            }
        }
        return e;
    }

    /** A valid field path that is not the same as, inside or around another output's. */
    private static void checkOutputPath(String field, Iterable<String> earlier) {
        StagePaths.validate(field);
        for (String other : earlier) {
            if (other.equals(field) || other.startsWith(field + ".") || field.startsWith(other + ".")) {
                throw ErrorCode.LOCATION_6307900.error("$setWindowFields 'output' specification contains two conflicting paths");
            }
        }
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        if (partitionBy.isEmpty() && sortBy.isEmpty()) {
            return new Outputs(new Iterator<>() { // one partition in input order
                @Override
                public boolean hasNext() {
                    return input.hasNext();
                }

                @Override
                public BsonDocument next() {
                    return new BsonDocument(PARTITION, BsonNull.VALUE).append(DOC, input.next());
                }
            });
        }
        Comparator<BsonDocument> order = (a, b) -> BsonOrder.compare(a.get(PARTITION), b.get(PARTITION));
        if (sortBy.isPresent()) {
            Comparator<BsonDocument> within = sortBy.get();
            order = order.thenComparing(e -> e.getDocument(DOC), within);
        }
        SortBuffer buffer = new SortBuffer(order, MemoryLimit.BYTES, allowDiskUse, MemoryLimit::sizeOf, () -> MemoryLimit.exceeded("$sort"));
        while (input.hasNext()) {
            BsonDocument doc = input.next();
            buffer.add(new BsonDocument(PARTITION, partitionKey(doc)).append(DOC, doc));
        }
        return new Outputs(buffer.sorted());
    }

    private BsonValue partitionKey(BsonDocument doc) {
        if (partitionBy.isEmpty()) {
            return BsonNull.VALUE;
        }
        BsonValue key = partitionBy.get().evaluate(EvalContext.of(doc, variables));
        if (key != null && key.isArray()) {
            throw ErrorCode.TYPE_MISMATCH.error("Cannot 'partitionBy' an expression of type array");
        }
        return key == null ? BsonNull.VALUE : key;
    }

    /** The sorted {p, d} entries' documents with their outputs, one partition at a time. */
    private final class Outputs implements Iterator<BsonDocument> {
        private final Iterator<BsonDocument> sorted;
        private BsonDocument pending;
        private DocumentSpool partition;
        private int next;
        private List<WindowFunction.Cursor> cursors = List.of();

        Outputs(Iterator<BsonDocument> sorted) {
            this.sorted = sorted;
            pending = sorted.hasNext() ? sorted.next() : null;
        }

        @Override
        public boolean hasNext() {
            if (partition != null && next < partition.size()) {
                return true;
            }
            if (pending == null) {
                if (partition != null) {
                    partition.close();
                }
                return false;
            }
            openPartition();
            return true;
        }

        @Override
        public BsonDocument next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int i = next++;
            BsonDocument doc = partition.get(i);
            if (setter.isEmpty()) {
                return doc;
            }
            BsonDocument values = new BsonDocument();
            int n = 1;
            for (WindowFunction.Cursor cursor : cursors) {
                BsonValue v = cursor.valueAt(i);
                if (v != null) {
                    values.append(Integer.toString(n), v);
                }
                n++;
            }
            BsonDocument withValues = new BsonDocument();
            withValues.putAll(doc);
            withValues.put(VALUES, values);
            BsonDocument out = setter.get().apply(withValues);
            out.remove(VALUES);
            return out;
        }

        /** Reads the next partition's documents (all entries with the pending entry's key). */
        private void openPartition() {
            if (partition != null) {
                partition.close();
            }
            partition = new DocumentSpool(MemoryLimit.BYTES, allowDiskUse, MemoryLimit::sizeOf,
                    () -> MemoryLimit.exceeded("$setWindowFields"));
            BsonValue key = pending.get(PARTITION);
            while (pending != null && BsonOrder.compare(pending.get(PARTITION), key) == 0) {
                partition.add(pending.getDocument(DOC));
                pending = sorted.hasNext() ? sorted.next() : null;
            }
            next = 0;
            WindowPartition p = new WindowPartition(partition.asList(), variables);
            cursors = new ArrayList<>();
            for (WindowFunction f : outputs.values()) {
                cursors.add(f.open(p));
            }
        }
    }
}
