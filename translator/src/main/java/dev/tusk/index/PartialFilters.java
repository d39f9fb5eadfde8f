package dev.tusk.index;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterNode;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * The operators MongoDB 7.0 accepts in a partialFilterExpression (equality, ranges, $exists: true,
 * $type, $in, $and, $or, $geoWithin/$geoIntersects); anything else, negations included, is its 67
 * with the expression's debug form.
 */
final class PartialFilters {
    private PartialFilters() {}

    static void check(BsonDocument raw, FilterNode filter) {
        if (raw.containsKey("$expr")) {
            throw ErrorCode.QUERY_FEATURE_NOT_ALLOWED.error("$expr is not allowed in this context");
        }
        checkNode(filter);
    }

    private static void checkNode(FilterNode node) {
        switch (node) {
            case FilterNode.And a -> a.children().forEach(PartialFilters::checkNode);
            case FilterNode.Or o -> o.children().forEach(PartialFilters::checkNode);
            case FilterNode.Compare c -> { }
            case FilterNode.In in -> { }
            case FilterNode.Exists e -> { }
            case FilterNode.TypeIs t -> { }
            case FilterNode.Geo g -> { }
            case FilterNode.AlwaysTrue t -> { }
            default -> throw ErrorCode.CANNOT_CREATE_INDEX.error("Expression not supported in partial index: %s", debug(node, 0));
        }
    }

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    /** MongoDB's MatchExpression debug string for the common refused forms (a negation, a regex), else the node's name. */
    private static String debug(FilterNode node, int level) {
        String indent = "    ".repeat(level);
        return switch (node) {
            case FilterNode.Not n -> indent + "$not\n" + debug(n.child(), level + 1);
            case FilterNode.Nor n -> indent + "$nor\n" + n.children().stream().map(c -> debug(c, level + 1)).collect(Collectors.joining());
            case FilterNode.Compare c -> indent + c.path().dotted() + " $" + c.op().name().toLowerCase(java.util.Locale.ROOT) + " "
                    + value(c.value()) + "\n";
            case FilterNode.Exists e -> indent + e.path().dotted() + " exists\n";
            case FilterNode.In in -> indent + in.path().dotted() + " $in [ "
                    + in.values().stream().map(v -> value(v) + " ").collect(Collectors.joining())
                    + in.regexes().stream().map(r -> "/" + r.pattern() + "/" + r.options() + " ").collect(Collectors.joining()) + "]\n";
            case FilterNode.RegexMatch r -> indent + r.path().dotted() + " regex /" + r.pattern() + "/" + r.options() + "\n";
            case FilterNode.Size s -> indent + s.path().dotted() + " $size : " + s.size() + "\n";
            default -> indent + node.getClass().getSimpleName() + "\n";
        };
    }

    private static String value(BsonValue v) {
        if (v.isString()) {
            return "\"" + v.asString().getValue() + "\"";
        }
        String json = new BsonDocument("v", v).toJson(RELAXED);
        return json.substring(json.indexOf(':') + 1, json.length() - 1).trim();
    }
}
