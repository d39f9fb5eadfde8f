package dev.tusk.bson;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Top-level field lookup in stored BSON bytes. {@link RawBsonDocument#get} decodes every field name
 * it walks past into a String; this compares names as bytes and skips values by their sizes, then
 * decodes common scalars itself (others go back to the driver's decoder). Same answer, first match wins.
 */
public final class RawFields {
    private RawFields() {}

    /** The value of top-level field {@code name}, or null if absent. */
    public static BsonValue get(RawBsonDocument doc, String name) {
        ByteBuffer buf = doc.getByteBuffer().asNIO().order(ByteOrder.LITTLE_ENDIAN);
        int base = buf.position();
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        int end = base + buf.getInt(base) - 1;
        int pos = base + 4;
        while (pos < end) {
            byte type = buf.get(pos);
            int nameStart = pos + 1;
            int nameEnd = nameStart;
            while (buf.get(nameEnd) != 0) {
                nameEnd++;
            }
            int value = nameEnd + 1;
            if (nameEnd - nameStart == wanted.length && sameBytes(buf, nameStart, wanted)) {
                return decode(doc, name, buf, type, value);
            }
            pos = value + size(buf, type, value);
        }
        return null;
    }

    private static boolean sameBytes(ByteBuffer buf, int at, byte[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            if (buf.get(at + i) != wanted[i]) {
                return false;
            }
        }
        return true;
    }

    private static BsonValue decode(RawBsonDocument doc, String name, ByteBuffer buf, byte type, int at) {
        return switch (type) {
            case 0x01 -> new BsonDouble(buf.getDouble(at));
            case 0x02 -> {
                int length = buf.getInt(at);
                byte[] utf8 = new byte[length - 1];
                buf.get(at + 4, utf8);
                yield new BsonString(new String(utf8, StandardCharsets.UTF_8));
            }
            case 0x08 -> BsonBoolean.valueOf(buf.get(at) != 0);
            case 0x09 -> new BsonDateTime(buf.getLong(at));
            case 0x0A -> BsonNull.VALUE;
            case 0x10 -> new BsonInt32(buf.getInt(at));
            case 0x12 -> new BsonInt64(buf.getLong(at));
            default -> doc.get(name);
        };
    }

    /** Bytes of a value of this BSON type starting at {@code at}. */
    private static int size(ByteBuffer buf, byte type, int at) {
        return switch (type) {
            case 0x01, 0x09, 0x11, 0x12 -> 8;
            case 0x02, 0x0D, 0x0E -> 4 + buf.getInt(at);
            case 0x03, 0x04, 0x0F -> buf.getInt(at);
            case 0x05 -> 5 + buf.getInt(at);
            case 0x06, 0x0A, (byte) 0xFF, 0x7F -> 0;
            case 0x07 -> 12;
            case 0x08 -> 1;
            case 0x0B -> {
                int p = at;
                while (buf.get(p) != 0) {
                    p++;
                }
                p++;
                while (buf.get(p) != 0) {
                    p++;
                }
                yield p + 1 - at;
            }
            case 0x0C -> 4 + buf.getInt(at) + 12;
            case 0x10 -> 4;
            case 0x13 -> 16;
            default -> throw new org.bson.BsonSerializationException("unknown BSON type " + type);
        };
    }
}
