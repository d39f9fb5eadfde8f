package dev.tusk.index;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Which paths a wildcard index covers: all ({@code $**}), one subtree ({@code path.$**}), or those a
 * {@code wildcardProjection} includes or does not exclude. `_id` is left out unless included, as on
 * MongoDB.
 */
public final class WildcardProjection {
    /** Where a path stands: indexed, above an indexed path (walked, not indexed) or outside. */
    public enum Coverage { IN, ANCESTOR, OUT }

    private static final FieldPath ID = FieldPath.of("_id");

    private final List<FieldPath> included = new ArrayList<>(); // empty: every path not excluded
    private final List<FieldPath> excluded = new ArrayList<>();
    private final boolean idIncluded;

    private WildcardProjection(boolean idIncluded) {
        this.idIncluded = idIncluded;
    }

    /** The projection of a wildcard key pattern ({@code $**} or {@code path.$**}) and its wildcardProjection option. */
    public static WildcardProjection of(String wildcardField, Optional<BsonDocument> projection) {
        if (!wildcardField.equals("$**")) {
            FieldPath root = FieldPath.parse(wildcardField.substring(0, wildcardField.length() - ".$**".length()));
            WildcardProjection subtree = new WildcardProjection(root.isPrefixedBy(ID));
            subtree.included.add(root);
            return subtree;
        }
        if (projection.isEmpty()) {
            return new WildcardProjection(false);
        }
        Map<FieldPath, Boolean> flat = new java.util.LinkedHashMap<>();
        flatten(projection.get(), List.of(), flat);
        Boolean idValue = flat.remove(ID);
        WildcardProjection p = new WildcardProjection(Boolean.TRUE.equals(idValue));
        Boolean inclusion = null;
        for (Map.Entry<FieldPath, Boolean> e : flat.entrySet()) {
            if (inclusion != null && inclusion != e.getValue()) {
                throw failed(inclusion
                        ? ErrorCode.PROJECTION_MIXES_INCLUSION.error("Cannot do exclusion on field %s in inclusion projection", e.getKey())
                        : ErrorCode.PROJECTION_MIXES_EXCLUSION.error("Cannot do inclusion on field %s in exclusion projection", e.getKey()));
            }
            inclusion = e.getValue();
            (inclusion ? p.included : p.excluded).add(e.getKey());
        }
        if (p.idIncluded && !Boolean.FALSE.equals(inclusion)) {
            p.included.add(ID); // {_id: 1} alone is an inclusion of _id only
        }
        return p;
    }

    private static void flatten(BsonDocument spec, List<String> prefix, Map<FieldPath, Boolean> out) {
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            List<String> parts = new ArrayList<>(prefix);
            parts.addAll(FieldPath.parse(e.getKey()).parts());
            FieldPath path = new FieldPath(parts);
            BsonValue v = e.getValue();
            if (e.getKey().startsWith("$") || path.hasEmptyComponent() || path.parts().stream().anyMatch(s -> s.startsWith("$"))) {
                throw failed(ErrorCode.BAD_VALUE.error("Field names in a wildcardProjection cannot start with '$' or be empty: %s", e.getKey()));
            }
            if (v.isDocument() && !v.asDocument().isEmpty()) {
                flatten(v.asDocument(), parts, out);
            } else if (v.isBoolean() || v.isNumber()) {
                out.put(path, v.isBoolean() ? v.asBoolean().getValue() : v.asNumber().doubleValue() != 0);
            } else {
                throw failed(ErrorCode.BAD_VALUE.error("Cannot use an expression or a non-numeric value in a wildcardProjection: %s: %s",
                        path, v));
            }
        }
    }

    /** MongoDB's context for projection errors in an index spec, keeping the error's code. */
    private static dev.tusk.error.MongoServerException failed(dev.tusk.error.MongoServerException cause) {
        return cause.code().error("Failed to parse projection: wildcardProjection :: caused by :: %s", cause.getMessage());
    }

    public Coverage coverage(FieldPath path) {
        if (path.isPrefixedBy(ID) && !idIncluded) {
            return Coverage.OUT;
        }
        for (FieldPath e : excluded) {
            if (path.isPrefixedBy(e)) {
                return Coverage.OUT;
            }
        }
        if (included.isEmpty()) {
            return Coverage.IN;
        }
        Coverage out = Coverage.OUT;
        for (FieldPath i : included) {
            if (path.isPrefixedBy(i)) {
                return Coverage.IN;
            }
            if (i.isPrefixedBy(path)) {
                out = Coverage.ANCESTOR;
            }
        }
        return out;
    }
}
