package dev.tusk.bson;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Deep copies: documents and arrays are mutable, every other BsonValue is immutable and shared. */
public final class BsonCopy {
    private BsonCopy() {}

    public static BsonValue deep(BsonValue v) {
        return switch (v) {
            case BsonDocument d -> d.clone();
            case BsonArray a -> a.clone();
            default -> v;
        };
    }
}
