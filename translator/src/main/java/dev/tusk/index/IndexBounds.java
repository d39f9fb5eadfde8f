package dev.tusk.index;

import dev.tusk.bson.FieldPath;
import dev.tusk.query.FilterNode;
import dev.tusk.storage.IdKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * Which keys of an index can hold the documents a filter matches, from the filter's conditions on
 * the index's first field (top-level or inside a top-level $and): equality and $in give points,
 * $gt/$gte/$lt/$lte give ranges within the value's type bracket. The ranges are a superset of the
 * matches (the filter itself still decides); empty means the index cannot help.
 */
public final class IndexBounds {
    private IndexBounds() {}

    /** An interval of first-field encodings; a null bound is the edge of the bracket (as bytes). */
    private record Interval(byte[] lo, boolean loInclusive, byte[] hi, boolean hiInclusive) {}

    /** Ranges for the index, or empty if the filter says nothing usable about its first field (index maybe multikey). */
    public static Optional<List<KeyRange>> of(FilterNode filter, IndexKeys index, boolean sparse) {
        return of(filter, index, sparse, true);
    }

    /**
     * As {@link #of(FilterNode, IndexKeys, boolean)}; on an index that is not multikey (no document
     * holds an array there) range bounds on the first field intersect, as on MongoDB: {$gte: 5, $lt: 9}
     * scans [5, 9), not [5, end of numbers).
     */
    public static Optional<List<KeyRange>> of(FilterNode filter, IndexKeys index, boolean sparse, boolean multikey) {
        if (index.wildcard().isPresent()) {
            return WildcardBounds.of(filter, index.wildcard().get(), multikey);
        }
        if (index.paths().isEmpty()) { // a text index: $text reaches it, comparisons do not
            return Optional.empty();
        }
        List<List<FilterNode>> groups = oneValueGroups(filter);
        Optional<FieldBound> firstBound = fieldBound(groups, index, 0, sparse, multikey);
        if (firstBound.isEmpty()) {
            return Optional.empty();
        }
        List<byte[]> prefixes = List.of(new byte[0]);
        List<KeyRange> out = new ArrayList<>();
        for (int f = 0; f < index.paths().size(); f++) {
            Optional<FieldBound> bound = f == 0 ? firstBound : fieldBound(groups, index, f, sparse, multikey);
            boolean descending = index.descending(f);
            if (bound.isPresent() && bound.get().points() != null
                    && (f == 0 || prefixes.size() * bound.get().points().size() <= MAX_COMPOUND_RANGES)) {
                List<byte[]> next = new ArrayList<>();
                for (byte[] prefix : prefixes) {
                    for (Interval point : bound.get().points()) {
                        next.add(concat(prefix, (descending ? descendingRange(point) : ascendingRange(point)).from()));
                    }
                }
                prefixes = next;
                if (f == index.paths().size() - 1) { // every field is a point: whole keys
                    prefixes.forEach(k -> out.add(new KeyRange(k, successor(k), true)));
                }
                continue;
            }
            if (bound.isPresent()) {
                for (Interval range : bound.get().ranges()) {
                    KeyRange r = descending ? descendingRange(range) : ascendingRange(range);
                    prefixes.forEach(p -> out.add(new KeyRange(concat(p, r.from()), concat(p, r.to()))));
                }
            } else {
                prefixes.forEach(p -> out.add(new KeyRange(p, successor(p))));
            }
            break;
        }
        return Optional.of(out.stream().filter(r -> !r.isEmpty()).toList());
    }

    /** More key ranges than this from the points of several fields: the later fields are not narrowed. */
    private static final int MAX_COMPOUND_RANGES = 1000;

    /**
     * What the filter says about one field's keys: points (equality, $in), else ranges in value order
     * (one from comparisons, or an anchored regex's strings and the regexes equal to it).
     */
    private record FieldBound(List<Interval> points, List<Interval> ranges) {}

