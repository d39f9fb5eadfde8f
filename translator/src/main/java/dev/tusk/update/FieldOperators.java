package dev.tusk.update;

import dev.tusk.bson.BsonCopy;
import dev.tusk.bson.BsonOrder;
import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $set $setOnInsert $unset $min $max $rename $currentDate: operators that write one field. */
final class FieldOperators {
    private FieldOperators() {}

    record SetField(FieldPath path, BsonValue value, boolean onInsertOnly) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            if (!onInsertOnly || cx.isUpsertInsert()) {
                DocumentPaths.set(doc, path, BsonCopy.deep(value));
            }
        }
    }

    record UnsetField(FieldPath path) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            DocumentPaths.remove(doc, path);
        }
    }

    /** $min ({@code keepSmaller}) or $max: sets the field when the argument sorts below (above) it, or it is missing. */
    record MinMax(FieldPath path, BsonValue value, boolean keepSmaller) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            Optional<BsonValue> current = DocumentPaths.get(doc, path);
            int c = current.map(v -> BsonOrder.compare(value, v)).orElse(keepSmaller ? -1 : 1);
            if (keepSmaller ? c < 0 : c > 0) {
                DocumentPaths.set(doc, path, BsonCopy.deep(value));
            }
        }
    }

    record Rename(FieldPath from, FieldPath path) implements FieldUpdate {
        @Override
        public List<FieldPath> otherPaths() {
            return List.of(from);
        }

        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            if (DocumentPaths.crossesArray(doc, from)) {
                throw ErrorCode.BAD_VALUE.error("The source field cannot be an array element, '" + from.dotted()
                        + "' in doc with " + cx.idText().substring(1, cx.idText().length() - 1) + " has an array field called '"
                        + from.get(0) + "'");
            }
            if (DocumentPaths.crossesArray(doc, path)) {
                throw ErrorCode.BAD_VALUE.error("The destination field cannot be an array element, '" + path.dotted()
                        + "' in doc with " + cx.idText().substring(1, cx.idText().length() - 1) + " has an array field called '"
                        + path.get(0) + "'");
            }
            Optional<BsonValue> value = DocumentPaths.get(doc, from);
            if (value.isPresent()) {
                DocumentPaths.remove(doc, from);
                DocumentPaths.set(doc, path, value.get());
            }
        }
    }

    record CurrentDate(FieldPath path, boolean timestamp) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            DocumentPaths.set(doc, path, timestamp ? cx.nowTimestamp() : cx.now());
        }
    }

    static FieldUpdate set(FieldPath path, BsonValue arg) {
        return new SetField(path, arg, false);
    }

    static FieldUpdate setOnInsert(FieldPath path, BsonValue arg) {
        return new SetField(path, arg, true);
    }

    static FieldUpdate unset(FieldPath path, BsonValue arg) {
        return new UnsetField(path);
    }

    static FieldUpdate min(FieldPath path, BsonValue arg) {
        return new MinMax(path, arg, true);
    }

    static FieldUpdate max(FieldPath path, BsonValue arg) {
        return new MinMax(path, arg, false);
    }

    static FieldUpdate rename(FieldPath path, BsonValue arg) {
        if (!arg.isString()) {
            throw ErrorCode.BAD_VALUE.error("The 'to' field for $rename must be a string: " + BsonText.element(path.dotted(), arg));
        }
        FieldPath to = FieldPath.parse(arg.asString().getValue());
        if (arg.asString().getValue().isEmpty() || to.hasEmptyComponent()) {
            throw ErrorCode.BAD_VALUE.error("The update path '" + to.dotted() + "' contains an empty field name, which is not allowed.");
        }
        if (to.equals(path)) {
            throw ErrorCode.BAD_VALUE.error("The source and target field for $rename must differ: " + BsonText.element(path.dotted(), arg));
        }
        if (to.isPrefixedBy(path) || path.isPrefixedBy(to)) {
            throw ErrorCode.BAD_VALUE.error("The source and target field for $rename must not be on the same path: "
                    + BsonText.element(path.dotted(), arg));
        }
        // numeric components name document fields here: Rename refuses any array on either path, as MongoDB does
        return new Rename(path, to);
    }

    static FieldUpdate currentDate(FieldPath path, BsonValue arg) {
        if (arg.isBoolean()) {
            return new CurrentDate(path, false);
        }
        if (arg instanceof BsonDocument d) {
            BsonValue type = d.get("$type");
            if (d.size() != 1 || type == null) {
                throw ErrorCode.BAD_VALUE.error("Unrecognized $currentDate option: "
                        + (d.isEmpty() ? "" : d.getFirstKey()));
            }
            if (type.isString() && (type.asString().getValue().equals("date") || type.asString().getValue().equals("timestamp"))) {
                return new CurrentDate(path, type.asString().getValue().equals("timestamp"));
            }
            throw ErrorCode.BAD_VALUE.error("The '$type' string field is required to be 'date' or 'timestamp': "
                    + "{$currentDate: {field : {$type: 'date'}}}");
        }
        throw ErrorCode.BAD_VALUE.error(BsonText.typeName(arg) + " is not valid type for $currentDate. "
                + "Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).");
    }
}
