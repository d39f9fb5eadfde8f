package dev.tusk.index;

import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.FieldPath;
import dev.tusk.query.FilterNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * explain's {@code indexBounds} for an index scan, in MongoDB's notation ({@code "[3, 3]"},
 * {@code "(5, inf.0]"}, {@code "[\"a\", {})"}, {@code "[MinKey, MaxKey]"}): the intervals Tusk scans
 * on each field as {@link IndexBounds} narrows them — points for equality and $in, one type-bracketed
 * range (both ends only on an index that is not multikey, or within one $elemMatch) — while the fields
 * before it are points, and every key on the fields after the first that is not.
 */
public final class IndexBoundsText {
    private static final String ALL = "[MinKey, MaxKey]";

    private IndexBoundsText() {}

    public static BsonDocument of(FilterNode filter, BsonDocument keyPattern, boolean multikey) {
        BsonDocument out = new BsonDocument();
        boolean narrowed = true;
        long ranges = 1;
        for (Map.Entry<String, BsonValue> field : keyPattern.entrySet()) {
            List<String> intervals = List.of(ALL);
            if (narrowed) {
                FieldText text = fieldText(filter, FieldPath.parse(field.getKey()), multikey);
                ranges *= text.intervals().size();
                boolean first = out.isEmpty();
                if (first || ranges <= 1000) {
                    intervals = text.intervals();
                }
                narrowed = text.points() && (first || ranges <= 1000);
            }
            boolean descending = field.getValue().isNumber() && field.getValue().asNumber().doubleValue() < 0;
            BsonArray shown = new BsonArray();
            (descending ? reversed(intervals) : intervals).forEach(i -> shown.add(new BsonString(i)));
            out.append(field.getKey(), shown);
        }
        return out;
    }

    /** A field's intervals, and whether they are points (the next field is then narrowed too). */
    private record FieldText(List<String> intervals, boolean points) {}

    /** One end of a range: its value and whether it is included. */
    private record End(BsonValue value, boolean inclusive) {}

    private static FieldText fieldText(FilterNode filter, FieldPath path, boolean multikey) {
        End lower = null;
        End upper = null;
        for (List<FilterNode> group : IndexBounds.oneValueGroups(filter)) {
            End groupLower = null;
            End groupUpper = null;
            for (FilterNode n : group) {
                if (n instanceof FilterNode.Compare c && c.path().equals(path)) {
                    switch (c.op()) {
                        case EQ -> {
                            return new FieldText(List.of(point(c.value())), true);
                        }
                        case GT, GTE -> groupLower = groupLower != null ? groupLower : new End(c.value(), c.op() == FilterNode.Op.GTE);
                        case LT, LTE -> groupUpper = groupUpper != null ? groupUpper : new End(c.value(), c.op() == FilterNode.Op.LTE);
                    }
                } else if (n instanceof FilterNode.In in && in.path().equals(path) && in.regexes().isEmpty()) {
                    List<BsonValue> values = new ArrayList<>(in.values());
                    values.sort(BsonOrder::compare);
                    List<String> points = new ArrayList<>();
                    values.forEach(v -> points.add(point(v)));
                    return new FieldText(points.stream().distinct().toList(), true);
                }
            }
            // on a multikey index only one value's bounds meet (IndexBounds): the first group's
            if (multikey && (lower != null || upper != null)) {
                continue;
            }
            lower = lower != null ? lower : groupLower;
            upper = upper != null ? upper : groupUpper;
        }
        if (lower != null && upper == null) {
            String end = bracketEnd(lower.value());
            return new FieldText(List.of((lower.inclusive() ? "[" : "(") + shown(lower.value()) + ", " + end
                    + (end.equals("{}") ? ")" : "]")), false);
        }
        if (upper != null && lower == null) {
            return new FieldText(List.of("[" + bracketStart(upper.value()) + ", " + shown(upper.value())
                    + (upper.inclusive() ? "]" : ")")), false);
        }
        if (lower != null) {
            return new FieldText(List.of((lower.inclusive() ? "[" : "(") + shown(lower.value()) + ", " + shown(upper.value())
                    + (upper.inclusive() ? "]" : ")")), false);
        }
        for (FilterNode n : IndexBounds.conjuncts(filter)) {
            if (n instanceof FilterNode.RegexMatch r && r.path().equals(path)) {
                var prefix = RegexPrefix.of(r.pattern(), r.options());
                if (prefix.isPresent()) { // MongoDB's bounds: the prefix up to its last character's successor, and the regex itself
                    String p = prefix.get();
                    String next = p.substring(0, p.length() - 1) + (char) (p.charAt(p.length() - 1) + 1);
                    String regex = "/" + r.pattern() + "/" + r.options();
                    return new FieldText(List.of("[\"" + p + "\", \"" + next + "\")", "[" + regex + ", " + regex + "]"), false);
                }
            }
        }
        for (FilterNode n : IndexBounds.conjuncts(filter)) {
            if (n instanceof FilterNode.TypeIs t && t.path().equals(path)) {
                return new FieldText(typeIntervals(t.types()), false);
            }
        }
        return new FieldText(List.of(ALL), false);
    }