    private static Optional<FieldBound> fieldBound(List<List<FilterNode>> groups, IndexKeys index, int field, boolean sparse,
            boolean multikey) {
        FieldPath path = index.paths().get(field);
        boolean hashed = index.hashed(field); // hashed keys serve equality only
        Optional<List<Interval>> points = Optional.empty();
        Interval range = null;
        for (List<FilterNode> group : groups) {
            Interval groupRange = null;
            for (FilterNode n : group) {
                if (n instanceof FilterNode.Compare c && c.path().equals(path) && usable(c.value(), sparse)) {
                    if (c.op() == FilterNode.Op.EQ) {
                        byte[] e = index.valueKey(field, c.value());
                        points = Optional.of(List.of(new Interval(e, true, e, true)));
                    } else if (!hashed && isRangeOperand(c.value())) {
                        groupRange = groupRange == null ? interval(c) : intersect(groupRange, interval(c));
                    }
                } else if (n instanceof FilterNode.In in && in.path().equals(path) && in.regexes().isEmpty()
                        && points.isEmpty() && in.values().stream().allMatch(v -> usable(v, sparse))) {
                    List<Interval> list = new ArrayList<>();
                    for (BsonValue v : in.values()) {
                        byte[] e = index.valueKey(field, v);
                        list.add(new Interval(e, true, e, true));
                    }
                    points = Optional.of(list);
                }
            }
            if (groupRange != null && range == null) {
                range = groupRange;
            } else if (groupRange != null && !multikey) {
                // only without arrays: on a multikey index {$gte: 10, $lt: 20} may be met by two
                // different elements ([49, 0]), so intersecting the bounds could lose a match
                range = intersect(range, groupRange);
            }
        }
        if (points.isPresent()) {
            return Optional.of(new FieldBound(points.get(), null));
        }
        if (range != null) {
            return Optional.of(new FieldBound(null, List.of(range)));
        }
        if (hashed) {
            return Optional.empty();
        }
        Optional<List<Interval>> regex = regexRanges(groups, path);
        return regex.or(() -> typeRanges(groups, path, sparse || index.partial())).map(r -> new FieldBound(null, r));
    }

    /**
     * Bounds from what a condition says of the field's type: $type scans its types' brackets; on an
     * index that leaves documents out (sparse or partial), $exists: true scans every key and $ne/$nin
     * null every key outside null's bracket, as MongoDB reads them. On an index of every document those
     * two would scan most of it, which a table scan does faster, so they are not bounds there.
     */
    private static Optional<List<Interval>> typeRanges(List<List<FilterNode>> groups, FieldPath path, boolean leavesOut) {
        List<Interval> present = null;
        for (List<FilterNode> group : groups) {
            for (FilterNode n : group) {
                if (n instanceof FilterNode.TypeIs t && t.path().equals(path)) {
                    return Optional.of(typeBrackets(t.types()));
                }
                if (!leavesOut) {
                    continue;
                }
                if (notNull(n, path)) {
                    present = List.of(brackets(MIN_BRACKET, NULL_BRACKET), brackets(NULL_BRACKET + 1, MAX_BRACKET + 1));
                } else if (n instanceof FilterNode.Exists e && e.path().equals(path) && present == null) {
                    present = List.of(brackets(MIN_BRACKET, MAX_BRACKET + 1));
                }
            }
        }
        return Optional.ofNullable(present);
    }

    private static final int MIN_BRACKET = IdKey.bracket(BsonType.MIN_KEY), NULL_BRACKET = IdKey.bracket(BsonType.NULL),
            MAX_BRACKET = IdKey.bracket(BsonType.MAX_KEY);

    /**
     * {@code $ne: null} or a {@code $nin} that holds null on a top-level field: the field is present and no
     * value it reaches is null. Not on a dotted path: {@code {'a.b': {$ne: null}}} also matches
     * {@code {a: [[1]]}}, where the path reaches nothing (no key but null, and none in a sparse index).
     */
    private static boolean notNull(FilterNode n, FieldPath path) {
        return path.size() == 1 && n instanceof FilterNode.Not not && switch (not.child()) {
            case FilterNode.Compare c -> c.path().equals(path) && c.op() == FilterNode.Op.EQ && c.value().isNull();
            case FilterNode.In in -> in.path().equals(path) && in.values().stream().anyMatch(BsonValue::isNull);
            default -> false;
        };
    }

    /** The brackets of $type's codes, in key order ("number" types share one). */
    private static List<Interval> typeBrackets(java.util.Set<Integer> codes) {
        java.util.SortedSet<Integer> brackets = new java.util.TreeSet<>();
        for (int code : codes) {
            brackets.add(IdKey.bracket(BsonType.findByValue(code == -1 ? 0xFF : code)));
        }
        return brackets.stream().map(b -> brackets(b, b + 1)).toList();
    }

    /** Every key whose first byte (its bracket) is in [from, to). */
    private static Interval brackets(int from, int to) {
        return new Interval(new byte[] {(byte) from}, true, new byte[] {(byte) to}, false);
    }

