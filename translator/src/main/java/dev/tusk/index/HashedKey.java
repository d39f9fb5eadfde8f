package dev.tusk.index;

import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import dev.tusk.storage.IdKey;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A hashed index field: the value at its path (no array may lie on the path, 16766 as on MongoDB)
 * and its 8-byte key, the first bytes of the MD5 of the value's IdKey encoding. IdKey gives values
 * MongoDB considers equal (1, 1L, 1.0) one encoding, so they share a hash; different values may
 * collide, so a hashed key only ever narrows a read (the filter still decides).
 */
public final class HashedKey {
    public static final int LENGTH = 8;

    private HashedKey() {}

    /** The key of a value: fixed-size whatever the value's size, so any value fits the side table's b-tree. */
    public static byte[] of(BsonValue value) {
        try {
            return Arrays.copyOf(MessageDigest.getInstance("MD5").digest(IdKey.encode(value)), LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides MD5", e);
        }
    }

    /** The value the path names (Java null when missing), refusing a document with an array anywhere on the path. */
    public static BsonValue valueAt(BsonDocument doc, FieldPath path) {
        BsonValue current = doc;
        for (int i = 0; i < path.size(); i++) {
            if (!(current instanceof BsonDocument d) || !d.containsKey(path.get(i))) {
                return null;
            }
            current = d.get(path.get(i));
            if (current.isArray()) {
                throw ErrorCode.LOCATION_16766.error("Error: hashed indexes do not currently support array values. "
                        + "Found array at path: %s", path.prefix(i + 1).dotted());
            }
        }
        return current;
    }
}
