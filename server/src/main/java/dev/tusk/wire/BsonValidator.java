package dev.tusk.wire;

import java.nio.ByteBuffer;
import org.bson.AbstractBsonReader.State;
import org.bson.BsonBinaryReader;
import org.bson.BsonType;

/**
 * Checks that bytes are exactly one well-formed BSON document: every length field consistent,
 * every type byte known, booleans 0/1, strings terminated, nesting at most
 * {@link WireLimits#MAX_BSON_DEPTH}. Iterative, so hostile nesting cannot overflow the stack.
 */
final class BsonValidator {
    private BsonValidator() {}

    /** @throws RuntimeException (org.bson's or ours) describing the first problem */
    static void validate(ByteBuffer document) {
        boolean[] isArray = new boolean[WireLimits.MAX_BSON_DEPTH + 1];
        try (BsonBinaryReader reader = new BsonBinaryReader(document)) {
            reader.readStartDocument();
            int depth = 1;
            while (depth > 0) {
                BsonType type = reader.readBsonType();
                if (type == BsonType.END_OF_DOCUMENT) {
                    if (isArray[depth]) {
                        reader.readEndArray();
                    } else {
                        reader.readEndDocument();
                    }
                    depth--;
                    continue;
                }
                if (reader.getState() == State.NAME) {
                    reader.readName();
                }
                boolean nested = type == BsonType.DOCUMENT || type == BsonType.ARRAY
                        || type == BsonType.JAVASCRIPT_WITH_SCOPE;
                if (nested && depth == WireLimits.MAX_BSON_DEPTH) {
                    throw new BsonTooDeepException();
                }
                switch (type) {
                    case DOCUMENT -> {
                        reader.readStartDocument();
                        isArray[++depth] = false;
                    }
                    case ARRAY -> {
                        reader.readStartArray();
                        isArray[++depth] = true;
                    }
                    case JAVASCRIPT_WITH_SCOPE -> {
                        reader.readJavaScriptWithScope();
                        reader.readStartDocument();
                        isArray[++depth] = false;
                    }
                    case END_OF_DOCUMENT -> throw new IllegalStateException("handled above");
                    case DOUBLE -> reader.readDouble();
                    case STRING -> reader.readString();
                    case BINARY -> reader.readBinaryData();
                    case UNDEFINED -> reader.readUndefined();
                    case OBJECT_ID -> reader.readObjectId();
                    case BOOLEAN -> reader.readBoolean();
                    case DATE_TIME -> reader.readDateTime();
                    case NULL -> reader.readNull();
                    case REGULAR_EXPRESSION -> reader.readRegularExpression();
                    case DB_POINTER -> reader.readDBPointer();
                    case JAVASCRIPT -> reader.readJavaScript();
                    case SYMBOL -> reader.readSymbol();
                    case INT32 -> reader.readInt32();
                    case TIMESTAMP -> reader.readTimestamp();
                    case INT64 -> reader.readInt64();
                    case DECIMAL128 -> reader.readDecimal128();
                    case MIN_KEY -> reader.readMinKey();
                    case MAX_KEY -> reader.readMaxKey();
                }
            }
        }
        if (document.hasRemaining()) {
            throw new MalformedMessageException("bytes after the end of a BSON document");
        }
    }
}
