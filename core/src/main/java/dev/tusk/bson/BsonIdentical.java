package dev.tusk.bson;

import java.util.Iterator;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Byte-level sameness: same types, same field order, same values ({@code 1} is not {@code 1.0},
 * {@code -0.0} is not {@code 0.0}). {@link BsonDocument#equals} ignores field order, so it is not this.
 */
public final class BsonIdentical {
    private BsonIdentical() {}

    public static boolean identical(BsonValue a, BsonValue b) {
        if (a.getBsonType() != b.getBsonType()) {
            return false;
        }
        if (a instanceof BsonDocument da) {
            BsonDocument db = (BsonDocument) b;
            if (da.size() != db.size()) {
                return false;
            }
            Iterator<Map.Entry<String, BsonValue>> ib = db.entrySet().iterator();
            for (Map.Entry<String, BsonValue> ea : da.entrySet()) {
                Map.Entry<String, BsonValue> eb = ib.next();
                if (!ea.getKey().equals(eb.getKey()) || !identical(ea.getValue(), eb.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof BsonArray aa) {
            BsonArray ab = (BsonArray) b;
            if (aa.size() != ab.size()) {
                return false;
            }
            for (int i = 0; i < aa.size(); i++) {
                if (!identical(aa.get(i), ab.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
