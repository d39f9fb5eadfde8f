package dev.tusk.update;

import dev.tusk.bson.BsonCopy;
import dev.tusk.bson.BsonIdentical;
import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A parsed update: a document of operators ({@code {$set: {...}, $inc: {...}}}) or a replacement
 * document. Operators apply field by field in MongoDB 5.0+'s order (paths sorted component-wise,
 * numeric components numerically), so new fields are appended in that order; a field that already
 * exists keeps its position.
 */
public final class UpdateSpec {
    private final Optional<BsonDocument> replacement;
    private final List<FieldUpdate> updates;
    private final Optional<PipelineUpdate> pipeline;

    private UpdateSpec(Optional<BsonDocument> replacement, List<FieldUpdate> updates) {
        this(replacement, updates, Optional.empty());
    }

    private UpdateSpec(Optional<BsonDocument> replacement, List<FieldUpdate> updates, Optional<PipelineUpdate> pipeline) {
        this.replacement = replacement;
        this.updates = List.copyOf(updates);
        this.pipeline = pipeline;
    }

    public static UpdateSpec parse(BsonValue update) {
        return parse(update, List.of());
    }

    /** An update with arrayFilters for its {@code $[identifier]} path components. */
    public static UpdateSpec parse(BsonValue update, List<BsonDocument> arrayFilterDocs) {
        return parse(update, arrayFilterDocs, dev.tusk.expr.Variables.defaults());
    }

    /** As above, with the command's variables ($$NOW, let) for pipeline-style updates. */
    public static UpdateSpec parse(BsonValue update, List<BsonDocument> arrayFilterDocs, dev.tusk.expr.Variables variables) {
        if (update.isArray()) {
            if (!arrayFilterDocs.isEmpty()) {
                throw ErrorCode.FAILED_TO_PARSE.error("arrayFilters may not be specified for pipeline-style updates");
            }
            return new UpdateSpec(Optional.empty(), List.of(), Optional.of(PipelineUpdate.parse(update.asArray(), variables)));
        }
        ArrayFilters arrayFilters = ArrayFilters.parse(arrayFilterDocs);
        if (!update.isDocument()) {
            throw ErrorCode.FAILED_TO_PARSE.error("Update argument must be either an object or an array");
        }
        BsonDocument doc = update.asDocument();
        if (doc.isEmpty() || !doc.getFirstKey().startsWith("$")) {
            if (!arrayFilters.identifiers().isEmpty()) {
                throw ErrorCode.FAILED_TO_PARSE.error("The array filter for identifier '%s' was not used in the update %s",
                        arrayFilters.identifiers().iterator().next(), BsonText.value(doc));
            }
            for (String key : doc.keySet()) {
                if (key.startsWith("$")) {
                    throw ErrorCode.DOLLAR_PREFIXED_FIELD_NAME.error("The dollar ($) prefixed field '" + key + "' in '" + key
                            + "' is not allowed in the context of an update's replacement document. Consider using an "
                            + "aggregation pipeline with $replaceWith.");
                }
            }
            return new UpdateSpec(Optional.of(doc), List.of());
        }
        List<FieldUpdate> updates = new ArrayList<>();
        List<FieldPath> seen = new ArrayList<>();
        java.util.Set<String> usedIdentifiers = new java.util.HashSet<>();
        for (Map.Entry<String, BsonValue> e : doc.entrySet()) {
            UpdateOperator op = UpdateOperators.get(e.getKey());
            if (!e.getValue().isDocument()) {
                throw ErrorCode.FAILED_TO_PARSE.error("Modifiers operate on fields but we found type "
                        + BsonText.typeName(e.getValue()) + " instead. For example: {$mod: {<field>: ...}} not {"
                        + BsonText.element(e.getKey(), e.getValue()) + "}");
            }
            BsonDocument fields = e.getValue().asDocument();
            if (fields.isEmpty()) {
                throw ErrorCode.FAILED_TO_PARSE.error("'" + e.getKey() + "' is empty. You must specify a field like so: {"
                        + e.getKey() + ": {<field-name>: ...}}");
            }
            for (Map.Entry<String, BsonValue> f : fields.entrySet()) {
                FieldPath path = checkedPath(f.getKey());
                FieldUpdate u = op.parse(path, f.getValue());
                if (path.parts().stream().anyMatch(PositionalUpdate::isPositional)) {
                    usedIdentifiers.addAll(identifiers(path, arrayFilters));
                    u = new PositionalUpdate(path, op, f.getValue(), arrayFilters);
                }
                for (FieldPath p : allPaths(u)) {
                    checkConflict(seen, p);
                    seen.add(p);
                }
                updates.add(u);
            }
        }
        for (String identifier : arrayFilters.identifiers()) {
            if (!usedIdentifiers.contains(identifier)) {
                throw ErrorCode.FAILED_TO_PARSE.error("The array filter for identifier '%s' was not used in the update %s",
                        identifier, BsonText.value(doc));
            }
        }
        updates.sort(Comparator.comparing(FieldUpdate::path, UpdateSpec::comparePaths));
        return new UpdateSpec(Optional.empty(), updates);
    }

    /** The {@code $[identifier]}s of a path, each of which must have an array filter. */
    private static List<String> identifiers(FieldPath path, ArrayFilters arrayFilters) {
        List<String> out = new ArrayList<>();
        for (String part : path.parts()) {
            if (part.startsWith("$[") && part.length() > 3) {
                String id = part.substring(2, part.length() - 1);
                if (arrayFilters.filter(id).isEmpty()) {
                    throw ErrorCode.BAD_VALUE.error("No array filter found for identifier '%s' in path '%s'", id, path.dotted());
                }
                out.add(id);
            }
        }
        return out;
    }

