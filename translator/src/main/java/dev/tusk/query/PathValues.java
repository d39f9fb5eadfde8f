package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import java.util.function.Predicate;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * MongoDB's path traversal for matching: the values a dotted path reaches in a document.
 * <ul>
 *   <li>a document: the named field, or <em>missing</em>;</li>
 *   <li>a scalar in the middle of the path: <em>missing</em> ({@code {a: 5}} has no {@code a.b});</li>
 *   <li>an array in the middle: each document element continues with the same component (other
 *       elements are skipped, nested arrays are not entered); a numeric component also indexes the array;</li>
 *   <li>at the end: the value, and if it is an array (when {@code expandLeaf}) each element too.</li>
 * </ul>
 * Missing is passed to the test as Java {@code null}: only this package sees it.
 */
final class PathValues {
    private PathValues() {}

    /** True if test accepts any value (or missing, as null) that path reaches from root. */
    static boolean anyMatch(BsonValue root, FieldPath path, boolean expandLeaf, Predicate<BsonValue> test) {
        if (path.size() == 0) {
            return test.test(root);
        }
        return walk(root, path, 0, expandLeaf, test);
    }

    private static boolean walk(BsonValue cur, FieldPath path, int i, boolean expandLeaf, Predicate<BsonValue> test) {
        if (i == path.size()) {
            if (test.test(cur)) {
                return true;
            }
            if (expandLeaf && cur instanceof BsonArray array) {
                for (BsonValue element : array) {
                    if (test.test(element)) {
                        return true;
                    }
                }
            }
            return false;
        }
        String part = path.get(i);
        if (cur instanceof BsonDocument doc) {
            BsonValue next = doc.get(part);
            return next == null ? test.test(null) : walk(next, path, i + 1, expandLeaf, test);
        }
        if (cur instanceof BsonArray array) {
            if (FieldPath.isIndex(part)) {
                int index = Integer.parseInt(part);
                if (index < array.size() && walk(array.get(index), path, i + 1, expandLeaf, test)) {
                    return true;
                }
            }
            for (BsonValue element : array) {
                if (element instanceof BsonDocument && walk(element, path, i, expandLeaf, test)) {
                    return true;
                }
            }
            return false;
        }
        return test.test(null);
    }
}
