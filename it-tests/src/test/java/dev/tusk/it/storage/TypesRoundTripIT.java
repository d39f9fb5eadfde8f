package dev.tusk.it.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.tusk.it.support.TuskTestServer;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** Every BSON type and the field order come back exactly as written, byte for byte. */
class TypesRoundTripIT {
    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private static BsonDocument everyType(Object id) {
        return new BsonDocument("_id", id instanceof Integer i ? new BsonInt32(i) : new BsonString(id.toString()))
                .append("zLast", new BsonString("field order is kept"))
                .append("int32", new BsonInt32(7))
                .append("int64", new BsonInt64(7))
                .append("double", new BsonDouble(7.0))
                .append("negZero", new BsonDouble(-0.0))
                .append("nan", new BsonDouble(Double.NaN))
                .append("inf", new BsonDouble(Double.NEGATIVE_INFINITY))
                .append("decimal", new BsonDecimal128(Decimal128.parse("7.00")))
                .append("decimalNaN", new BsonDecimal128(Decimal128.NaN))
                .append("string", new BsonString("héllo \u0000 wörld ✓"))
                .append("oid", new BsonObjectId(new ObjectId("65a1b2c3d4e5f60718293a4b")))
                .append("date", new BsonDateTime(-1234567890123L))
                .append("ts", new BsonTimestamp(1700000000, 42))
                .append("bin", new BsonBinary(new byte[] {0, 1, 2, (byte) 255}))
                .append("uuid", new BsonBinary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
                .append("userBin", new BsonBinary((byte) 0x80, new byte[] {9}))
                .append("regex", new BsonRegularExpression("^a.*b$", "im"))
                .append("minKey", new BsonMinKey())
                .append("maxKey", new BsonMaxKey())
                .append("undefined", new BsonUndefined())
                .append("null", BsonNull.VALUE)
                .append("bool", BsonBoolean.TRUE)
                .append("js", new BsonJavaScript("function() { return 1; }"))
                .append("symbol", new BsonSymbol("sym"))
                .append("nested", new BsonDocument("b", new BsonInt32(1)).append("a", new BsonArray(List.of(
                        new BsonInt32(1), new BsonArray(List.of(new BsonString("x"))), new BsonDocument("$dollar", new BsonInt32(1))))))
                .append("emptyDoc", new BsonDocument())
                .append("emptyArray", new BsonArray());
    }

    @Test
    void everyTypeRoundTripsExactly() {
        MongoCollection<RawBsonDocument> c = TuskTestServer.client().getDatabase("types_it")
                .getCollection("all", RawBsonDocument.class);
        c.drop();
        BsonDocument doc = everyType(1);
        RawBsonDocument written = new RawBsonDocument(doc, new org.bson.codecs.BsonDocumentCodec());
        c.insertOne(written);
        RawBsonDocument back = c.find(Filters.eq("_id", 1)).first();
        assertEquals(written.toJson(EXACT), back.toJson(EXACT));
        assertArrayEquals(bytes(written), bytes(back));
    }

    @Test
    void idsOfEveryAllowedTypeWork() {
        MongoCollection<BsonDocument> c = TuskTestServer.client().getDatabase("types_it")
                .getCollection("ids", BsonDocument.class);
        c.drop();
        List<org.bson.BsonValue> ids = List.of(new BsonInt32(1), new BsonString("1"), new BsonObjectId(),
                new BsonDocument("a", new BsonInt32(1)), new BsonDocument("a", new BsonInt32(1)).append("b", new BsonInt32(2)),
                new BsonDocument("b", new BsonInt32(2)).append("a", new BsonInt32(1)), new BsonDateTime(0),
                new BsonBinary(new byte[] {1}), BsonNull.VALUE, new BsonMinKey(), new BsonMaxKey(), BsonBoolean.FALSE,
                new BsonDecimal128(Decimal128.parse("2.5")), new BsonTimestamp(5, 6));
        for (org.bson.BsonValue id : ids) {
            c.insertOne(new BsonDocument("_id", id));
        }
        for (org.bson.BsonValue id : ids) {
            BsonDocument back = c.find(Filters.eq("_id", id)).first();
            assertEquals(new BsonDocument("_id", id).toJson(EXACT), back.toJson(EXACT));
        }
        assertEquals(ids.size(), c.countDocuments());
    }

    private static byte[] bytes(RawBsonDocument d) {
        java.nio.ByteBuffer b = d.getByteBuffer().asNIO();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
