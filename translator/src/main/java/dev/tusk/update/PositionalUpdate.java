package dev.tusk.update;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * An update whose path has positional components ({@code $}, {@code $[]}, {@code $[id]}): for each
 * document it expands into the concrete paths it names and applies the operator to each.
 */
record PositionalUpdate(FieldPath path, UpdateOperator operator, BsonValue argument, ArrayFilters arrayFilters)
        implements FieldUpdate {

    static boolean isPositional(String component) {
        return component.equals("$") || (component.startsWith("$[") && component.endsWith("]"));
    }

    @Override
    public void apply(BsonDocument doc, UpdateContext cx) {
        List<List<String>> concrete = new ArrayList<>();
        expand(doc, 0, new ArrayList<>(), concrete, cx);
        for (List<String> parts : concrete) {
            operator.parse(new FieldPath(parts), argument).apply(doc, cx);
        }
    }

    private void expand(BsonValue current, int i, List<String> prefix, List<List<String>> out, UpdateContext cx) {
        if (i == path.size()) {
            out.add(List.copyOf(prefix));
            return;
        }
        String part = path.get(i);
        if (part.equals("$")) {
            int index = cx.positionalIndex(prefixPath(prefix))
                    .orElseThrow(() -> ErrorCode.BAD_VALUE.error("The positional operator did not find the match needed from the query."));
            descend(current, i, prefix, String.valueOf(index), out, cx);
            return;
        }
        if (!isPositional(part)) {
            descend(current, i, prefix, part, out, cx);
            return;
        }
        if (current == null) {
            throw ErrorCode.BAD_VALUE.error("The path '%s' must exist in the document in order to apply array updates.",
                    String.join(".", prefix));
        }
        if (!(current instanceof BsonArray array)) {
            throw ErrorCode.BAD_VALUE.error("Cannot apply array updates to non-array element %s",
                    dev.tusk.bson.BsonText.element(prefix.isEmpty() ? "" : prefix.get(prefix.size() - 1), current));
        }
        String identifier = part.substring(2, part.length() - 1);
        for (int index = 0; index < array.size(); index++) {
            if (identifier.isEmpty() || arrayFilters.matches(identifier, array.get(index))) {
                descend(current, i, prefix, String.valueOf(index), out, cx);
            }
        }
    }

    private void descend(BsonValue current, int i, List<String> prefix, String component, List<List<String>> out,
            UpdateContext cx) {
        BsonValue next = null;
        if (current instanceof BsonDocument d) {
            next = d.get(component);
        } else if (current instanceof BsonArray a && FieldPath.isIndex(component) && Integer.parseInt(component) < a.size()) {
            next = a.get(Integer.parseInt(component));
        }
        prefix.add(component);
        expand(next, i + 1, prefix, out, cx);
        prefix.remove(prefix.size() - 1);
    }

    private static FieldPath prefixPath(List<String> prefix) {
        return new FieldPath(prefix);
    }
}