    /**
     * The ranges of a top-level anchored regex on the path: the strings that start with its literal
     * prefix, and the stored regexes with its pattern (a regex in a query also matches an equal regex).
     */
    private static Optional<List<Interval>> regexRanges(List<List<FilterNode>> groups, FieldPath path) {
        for (List<FilterNode> group : groups) {
            for (FilterNode n : group) {
                if (n instanceof FilterNode.RegexMatch r && r.path().equals(path)) {
                    Optional<String> prefix = RegexPrefix.of(r.pattern(), r.options());
                    if (prefix.isPresent()) {
                        byte[] encoded = IdKey.encode(new org.bson.BsonString(prefix.get()));
                        byte[] strings = Arrays.copyOf(encoded, encoded.length - 2); // without the string's terminator
                        byte[] regexValue = IdKey.encode(new org.bson.BsonRegularExpression(r.pattern(), ""));
                        byte[] samePattern = Arrays.copyOf(regexValue, regexValue.length - 2); // any options
                        return Optional.of(List.of(new Interval(strings, true, successor(strings), false),
                                new Interval(samePattern, true, successor(samePattern), false)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * How many leading fields of an index the filter fixes to one key each (top-level equalities with
     * values whose equals all have one encoding): a sort on the fields after them is the index's order.
     */
    public static int equalityPrefix(FilterNode filter, IndexKeys index) {
        int n = 0;
        while (n < index.paths().size() && index.ordered(n)) {
            FieldPath path = index.paths().get(n);
            if (equalityOn(filter, path).filter(IndexBounds::keyOrdered).isEmpty()) {
                break;
            }
            n++;
        }
        return n;
    }

    /**
     * True if the keys in {@link #of}'s ranges are exactly the documents the filter matches, so the
     * documents need no other test: a single-field index that is neither multikey nor sparse (one key
     * per document, its value or null), and a filter that is one equality or $in, or one or two range
     * bounds of one type bracket (for numbers, one of them a lower bound), all on that field, with
     * values whose key order is MongoDB's order within their bracket (finite numbers, strings,
     * ObjectIds, booleans, dates).
     */
    public static boolean decides(FilterNode filter, IndexKeys index, boolean sparse, boolean multikey) {
        if (multikey || sparse || index.paths().size() != 1 || !index.ordered(0)) {
            return false; // hashed keys may collide, wildcard keys are (path, value) pairs
        }
        FieldPath field = index.paths().get(0);
        List<FilterNode> conjuncts = conjuncts(filter);
        if (conjuncts.size() == 1 && conjuncts.get(0) instanceof FilterNode.In in) {
            return in.path().equals(field) && in.regexes().isEmpty() && !in.values().isEmpty()
                    && in.values().stream().allMatch(IndexBounds::keyOrdered);
        }
        if (conjuncts.size() == 1 && conjuncts.get(0) instanceof FilterNode.Compare c && c.op() == FilterNode.Op.EQ) {
            return c.path().equals(field) && keyOrdered(c.value());
        }
        if (conjuncts.isEmpty() || conjuncts.size() > 2) {
            return false;
        }
        Integer bracket = null;
        boolean numeric = false;
        boolean lowerBound = false;
        for (FilterNode n : conjuncts) {
            if (!(n instanceof FilterNode.Compare c) || c.op() == FilterNode.Op.EQ || !c.path().equals(field)
                    || !keyOrdered(c.value()) || bracket != null && bracket != IdKey.bracket(c.value())) {
                return false;
            }
            bracket = IdKey.bracket(c.value());
            numeric = c.value().isNumber() || c.value().isDecimal128();
            lowerBound |= c.op() == FilterNode.Op.GT || c.op() == FilterNode.Op.GTE;
        }
        // NaN keys sort below every number, where a range open downwards reaches, but no range matches NaN
        return lowerBound || !numeric;
    }

    private static boolean keyOrdered(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32, INT64, STRING, OBJECT_ID, BOOLEAN, DATE_TIME -> true;
            case DOUBLE -> Double.isFinite(v.asDouble().getValue());
            case DECIMAL128 -> v.asDecimal128().getValue().isFinite();
            default -> false;
        };
    }

    /** The value a top-level equality gives the path, if the filter has one. */
    public static java.util.Optional<BsonValue> equalityOn(FilterNode filter, FieldPath path) {
        return conjuncts(filter).stream()
                .filter(n -> n instanceof FilterNode.Compare c && c.op() == FilterNode.Op.EQ && c.path().equals(path))
                .map(n -> ((FilterNode.Compare) n).value()).findFirst();
    }

    /**
     * The filter's conditions in groups that each test one value: a conjunct alone, or the conditions of
     * an {@code $elemMatch} on values, which one element meets together (so its bounds intersect even on
     * a multikey index, as on MongoDB). An {@code $elemMatch} on documents adds its comparisons on their
     * fields as conditions on the dotted paths (a matching element is one of the values such a path
     * reaches), each alone.
     */
    static List<List<FilterNode>> oneValueGroups(FilterNode filter) {
        List<List<FilterNode>> out = new ArrayList<>();
        for (FilterNode n : conjuncts(filter)) {
            switch (n) {
                case FilterNode.ElemMatchValue m -> out.add(m.conditions().stream().flatMap(c -> conjuncts(c).stream())
                        .flatMap(c -> under(m.path(), c).stream()).toList());
                case FilterNode.ElemMatchObject m -> conjuncts(m.query()).stream().filter(IndexBounds::namedField)
                        .flatMap(c -> under(m.path(), c).stream()).forEach(c -> out.add(List.of(c)));
                default -> out.add(List.of(n));
            }
        }
        return out;
    }

    /**
     * True for a condition whose path starts with a field name: an element that is an array is matched
     * as a document whose fields are its positions, which a dotted path with a number does not reach.
     */
    private static boolean namedField(FilterNode n) {
        return dev.tusk.query.FilterFields.leafPath(n).filter(p -> p.size() > 0 && !FieldPath.isIndex(p.get(0))).isPresent();
    }

    /** A comparison or $in moved under a path (its own path relative to that one); empty for other conditions. */
    private static Optional<FilterNode> under(FieldPath prefix, FilterNode n) {
        return switch (n) {
            case FilterNode.Compare c -> Optional.of(new FilterNode.Compare(prefix.append(c.path()), c.op(), c.value()));
            case FilterNode.In in -> Optional.of(new FilterNode.In(prefix.append(in.path()), in.values(), in.regexes()));
            default -> Optional.empty();
        };
    }

    /** The filter's conditions: itself, or the children of its top-level (nested) $and. */
    static List<FilterNode> conjuncts(FilterNode filter) {
        List<FilterNode> out = new ArrayList<>();
        flatten(filter, out);
        return out;
    }

    private static void flatten(FilterNode n, List<FilterNode> out) {
        if (n instanceof FilterNode.And and) {
            and.children().forEach(c -> flatten(c, out));
        } else {
            out.add(n);
        }
    }

    /** Null equality also matches missing fields, which a sparse index leaves out. */
    private static boolean usable(BsonValue v, boolean sparse) {
        BsonType t = v.getBsonType();
        return !(sparse && (t == BsonType.NULL || t == BsonType.UNDEFINED)) && t != BsonType.MIN_KEY && t != BsonType.MAX_KEY;
    }

    private static boolean isRangeOperand(BsonValue v) {
        return !v.isArray() && !v.isDocument() && !v.isRegularExpression();
    }

    private static Interval interval(FilterNode.Compare c) {
        byte[] e = IdKey.encode(c.value());
        int bracket = IdKey.bracket(c.value());
        byte[] start = {(byte) bracket};
        byte[] end = {(byte) (bracket + 1)};
        return switch (c.op()) {
            case GT -> new Interval(e, false, end, false);
            case GTE -> new Interval(e, true, end, false);
            case LT -> new Interval(start, true, e, false);
            case LTE -> new Interval(start, true, e, true);
            case EQ -> new Interval(e, true, e, true);
        };
    }

    private static Interval intersect(Interval a, Interval b) {
        int lo = Arrays.compareUnsigned(a.lo(), b.lo());
        int hi = Arrays.compareUnsigned(a.hi(), b.hi());
        byte[] newLo = lo >= 0 ? a.lo() : b.lo();
        boolean loInclusive = lo > 0 ? a.loInclusive() : lo < 0 ? b.loInclusive() : a.loInclusive() && b.loInclusive();
        byte[] newHi = hi <= 0 ? a.hi() : b.hi();
        boolean hiInclusive = hi < 0 ? a.hiInclusive() : hi > 0 ? b.hiInclusive() : a.hiInclusive() && b.hiInclusive();
        return new Interval(newLo, loInclusive, newHi, hiInclusive);
    }

    private static KeyRange ascendingRange(Interval i) {
        return new KeyRange(i.loInclusive() ? i.lo() : successor(i.lo()), i.hiInclusive() ? successor(i.hi()) : i.hi());
    }

    /** Descending fields store inverted bytes, which reverses the order of the (prefix-free) encodings. */
    private static KeyRange descendingRange(Interval i) {
        byte[] hi = invert(i.hi());
        byte[] lo = invert(i.lo());
        return new KeyRange(i.hiInclusive() ? hi : successor(hi), i.loInclusive() ? successor(lo) : lo);
    }

    private static byte[] invert(byte[] b) {
        byte[] out = b.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] = (byte) ~out[j];
        }
        return out;
    }

    /** The smallest byte string greater than every string that starts with b. */
    static byte[] successor(byte[] b) {
        for (int j = b.length - 1; j >= 0; j--) {
            if ((b[j] & 0xFF) != 0xFF) {
                byte[] out = Arrays.copyOf(b, j + 1);
                out[j]++;
                return out;
            }
        }
        return new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    }
}
