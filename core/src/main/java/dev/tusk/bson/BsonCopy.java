package dev.tusk.bson;

import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Deep copies that are mutable all the way down: documents read from storage are immutable
 * RawBsonDocuments (their clone() is too), so this rebuilds documents and arrays; every other
 * BsonValue is immutable and shared.
 */
public final class BsonCopy {
    private BsonCopy() {}

    public static BsonValue deep(BsonValue v) {
        return switch (v) {
            case BsonDocument d -> document(d);
            case BsonArray a -> {
                BsonArray copy = new BsonArray(a.size());
                for (BsonValue e : a) {
                    copy.add(deep(e));
                }
                yield copy;
            }
            default -> v;
        };
    }

    public static BsonDocument document(BsonDocument d) {
        BsonDocument copy = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            copy.append(e.getKey(), deep(e.getValue()));
        }
        return copy;
    }
}
