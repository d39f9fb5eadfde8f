package dev.tusk.update;

import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * Reading and writing one exact path of a document, as update operators address fields: numeric
 * components index arrays, nothing fans out over array elements.
 */
final class DocumentPaths {
    private DocumentPaths() {}

    static Optional<BsonValue> get(BsonDocument doc, FieldPath path) {
        BsonValue cur = doc;
        for (String part : path.parts()) {
            cur = child(cur, part);
            if (cur == null) {
                return Optional.empty();
            }
        }
        return Optional.of(cur);
    }

    private static BsonValue child(BsonValue cur, String part) {
        if (cur instanceof BsonDocument d) {
            return d.get(part);
        }
        if (cur instanceof BsonArray a && FieldPath.isIndex(part)) {
            int i = Integer.parseInt(part);
            return i < a.size() ? a.get(i) : null;
        }
        return null;
    }

    /** True if some prefix of path (not path itself) is an array: the parent chain goes through one. */
    static boolean crossesArray(BsonDocument doc, FieldPath path) {
        BsonValue cur = doc;
        for (int i = 0; i < path.size() - 1; i++) {
            cur = child(cur, path.get(i));
            if (cur == null) {
                return false;
            }
            if (cur instanceof BsonArray) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sets path to value, creating missing documents on the way (an array index past the end pads
     * with nulls). A scalar on the way, or a field name against an array, is 28 PathNotViable.
     */
    static void set(BsonDocument doc, FieldPath path, BsonValue value) {
        BsonValue cur = doc;
        String curName = "";
        for (int i = 0; i < path.size(); i++) {
            String part = path.get(i);
            boolean last = i == path.size() - 1;
            if (cur instanceof BsonDocument d) {
                if (last) {
                    d.put(part, value);
                    return;
                }
                BsonValue next = d.get(part);
                if (next == null) {
                    next = new BsonDocument();
                    d.put(part, next);
                }
                cur = next;
            } else if (cur instanceof BsonArray a && FieldPath.isIndex(part)) {
                int index = Integer.parseInt(part);
                while (a.size() < index) {
                    a.add(BsonNull.VALUE);
                }
                if (last) {
                    if (index == a.size()) {
                        a.add(value);
                    } else {
                        a.set(index, value);
                    }
                    return;
                }
                if (index == a.size()) {
                    a.add(new BsonDocument());
                }
                cur = a.get(index);
            } else {
                throw notViable(part, curName, cur);
            }
            curName = part;
            if (!last && !(cur instanceof BsonDocument) && !(cur instanceof BsonArray)) {
                throw notViable(path.get(i + 1), curName, cur);
            }
        }
    }

    private static RuntimeException notViable(String field, String name, BsonValue element) {
        return ErrorCode.PATH_NOT_VIABLE.error("Cannot create field '" + field + "' in element "
                + BsonText.braced(name, element));
    }

    /** Removes path ($unset): a document field disappears, an array element becomes null. */
    static boolean remove(BsonDocument doc, FieldPath path) {
        Optional<BsonValue> parent = path.size() == 1 ? Optional.of(doc) : get(doc, path.prefix(path.size() - 1));
        if (parent.isEmpty()) {
            return false;
        }
        String last = path.last();
        if (parent.get() instanceof BsonDocument d) {
            return d.remove(last) != null;
        }
        if (parent.get() instanceof BsonArray a && FieldPath.isIndex(last) && Integer.parseInt(last) < a.size()) {
            a.set(Integer.parseInt(last), BsonNull.VALUE);
            return true;
        }
        return false;
    }
}