    private static FieldPath checkedPath(String dotted) {
        FieldPath path = FieldPath.parse(dotted);
        if (dotted.isEmpty() || path.hasEmptyComponent()) {
            throw ErrorCode.EMPTY_FIELD_NAME.error("The update path '" + dotted
                    + "' contains an empty field name, which is not allowed.");
        }
        if (PositionalUpdate.isPositional(path.get(0))) {
            throw ErrorCode.BAD_VALUE.error("Cannot have positional (i.e. '$') element in the first component in path '%s'", dotted);
        }
        if (path.parts().stream().filter(p -> p.equals("$")).count() > 1) {
            throw ErrorCode.BAD_VALUE.error("Too many positional (i.e. '$') elements found in path '%s'", dotted);
        }
        for (String part : path.parts()) {
            if (part.startsWith("$") && !PositionalUpdate.isPositional(part)) {
                throw ErrorCode.DOLLAR_PREFIXED_FIELD_NAME.error("The dollar ($) prefixed field '%s' in '%s' is not allowed in the "
                        + "context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.",
                        part, dotted);
            }
        }
        return path;
    }

    private static List<FieldPath> allPaths(FieldUpdate u) {
        List<FieldPath> all = new ArrayList<>(u.otherPaths());
        all.add(0, u.path());
        return all;
    }

    private static void checkConflict(List<FieldPath> seen, FieldPath path) {
        for (FieldPath other : seen) {
            if (path.isPrefixedBy(other) || other.isPrefixedBy(path)) {
                FieldPath shorter = path.size() <= other.size() ? path : other;
                throw ErrorCode.CONFLICTING_UPDATE_OPERATORS.error("Updating the path '" + path.dotted()
                        + "' would create a conflict at '" + shorter.dotted() + "'");
            }
        }
    }

    /** Component by component; two numeric components compare as numbers ("a.2" before "a.10"). */
    static int comparePaths(FieldPath a, FieldPath b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            int c = FieldPath.isIndex(x) && FieldPath.isIndex(y)
                    ? Long.compare(Long.parseLong(x), Long.parseLong(y))
                    : x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** This update as one PostgreSQL can apply to the stored row itself, if it is one ({@link FieldPatch}). */
    public Optional<FieldPatch> fieldPatch() {
        return replacement.isPresent() || pipeline.isPresent() ? Optional.empty() : FieldPatch.of(updates);
    }

    public boolean isReplacement() {
        return replacement.isPresent();
    }

    /** Applies the update to a copy of doc; {@code isUpsertInsert} enables $setOnInsert. */
    public UpdateOutcome apply(BsonDocument doc, boolean isUpsertInsert) {
        return apply(doc, isUpsertInsert, Optional.empty());
    }

    /** As {@link #apply(BsonDocument, boolean)}, with the query that matched doc (for the positional $). */
    public UpdateOutcome apply(BsonDocument doc, boolean isUpsertInsert, Optional<dev.tusk.query.FilterNode> query) {
        Optional<BsonValue> id = Optional.ofNullable(doc.get("_id"));
        BsonDocument result;
        if (pipeline.isPresent()) {
            result = pipeline.get().apply(doc);
        } else if (replacement.isPresent()) {
            result = replace(doc, id);
        } else {
            result = BsonCopy.document(doc);
            UpdateContext cx = new UpdateContext(isUpsertInsert, id, System.currentTimeMillis(), query, doc);
            for (FieldUpdate u : updates) {
                u.apply(result, cx);
            }
            checkIdUnchanged(id, result);
        }
        return new UpdateOutcome(result, !BsonIdentical.identical(doc, result));
    }

    private BsonDocument replace(BsonDocument doc, Optional<BsonValue> id) {
        BsonDocument with = replacement.orElseThrow();
        BsonValue newId = with.get("_id");
        if (id.isPresent() && newId != null && !BsonIdentical.identical(id.get(), newId)) {
            throw ErrorCode.IMMUTABLE_FIELD.error("After applying the update, the (immutable) field '_id' was found to "
                    + "have been altered to " + BsonText.element("_id", newId));
        }
        BsonDocument result = new BsonDocument();
        Optional<BsonValue> keptId = id.isPresent() ? id : Optional.ofNullable(newId);
        keptId.ifPresent(v -> result.put("_id", v));
        for (Map.Entry<String, BsonValue> e : with.entrySet()) {
            if (!e.getKey().equals("_id")) {
                result.put(e.getKey(), BsonCopy.deep(e.getValue()));
            }
        }
        return result;
    }

    private void checkIdUnchanged(Optional<BsonValue> id, BsonDocument result) {
        if (id.isEmpty()) {
            return;
        }
        BsonValue after = result.get("_id");
        if (after == null || !BsonIdentical.identical(id.get(), after)) {
            FieldPath touched = updates.stream().map(FieldUpdate::path)
                    .filter(p -> p.get(0).equals("_id")).findFirst().orElse(FieldPath.of("_id"));
            throw ErrorCode.IMMUTABLE_FIELD.error("Performing an update on the path '" + touched.dotted()
                    + "' would modify the immutable field '_id'");
        }
    }

    /**
     * The document an upsert starts from: the equality fields of the filter (implicit equality,
     * {@code $eq}, and inside {@code $and}), dotted paths expanded into documents.
     */
    public static BsonDocument upsertSeed(BsonDocument filter) {
        return UpsertSeed.of(filter);
    }
}
