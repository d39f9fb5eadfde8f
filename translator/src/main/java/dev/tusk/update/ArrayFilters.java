package dev.tusk.update;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The arrayFilters of an update: one filter per identifier, matched against array elements for
 * {@code $[identifier]} path components. {@code {"x.size": "L"}} filters elements by their field
 * size; {@code {x: {$gte: 5}}} filters elements themselves.
 */
final class ArrayFilters {
    private final Map<String, FilterNode> byIdentifier;

    private ArrayFilters(Map<String, FilterNode> byIdentifier) {
        this.byIdentifier = byIdentifier;
    }

    static ArrayFilters none() {
        return new ArrayFilters(Map.of());
    }

    static ArrayFilters parse(List<BsonDocument> filters) {
        Map<String, FilterNode> map = new LinkedHashMap<>();
        for (BsonDocument f : filters) {
            if (f.isEmpty()) {
                throw ErrorCode.FAILED_TO_PARSE.error("Cannot use an expression without a top-level field name in arrayFilters");
            }
            String identifier = null;
            for (String key : f.keySet()) {
                String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
                if (key.startsWith("$")) {
                    throw ErrorCode.FAILED_TO_PARSE.error("Cannot use an expression without a top-level field name in arrayFilters");
                }
                if (identifier != null && !identifier.equals(top)) {
                    throw ErrorCode.FAILED_TO_PARSE.error(
                            "Error parsing array filter :: caused by :: Expected a single top-level field name, found '%s' and '%s'",
                            identifier, top);
                }
                identifier = top;
            }
            if (!identifier.matches("[a-z][a-zA-Z0-9]*")) {
                throw ErrorCode.BAD_VALUE.error(
                        "Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '%s'",
                        identifier);
            }
            if (map.containsKey(identifier)) {
                throw ErrorCode.FAILED_TO_PARSE.error("Found multiple array filters with the same top-level field name %s", identifier);
            }
            map.put(identifier, FilterParser.parse(f));
        }
        return new ArrayFilters(map);
    }

    Optional<FilterNode> filter(String identifier) {
        return Optional.ofNullable(byIdentifier.get(identifier));
    }

    java.util.Set<String> identifiers() {
        return byIdentifier.keySet();
    }

    boolean matches(String identifier, BsonValue element) {
        return FilterEvaluator.matches(byIdentifier.get(identifier), new BsonDocument(identifier, element));
    }
}
