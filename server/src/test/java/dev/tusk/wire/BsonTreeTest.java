package dev.tusk.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDocumentWrapper;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** BsonTree reads and writes exactly what org.bson's BsonDocumentCodec does, for every BSON type. */
class BsonTreeTest {
    private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();

    @Test
    void randomDocumentsMatchTheCodecBothWays() {
        Random random = new Random(20261205);
        for (int n = 0; n < 3000; n++) {
            BsonDocument document = document(random, 0);
            byte[] byCodec = encodeByCodec(document);
            assertArrayEquals(byCodec, encode(document), document::toJson);
            BsonDocument decoded = decode(byCodec);
            assertEquals(CODEC.decode(new BsonBinaryReader(ByteBuffer.wrap(byCodec)), DecoderContext.builder().build()), decoded);
            assertEquals(document.toJson(), decoded.toJson(), "types and field order survive");
        }
    }

    @Test
    void rawDocumentsAreCopiedByteForByte() {
        RawBsonDocument raw = RawBsonDocument.parse("{b: 1, a: [1, {c: 'x'}], d: NumberDecimal('1.50')}");
        BsonDocument reply = new BsonDocument("cursor", new BsonDocument("firstBatch", new BsonArray(List.of(raw, raw))))
                .append("ok", new BsonDouble(1));
        assertArrayEquals(encodeByCodec(reply), encode(reply));
    }

    @Test
    void aWrappedDocumentIsWrittenByItsCodec() {
        BsonDocument wrapped = new BsonDocumentWrapper<>(new Document("x", 1), new DocumentCodec());
        BsonDocument reply = new BsonDocument("w", wrapped);
        assertEquals(new BsonDocument("w", new BsonDocument("x", new BsonInt32(1))), decode(encode(reply)));
    }

    @Test
    void aRepeatedNameKeepsItsFirstPositionAndLastValueAsTheCodecDoes() {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (BsonBinaryWriter w = new BsonBinaryWriter(out)) {
            w.writeStartDocument();
            w.writeInt32("a", 1);
            w.writeInt32("b", 2);
            w.writeInt32("a", 3);
            w.writeEndDocument();
        }
        byte[] bytes = out.toByteArray();
        BsonDocument decoded = decode(bytes);
        assertEquals(CODEC.decode(new BsonBinaryReader(ByteBuffer.wrap(bytes)), DecoderContext.builder().build()), decoded);
        assertEquals("{\"a\": 3, \"b\": 2}", decoded.toJson());
    }

    private static byte[] encode(BsonDocument document) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            BsonTree.writeDocument(writer, document);
        }
        return out.toByteArray();
    }

    private static byte[] encodeByCodec(BsonDocument document) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(out)) {
            CODEC.encode(writer, document, EncoderContext.builder().build());
        }
        return out.toByteArray();
    }

    private static BsonDocument decode(byte[] bytes) {
        try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
            return BsonTree.readDocument(reader);
        }
    }

    private static BsonDocument document(Random r, int depth) {
        BsonDocument document = new BsonDocument();
        int fields = r.nextInt(6);
        for (int i = 0; i < fields; i++) {
            document.put(List.of("a", "b", "_id", "é", "", "x.y").get(r.nextInt(6)) + i, value(r, depth + 1));
        }
        return document;
    }

    private static BsonValue value(Random r, int depth) {
        int kinds = depth < 4 ? 24 : 20;
        return switch (r.nextInt(kinds)) {
            case 0 -> new BsonDouble(List.of(0.0, -0.0, 1.5, Double.NaN, Double.NEGATIVE_INFINITY, r.nextDouble()).get(r.nextInt(6)));
            case 1 -> new BsonString(text(r));
            case 2 -> new BsonBinary((byte) List.of(0, 3, 4, 0x80).get(r.nextInt(4)).intValue(), bytes(r, r.nextInt(20)));
            case 3 -> new BsonUndefined();
            case 4 -> new BsonObjectId(new ObjectId(bytes(r, 12)));
            case 5 -> BsonBoolean.valueOf(r.nextBoolean());
            case 6 -> new BsonDateTime(r.nextLong());
            case 7 -> BsonNull.VALUE;
            case 8 -> new BsonRegularExpression(text(r).replace("\0", ""), List.of("", "i", "imsx").get(r.nextInt(3)));
            case 9 -> new BsonDbPointer("db.c", new ObjectId(bytes(r, 12)));
            case 10 -> new BsonJavaScript(text(r));
            case 11 -> new BsonSymbol(text(r));
            case 12 -> new BsonInt32(r.nextInt());
            case 13 -> new BsonTimestamp(r.nextLong());
            case 14 -> new BsonInt64(r.nextLong());
            case 15 -> new BsonDecimal128(List.of(Decimal128.parse("1.50"), Decimal128.NaN, Decimal128.NEGATIVE_ZERO,
                    Decimal128.parse("-1E+6144")).get(r.nextInt(4)));
            case 16 -> new BsonMinKey();
            case 17 -> new BsonMaxKey();
            case 18 -> new BsonInt32(r.nextInt(3));
            case 19 -> new BsonString("");
            case 20, 21 -> document(r, depth);
            case 22 -> {
                BsonArray array = new BsonArray();
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(value(r, depth + 1));
                }
                yield array;
            }
            default -> new BsonJavaScriptWithScope(text(r), document(r, depth));
        };
    }

    private static String text(Random r) {
        return List.of("", "a", "ü€😀", "with\0nul", "x".repeat(r.nextInt(50))).get(r.nextInt(5));
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
