package dev.tusk.query;

import dev.tusk.bson.BsonNumbers;
import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The find projection's array operators, applied after the inclusion/exclusion part:
 * {@code {a: {$slice: n | [skip, limit]}}}, {@code {a: {$elemMatch: {...}}}} (the first matching
 * element) and positional {@code {"a.$": 1}} (the element the query matched).
 */
final class ArrayProjections {
    private record Slice(FieldPath path, int skip, Optional<Integer> limit) {}

    private record ElemMatch(String field, FilterNode filter) {}

    private final List<Slice> slices = new ArrayList<>();
    private final List<ElemMatch> elemMatches = new ArrayList<>();
    private Optional<FieldPath> positional = Optional.empty();

    boolean isEmpty() {
        return slices.isEmpty() && elemMatches.isEmpty() && positional.isEmpty();
    }

    boolean needsQuery() {
        return positional.isPresent();
    }

    /**
     * Takes the array operators out of a projection; returns what is left for the inclusion/exclusion
     * part, with the fields $elemMatch and positional project added as inclusions.
     */
    BsonDocument extract(BsonDocument projection) {
        BsonDocument rest = new BsonDocument();
        List<String> slicedNames = new ArrayList<>();
        for (var e : projection.entrySet()) {
            String name = e.getKey();
            BsonValue v = e.getValue();
            if (name.endsWith(".$")) {
                if (positional.isPresent()) {
                    throw ErrorCode.BAD_VALUE.error("Cannot specify more than one positional proj. per query.");
                }
                positional = Optional.of(FieldPath.parse(name.substring(0, name.length() - 2)));
                rest.append(name.substring(0, name.length() - 2), new org.bson.BsonInt32(1));
            } else if (v instanceof BsonDocument d && d.size() == 1 && d.containsKey("$slice")) {
                slices.add(slice(name, d.get("$slice")));
                slicedNames.add(name);
            } else if (v instanceof BsonDocument d && d.size() == 1 && d.containsKey("$elemMatch")) {
                if (name.contains(".")) {
                    throw ErrorCode.LOCATION_31275.error("Cannot use $elemMatch projection on a nested field.");
                }
                if (!d.get("$elemMatch").isDocument()) {
                    throw ErrorCode.BAD_VALUE.error("elemMatch: Invalid argument, object required.");
                }
                elemMatches.add(new ElemMatch(name, FilterParser.parse(new BsonDocument(name, d))));
                rest.append(name, new org.bson.BsonInt32(1));
            } else {
                rest.append(name, v);
            }
        }
        if (isInclusion(rest)) {
            slicedNames.forEach(n -> rest.append(n, new org.bson.BsonInt32(1)));
        }
        return rest;
    }

    private static boolean isInclusion(BsonDocument rest) {
        for (var e : rest.entrySet()) {
            if (!e.getKey().equals("_id")) {
                BsonValue v = e.getValue();
                return !(v.isBoolean() && !v.asBoolean().getValue()) && !(v.isNumber() && v.asNumber().doubleValue() == 0);
            }
        }
        return false;
    }

    private static Slice slice(String name, BsonValue arg) {
        if (BsonNumbers.isNumber(arg)) {
            long n = arg.isDecimal128() ? arg.asDecimal128().getValue().longValue() : arg.asNumber().longValue();
            return n >= 0 ? new Slice(FieldPath.parse(name), 0, Optional.of((int) Math.min(n, Integer.MAX_VALUE)))
                    : new Slice(FieldPath.parse(name), (int) Math.max(n, Integer.MIN_VALUE), Optional.empty());
        }
        if (arg instanceof BsonArray a && a.size() == 2 && BsonNumbers.isNumber(a.get(0)) && BsonNumbers.isNumber(a.get(1))) {
            long limit = a.get(1).asNumber().longValue();
            if (limit <= 0) {
                throw ErrorCode.BAD_VALUE.error("$slice limit must be positive");
            }
            return new Slice(FieldPath.parse(name), (int) a.get(0).asNumber().longValue(), Optional.of((int) Math.min(limit, Integer.MAX_VALUE)));
        }
        throw ErrorCode.BAD_VALUE.error("$slice only supports numbers and [skip, limit] arrays, not " + BsonText.value(arg));
    }

    BsonDocument apply(BsonDocument projected, BsonDocument original, Optional<FilterNode> query) {
        BsonDocument out = dev.tusk.bson.BsonCopy.document(projected);
        for (Slice s : slices) {
            sliceAt(out, s, 0);
        }
        for (ElemMatch m : elemMatches) {
            BsonValue value = original.get(m.field());
            Optional<BsonValue> first = Optional.empty();
            if (value instanceof BsonArray array) {
                first = array.stream().filter(element -> FilterEvaluator.matches(m.filter(),
                        new BsonDocument(m.field(), new BsonArray(List.of(element))))).findFirst();
            }
            if (first.isPresent()) {
                out.put(m.field(), new BsonArray(List.of(first.get())));
            } else {
                out.remove(m.field());
            }
        }
        if (positional.isPresent()) {
            FieldPath path = positional.get();
            int index = query.flatMap(q -> PositionalIndex.of(q, original, path)).orElseThrow(() ->
                    ErrorCode.BAD_VALUE.error("Executor error during find command :: caused by :: positional operator '"
                            + path.dotted() + ".$' couldn't find a matching element in the array"));
            replaceWithElement(out, path, 0, index);
        }
        return out;
    }

    private static void sliceAt(BsonValue current, Slice s, int i) {
        if (current instanceof BsonArray array && i > 0) {
            for (BsonValue element : array) {
                sliceAt(element, s, i);
            }
            return;
        }
        if (!(current instanceof BsonDocument doc)) {
            return;
        }
        BsonValue next = doc.get(s.path().get(i));
        if (next == null) {
            return;
        }
        if (i < s.path().size() - 1) {
            sliceAt(next, s, i + 1);
            return;
        }
        if (next instanceof BsonArray array) {
            int size = array.size();
            int from = s.skip() < 0 ? Math.max(0, size + s.skip()) : Math.min(s.skip(), size);
            int to = s.limit().map(l -> (int) Math.min((long) from + l, size)).orElse(size);
            doc.put(s.path().get(i), new BsonArray(new ArrayList<>(array.getValues().subList(from, to))));
        }
    }

    private static void replaceWithElement(BsonDocument doc, FieldPath path, int i, int index) {
        BsonValue next = doc.get(path.get(i));
        if (i < path.size() - 1) {
            if (next instanceof BsonDocument d) {
                replaceWithElement(d, path, i + 1, index);
            }
            return;
        }
        if (next instanceof BsonArray array && index < array.size()) {
            doc.put(path.get(i), new BsonArray(List.of(array.get(index))));
        }
    }
}
