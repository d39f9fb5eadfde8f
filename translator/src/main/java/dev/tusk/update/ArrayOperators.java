package dev.tusk.update;

import dev.tusk.bson.BsonCopy;
import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $push $addToSet $pop $pull: operators on array fields. */
final class ArrayOperators {
    private ArrayOperators() {}

    /** $push with $each (always a list here), $position, $slice; $sort is not implemented yet. */
    record Push(FieldPath path, List<BsonValue> each, Optional<Integer> position, Optional<Integer> slice,
            Optional<java.util.Comparator<BsonValue>> sort) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            BsonArray array = arrayAt(doc, path, cx, "$push");
            int at = position.map(p -> p < 0 ? Math.max(0, array.size() + p) : Math.min(p, array.size())).orElse(array.size());
            for (BsonValue v : each) {
                array.add(at++, BsonCopy.deep(v));
            }
            sort.ifPresent(order -> {
                List<BsonValue> sorted = new java.util.ArrayList<>(array.getValues());
                sorted.sort(order);
                array.clear();
                array.addAll(sorted);
            });
            slice.ifPresent(n -> {
                int size = array.size();
                if (n >= 0) {
                    while (array.size() > n) {
                        array.remove(array.size() - 1);
                    }
                } else {
                    for (int i = 0; i < size + n && !array.isEmpty(); i++) {
                        array.remove(0);
                    }
                }
            });
        }
    }

    record AddToSet(FieldPath path, List<BsonValue> each) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            BsonArray array = arrayAt(doc, path, cx, "$addToSet");
            for (BsonValue v : each) {
                if (array.stream().noneMatch(e -> BsonOrder.valuesEqual(e, v))) {
                    array.add(BsonCopy.deep(v));
                }
            }
        }
    }

    record Pop(FieldPath path, boolean first) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            Optional<BsonValue> current = DocumentPaths.get(doc, path);
            if (current.isEmpty()) {
                return;
            }
            if (!(current.get() instanceof BsonArray array)) {
                throw ErrorCode.TYPE_MISMATCH.error("Path '" + path.dotted() + "' contains an element of non-array type '"
                        + BsonText.typeName(current.get()) + "'");
            }
            if (!array.isEmpty()) {
                array.remove(first ? 0 : array.size() - 1);
            }
        }
    }

    record Pull(FieldPath path, Predicate<BsonValue> matches) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            Optional<BsonValue> current = DocumentPaths.get(doc, path);
            if (current.isEmpty()) {
                return;
            }
            if (!(current.get() instanceof BsonArray array)) {
                throw ErrorCode.BAD_VALUE.error("Cannot apply $pull to a non-array value");
            }
            array.removeIf(matches);
        }
    }

    static FieldUpdate pullAll(FieldPath path, BsonValue arg) {
        if (!arg.isArray()) {
            throw ErrorCode.BAD_VALUE.error("$pullAll requires an array argument but was given a " + BsonText.typeName(arg));
        }
        List<BsonValue> values = List.copyOf(arg.asArray().getValues());
        return new Pull(path, e -> values.stream().anyMatch(v -> BsonOrder.valuesEqual(e, v)));
    }

    /** The array at path (created empty when missing); 2 BadValue when it is something else. */
    private static BsonArray arrayAt(BsonDocument doc, FieldPath path, UpdateContext cx, String op) {
        Optional<BsonValue> current = DocumentPaths.get(doc, path);
        if (current.isEmpty()) {
            BsonArray created = new BsonArray();
            DocumentPaths.set(doc, path, created);
            return created;
        }
        if (current.get() instanceof BsonArray array) {
            return array;
        }
        if (op.equals("$addToSet")) {
            throw ErrorCode.BAD_VALUE.error("Cannot apply $addToSet to non-array field. Field named '" + path.last()
                    + "' has non-array type " + BsonText.typeName(current.get()));
        }
        throw ErrorCode.BAD_VALUE.error("The field '" + path.dotted() + "' must be an array but is of type "
                + BsonText.typeName(current.get()) + " in document " + cx.idText());
    }

    static FieldUpdate push(FieldPath path, BsonValue arg) {
        if (!(arg instanceof BsonDocument d) || !d.containsKey("$each")) {
            return new Push(path, List.of(arg), Optional.empty(), Optional.empty(), Optional.empty());
        }
        List<BsonValue> each = eachList(d.get("$each"), "$push");
        Optional<Integer> position = Optional.empty();
        Optional<Integer> slice = Optional.empty();
        Optional<java.util.Comparator<BsonValue>> sort = Optional.empty();
        for (String key : d.keySet()) {
            switch (key) {
                case "$each" -> { }
                case "$position" -> position = Optional.of(integer(d.get(key), "$position", "must be an integer value, not of type: "));
                case "$slice" -> slice = Optional.of(integer(d.get(key), "$slice", "must be an integer value but was given type: "));
                case "$sort" -> sort = Optional.of(PushSort.parse(d.get(key)));
                default -> throw ErrorCode.BAD_VALUE.error("Unrecognized clause in $push: " + key);
            }
        }
        return new Push(path, each, position, slice, sort);
    }

    private static int integer(BsonValue v, String name, String wording) {
        if (!BsonNumbers.isNumber(v)) {
            throw ErrorCode.BAD_VALUE.error("The value for " + name + " " + wording + BsonText.typeName(v));
        }
        double d = v.isDecimal128() ? v.asDecimal128().getValue().doubleValue() : v.asNumber().doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw ErrorCode.BAD_VALUE.error("The value for " + name + " must be an integer value, but was: " + BsonText.value(v));
        }
        return (int) d;
    }

    private static List<BsonValue> eachList(BsonValue each, String op) {
        if (!each.isArray()) {
            throw ErrorCode.BAD_VALUE.error("The argument to $each in " + op + " must be an array but it was of type: "
                    + BsonText.typeName(each));
        }
        return List.copyOf(each.asArray().getValues());
    }

    static FieldUpdate addToSet(FieldPath path, BsonValue arg) {
        if (arg instanceof BsonDocument d && d.containsKey("$each")) {
            if (d.size() > 1) {
                throw ErrorCode.BAD_VALUE.error("Found unexpected fields after $each in $addToSet: " + BsonText.value(d));
            }
            return new AddToSet(path, eachList(d.get("$each"), "$addToSet"));
        }
        return new AddToSet(path, List.of(arg));
    }

    static FieldUpdate pop(FieldPath path, BsonValue arg) {
        if (!BsonNumbers.isNumber(arg)) {
            throw ErrorCode.FAILED_TO_PARSE.error("Expected a number in: " + BsonText.element(path.dotted(), arg));
        }
        double d = arg.isDecimal128() ? arg.asDecimal128().getValue().doubleValue() : arg.asNumber().doubleValue();
        if (d != 1 && d != -1) {
            throw ErrorCode.FAILED_TO_PARSE.error("$pop expects 1 or -1, found: " + BsonText.value(arg));
        }
        return new Pop(path, d < 0);
    }

    /**
     * $pull: a condition document is a query on each element ({@code {$gte: 6}} on the element itself,
     * {@code {size: "L"}} on document elements); any other value removes equal elements.
     */
    static FieldUpdate pull(FieldPath path, BsonValue arg) {
        if (arg instanceof BsonDocument d && !d.isEmpty()) {
            boolean operators = d.getFirstKey().startsWith("$") && !List.of("$and", "$or", "$nor").contains(d.getFirstKey());
            if (operators) {
                FilterNode condition = FilterParser.parse(new BsonDocument("v", d));
                return new Pull(path, e -> FilterEvaluator.matches(condition, new BsonDocument("v", e)));
            }
            FilterNode query = FilterParser.parse(d);
            return new Pull(path, e -> e instanceof BsonDocument doc && FilterEvaluator.matches(query, doc));
        }
        BsonValue value = arg;
        return new Pull(path, e -> BsonOrder.valuesEqual(e, value));
    }
}
