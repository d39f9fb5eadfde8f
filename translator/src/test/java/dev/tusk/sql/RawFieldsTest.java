package dev.tusk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tusk.bson.RawFields;
import java.util.List;
import java.util.Random;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.Test;

/** RawFields.get answers exactly as RawBsonDocument.get, on random documents of every BSON type. */
class RawFieldsTest {
    @Test
    void sameAsTheDriversLookup() {
        long seed = Long.getLong("tusk.seed", 20261122L);
        RandomBson bson = new RandomBson(new Random(seed));
        BsonDocumentCodec codec = new BsonDocumentCodec();
        int compared = 0;
        for (int i = 0; i < 3000; i++) {
            RawBsonDocument raw = new RawBsonDocument(bson.document(0), codec);
            for (String name : List.of("a", "b", "c", "0", "1", "_id", "missing", "é")) {
                assertEquals(raw.get(name), RawFields.get(raw, name), "seed " + seed + ": field " + name + " of " + raw.toJson());
                compared++;
            }
        }
        assertEquals(24_000, compared);
    }

    @Test
    void presentAndAbsentFields() {
        BsonDocument twice = new BsonDocument(List.of(new org.bson.BsonElement("a", new BsonInt32(1)),
                new org.bson.BsonElement("b", new BsonInt32(2))));
        RawBsonDocument raw = new RawBsonDocument(twice, new BsonDocumentCodec());
        assertEquals(new BsonInt32(2), RawFields.get(raw, "b"));
        assertEquals(null, RawFields.get(raw, "c"));
    }
}