    /** $type's brackets in MongoDB's notation, in key order; every key if one of them has none here. */
    private static List<String> typeIntervals(java.util.Set<Integer> codes) {
        java.util.TreeMap<Integer, String> byBracket = new java.util.TreeMap<>();
        for (int code : codes) {
            org.bson.BsonType type = org.bson.BsonType.findByValue(code == -1 ? 0xFF : code);
            String interval = switch (type) {
                case INT32, INT64, DOUBLE, DECIMAL128 -> "[nan.0, inf.0]";
                case STRING, SYMBOL -> "[\"\", {})";
                case NULL -> "[null, null]";
                case OBJECT_ID -> "[ObjectId('000000000000000000000000'), ObjectId('ffffffffffffffffffffffff')]";
                case BOOLEAN -> "[false, true]";
                case DATE_TIME -> "[new Date(-9223372036854775808), new Date(9223372036854775807)]";
                case MIN_KEY -> "[MinKey, MinKey]";
                case MAX_KEY -> "[MaxKey, MaxKey]";
                default -> null;
            };
            if (interval == null) {
                return List.of(ALL);
            }
            byBracket.put(dev.tusk.storage.IdKey.bracket(type), interval);
        }
        return List.copyOf(byBracket.values());
    }

    private static String point(BsonValue v) {
        return "[" + shown(v) + ", " + shown(v) + "]";
    }

    /** The lowest value of v's type bracket, as MongoDB prints it. */
    private static String bracketStart(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32, INT64, DOUBLE, DECIMAL128 -> "-inf.0";
            case STRING, SYMBOL -> "\"\"";
            case DATE_TIME -> "new Date(-9223372036854775808)";
            case OBJECT_ID -> "ObjectId('000000000000000000000000')";
            case BOOLEAN -> "false";
            default -> "MinKey";
        };
    }

    /** The end of v's type bracket, as MongoDB prints it (exclusive for strings: the next bracket starts at {}). */
    private static String bracketEnd(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32, INT64, DOUBLE, DECIMAL128 -> "inf.0";
            case STRING, SYMBOL -> "{}";
            case DATE_TIME -> "new Date(9223372036854775807)";
            case OBJECT_ID -> "ObjectId('ffffffffffffffffffffffff')";
            case BOOLEAN -> "true";
            default -> "MaxKey";
        };
    }

    static String shown(BsonValue v) {
        return switch (v.getBsonType()) {
            case INT32 -> Integer.toString(v.asInt32().getValue());
            case INT64 -> Long.toString(v.asInt64().getValue());
            case DOUBLE -> {
                double d = v.asDouble().getValue();
                yield Double.isNaN(d) ? "nan.0" : Double.isInfinite(d) ? (d > 0 ? "inf.0" : "-inf.0")
                        : d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) + ".0" : Double.toString(d);
            }
            case DECIMAL128 -> v.asDecimal128().getValue().toString();
            case DATE_TIME -> "new Date(" + v.asDateTime().getValue() + ")";
            case OBJECT_ID -> "ObjectId('" + v.asObjectId().getValue().toHexString() + "')";
            case BOOLEAN -> Boolean.toString(v.asBoolean().getValue());
            case NULL -> "null";
            case MIN_KEY -> "MinKey";
            case MAX_KEY -> "MaxKey";
            default -> {
                String json = new BsonDocument("v", v).toJson(); // {"v": <value>}: JSON's quoting of strings and documents
                yield json.substring(6, json.length() - 1);
            }
        };
    }

    /** A descending field's intervals: each read from its high end, in reverse order. */
    private static List<String> reversed(List<String> intervals) {
        List<String> out = new ArrayList<>();
        for (int i = intervals.size() - 1; i >= 0; i--) {
            String s = intervals.get(i);
            char open = s.charAt(0);
            char close = s.charAt(s.length() - 1);
            String body = s.substring(1, s.length() - 1);
            int comma = splitPoint(body);
            String lo = body.substring(0, comma);
            String hi = body.substring(comma + 2);
            out.add((close == ']' ? "[" : "(") + hi + ", " + lo + (open == '[' ? "]" : ")"));
        }
        return out;
    }

    /** Where ", " separates an interval's two ends (the first one outside quotes and brackets). */
    private static int splitPoint(String body) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < body.length() - 1; i++) {
            char c = body.charAt(i);
            if (c == '"' && (i == 0 || body.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && (c == '{' || c == '[' || c == '(')) {
                depth++;
            } else if (!quoted && (c == '}' || c == ']' || c == ')')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',' && body.charAt(i + 1) == ' ') {
                return i;
            }
        }
        throw new IllegalStateException("not an interval: " + body);
    }
}
