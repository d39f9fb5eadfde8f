package dev.tusk.wire;

import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonReader;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonType;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonValueCodecProvider;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * BsonDocument trees read from and written to BSON by one switch over the type, with the same
 * results as org.bson's BsonDocumentCodec: the codec looks a codec up in its registry for every
 * value, which was a third of the time spent decoding commands and encoding replies.
 * RawBsonDocument values are copied byte for byte.
 */
final class BsonTree {
    private static final CodecRegistry REGISTRY = CodecRegistries.fromProviders(new BsonValueCodecProvider());

    private BsonTree() {}

    static BsonDocument readDocument(BsonReader reader) {
        BsonDocument document = new BsonDocument();
        reader.readStartDocument();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            String name = reader.readName();
            document.put(name, readValue(reader));
        }
        reader.readEndDocument();
        return document;
    }

    private static BsonArray readArray(BsonReader reader) {
        BsonArray array = new BsonArray();
        reader.readStartArray();
        while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
            array.add(readValue(reader));
        }
        reader.readEndArray();
        return array;
    }

    private static BsonValue readValue(BsonReader reader) {
        return switch (reader.getCurrentBsonType()) {
            case DOUBLE -> new BsonDouble(reader.readDouble());
            case STRING -> new BsonString(reader.readString());
            case DOCUMENT -> readDocument(reader);
            case ARRAY -> readArray(reader);
            case BINARY -> reader.readBinaryData();
            case UNDEFINED -> {
                reader.readUndefined();
                yield new BsonUndefined();
            }
            case OBJECT_ID -> new BsonObjectId(reader.readObjectId());
            case BOOLEAN -> BsonBoolean.valueOf(reader.readBoolean());
            case DATE_TIME -> new BsonDateTime(reader.readDateTime());
            case NULL -> {
                reader.readNull();
                yield BsonNull.VALUE;
            }
            case REGULAR_EXPRESSION -> reader.readRegularExpression();
            case DB_POINTER -> reader.readDBPointer();
            case JAVASCRIPT -> new BsonJavaScript(reader.readJavaScript());
            case SYMBOL -> new BsonSymbol(reader.readSymbol());
            case JAVASCRIPT_WITH_SCOPE -> {
                String code = reader.readJavaScriptWithScope();
                yield new BsonJavaScriptWithScope(code, readDocument(reader));
            }
            case INT32 -> new BsonInt32(reader.readInt32());
            case TIMESTAMP -> reader.readTimestamp();
            case INT64 -> new BsonInt64(reader.readInt64());
            case DECIMAL128 -> new BsonDecimal128(reader.readDecimal128());
            case MIN_KEY -> {
                reader.readMinKey();
                yield new BsonMinKey();
            }
            case MAX_KEY -> {
                reader.readMaxKey();
                yield new BsonMaxKey();
            }
            case END_OF_DOCUMENT -> throw new IllegalStateException("no value at the end of a document");
        };
    }

    static void writeDocument(BsonWriter writer, BsonDocument document) {
        if (document instanceof RawBsonDocument raw) {
            try (BsonBinaryReader reader = new BsonBinaryReader(raw.getByteBuffer().asNIO())) {
                writer.pipe(reader);
            }
            return;
        }
        if (document.getClass() != BsonDocument.class) {
            writeByCodec(writer, document); // e.g. a BsonDocumentWrapper: its codec knows how to unwrap it
            return;
        }
        writer.writeStartDocument();
        for (Map.Entry<String, BsonValue> field : document.entrySet()) {
            writer.writeName(field.getKey());
            writeValue(writer, field.getValue());
        }
        writer.writeEndDocument();
    }

    @SuppressWarnings("unchecked")
    private static void writeByCodec(BsonWriter writer, BsonDocument document) {
        Codec<BsonDocument> codec = (Codec<BsonDocument>) REGISTRY.get(document.getClass());
        codec.encode(writer, document, EncoderContext.builder().build());
    }

    private static void writeValue(BsonWriter writer, BsonValue value) {
        switch (value.getBsonType()) {
            case DOUBLE -> writer.writeDouble(value.asDouble().getValue());
            case STRING -> writer.writeString(value.asString().getValue());
            case DOCUMENT -> writeDocument(writer, value.asDocument());
            case ARRAY -> {
                writer.writeStartArray();
                for (BsonValue element : value.asArray()) {
                    writeValue(writer, element);
                }
                writer.writeEndArray();
            }
            case BINARY -> writer.writeBinaryData(value.asBinary());
            case UNDEFINED -> writer.writeUndefined();
            case OBJECT_ID -> writer.writeObjectId(value.asObjectId().getValue());
            case BOOLEAN -> writer.writeBoolean(value.asBoolean().getValue());
            case DATE_TIME -> writer.writeDateTime(value.asDateTime().getValue());
            case NULL -> writer.writeNull();
            case REGULAR_EXPRESSION -> writer.writeRegularExpression(value.asRegularExpression());
            case DB_POINTER -> writer.writeDBPointer(value.asDBPointer());
            case JAVASCRIPT -> writer.writeJavaScript(value.asJavaScript().getCode());
            case SYMBOL -> writer.writeSymbol(value.asSymbol().getSymbol());
            case JAVASCRIPT_WITH_SCOPE -> {
                writer.writeJavaScriptWithScope(value.asJavaScriptWithScope().getCode());
                writeDocument(writer, value.asJavaScriptWithScope().getScope());
            }
            case INT32 -> writer.writeInt32(value.asInt32().getValue());
            case TIMESTAMP -> writer.writeTimestamp(value.asTimestamp());
            case INT64 -> writer.writeInt64(value.asInt64().getValue());
            case DECIMAL128 -> writer.writeDecimal128(value.asDecimal128().getValue());
            case MIN_KEY -> writer.writeMinKey();
            case MAX_KEY -> writer.writeMaxKey();
            case END_OF_DOCUMENT -> throw new IllegalArgumentException("END_OF_DOCUMENT is not a value");
        }
    }
}
