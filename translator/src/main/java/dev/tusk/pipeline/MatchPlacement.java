package dev.tusk.pipeline;

import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterFields;
import dev.tusk.query.FilterParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * MongoDB's pipeline optimisation that moves {@code $match} conditions ahead of the stages that do not
 * touch the fields they read ($sort, $addFields/$set, $unset, $project, $unwind, $lookup), so that the
 * leading $match the collection read pushes into PostgreSQL holds them: {@code [$sort, $match]},
 * {@code [$addFields: {x}, $match: {status}]} or {@code [$unwind: '$tags', $match: {user}]} then filter in
 * SQL, with indexes. A $match splits by its top-level conditions, each moving as far as it may; adjacent
 * $match stages at the front merge into one {@code $and}. Per document nothing changes: a stage that
 * leaves a field alone gives the $match the same value before it as after.
 */
public final class MatchPlacement {
    private MatchPlacement() {}

    public static BsonArray earliest(BsonArray stages) {
        List<BsonDocument> out = new ArrayList<>();
        for (BsonValue v : stages) {
            if (!v.isDocument() || v.asDocument().size() != 1) {
                return stages; // the parser reports it
            }
            BsonDocument stage = v.asDocument();
            if (!stage.getFirstKey().equals("$match") || !stage.get("$match").isDocument() || stage.getDocument("$match").isEmpty()) {
                out.add(stage);
                continue;
            }
            List<BsonDocument> staying = new ArrayList<>();
            for (Map.Entry<String, BsonValue> condition : stage.getDocument("$match").entrySet()) {
                BsonDocument one = new BsonDocument(condition.getKey(), condition.getValue());
                Optional<Set<String>> reads = fieldsRead(one);
                int at = out.size();
                while (reads.isPresent() && at > 0 && leavesAlone(out.get(at - 1), reads.get())) {
                    at--;
                }
                if (at == out.size()) {
                    staying.add(one);
                } else {
                    insertMatch(out, at, one);
                }
            }
            if (!staying.isEmpty()) {
                out.add(new BsonDocument("$match", merged(staying)));
            }
        }
        return new BsonArray(out);
    }

    /**
     * Adds a condition as a $match before position at, or into the $match there: a condition moves past
     * $match stages, so the one it stops in front of gathers everything that moved that far.
     */
    private static void insertMatch(List<BsonDocument> out, int at, BsonDocument condition) {
        if (out.get(at).getFirstKey().equals("$match") && out.get(at).get("$match").isDocument()) {
            out.set(at, new BsonDocument("$match", merged(List.of(out.get(at).getDocument("$match"), condition))));
        } else {
            out.add(at, new BsonDocument("$match", condition));
        }
    }

    private static BsonDocument merged(List<BsonDocument> filters) {
        List<BsonDocument> parts = filters.stream().filter(f -> !f.isEmpty()).toList();
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Set<String> names = new HashSet<>();
        boolean distinct = parts.stream().allMatch(p -> p.keySet().stream().allMatch(names::add));
        if (distinct) { // one document keeps the familiar shape (and explain's parsedQuery)
            BsonDocument one = new BsonDocument();
            parts.forEach(one::putAll);
            return one;
        }
        return new BsonDocument("$and", new BsonArray(new ArrayList<>(parts)));
    }

    /** The top-level fields a condition reads; empty when it may read anything ($expr, $text, $where...). */
    private static Optional<Set<String>> fieldsRead(BsonDocument condition) {
        if (condition.containsKey("$comment")) {
            return Optional.empty();
        }
        try {
            return FilterFields.topLevel(FilterParser.parse(condition));
        } catch (MongoServerException invalid) {
            return Optional.empty();
        }
    }

    /** True if the stage neither reorders-with-effect nor changes any of the fields (top-level names) a condition reads. */
    private static boolean leavesAlone(BsonDocument stage, Set<String> fields) {
        String name = stage.getFirstKey();
        BsonValue spec = stage.get(name);
        return switch (name) {
            case "$sort" -> true;
            case "$match" -> true;
            case "$addFields", "$set" -> spec.isDocument() && disjoint(topLevel(spec.asDocument().keySet()), fields);
            case "$unset" -> unsetFields(spec).map(u -> disjoint(u, fields)).orElse(false);
            case "$project" -> spec.isDocument() && projectKeeps(spec.asDocument(), fields);
            case "$unwind" -> unwindFields(spec).map(u -> disjoint(u, fields)).orElse(false);
            case "$lookup" -> spec.isDocument() && spec.asDocument().isString("as")
                    && disjoint(topLevel(Set.of(spec.asDocument().getString("as").getValue())), fields);
            default -> false;
        };
    }

    /**
     * A $project keeps a field as it is when it includes it by name (an inclusion projection; `_id` unless
     * excluded) or does not name it (an exclusion projection); computed or dotted entries on it do not.
     */
    private static boolean projectKeeps(BsonDocument spec, Set<String> fields) {
        boolean inclusion = false; // computed fields make one too
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            if (!e.getKey().equals("_id") && (!isFlag(e.getValue()) || truthy(e.getValue()))) {
                inclusion = true;
            }
        }
        for (String field : fields) {
            BsonValue own = spec.get(field);
            boolean nested = spec.keySet().stream().anyMatch(k -> k.startsWith(field + "."));
            if (nested || own != null && !isFlag(own)) {
                return false;
            }
            boolean kept = own != null ? truthy(own) : field.equals("_id") || !inclusion;
            if (!kept) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFlag(BsonValue v) {
        return v.isBoolean() || v.isNumber() || v.isDecimal128();
    }

    private static boolean truthy(BsonValue v) {
        return v.isBoolean() ? v.asBoolean().getValue()
                : v.isDecimal128() ? v.asDecimal128().getValue().bigDecimalValue().signum() != 0 : v.asNumber().doubleValue() != 0;
    }

    private static Optional<Set<String>> unsetFields(BsonValue spec) {
        List<BsonValue> names = spec.isString() ? List.of(spec) : spec.isArray() ? spec.asArray().getValues() : List.of();
        if (names.isEmpty() || !names.stream().allMatch(BsonValue::isString)) {
            return Optional.empty();
        }
        return Optional.of(topLevel(names.stream().map(n -> n.asString().getValue()).collect(java.util.stream.Collectors.toSet())));
    }

    private static Optional<Set<String>> unwindFields(BsonValue spec) {
        BsonValue path = spec.isDocument() ? spec.asDocument().get("path") : spec;
        if (path == null || !path.isString() || !path.asString().getValue().startsWith("$")) {
            return Optional.empty();
        }
        Set<String> out = new HashSet<>(topLevel(Set.of(path.asString().getValue().substring(1))));
        if (spec.isDocument() && spec.asDocument().isString("includeArrayIndex")) {
            out.addAll(topLevel(Set.of(spec.asDocument().getString("includeArrayIndex").getValue())));
        }
        return Optional.of(out);
    }

    private static Set<String> topLevel(Set<String> paths) {
        Set<String> out = new HashSet<>();
        paths.forEach(p -> out.add(p.contains(".") ? p.substring(0, p.indexOf('.')) : p));
        return out;
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        return java.util.Collections.disjoint(a, b);
    }
}
