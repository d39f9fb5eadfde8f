package dev.tusk.update;

import dev.tusk.bson.FieldPath;
import dev.tusk.storage.QueryForm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * An update that PostgreSQL applies to a stored row by itself ({@code tusk_catalog.patch_fields},
 * migration V6), so an update by {@code _id} is one statement: {@code $set}, {@code $unset} and
 * {@code $inc} by an int32 or int64, of fields outside {@code _id}, top-level or inside embedded
 * documents ({@code $setOnInsert} does nothing to an existing document). The arrays are the function's
 * arguments, one entry per operation in the update's own order. Where MongoDB's rules need more (a
 * missing parent to create, an array on the path, an {@code $inc} of a double, an overflow, a type
 * error) the function declines and the update runs in Java.
 */
public final class FieldPatch {
    static final int SET = 1;
    static final int UNSET = 2;
    static final int INC = 3;

    private final Set<String> fields;
    private final byte[][] paths;
    private final Integer[] kinds;
    private final byte[][] elements;
    private final String[] json;

    private FieldPatch(List<Op> ops) {
        this.fields = new LinkedHashSet<>();
        int n = ops.size();
        paths = new byte[n][];
        kinds = new Integer[n];
        elements = new byte[n][];
        json = new String[n];
        for (int i = 0; i < n; i++) {
            Op op = ops.get(i);
            fields.add(op.path().get(0));
            paths[i] = terminated(op.path());
            kinds[i] = op.kind();
            elements[i] = op.value() == null ? null : element(op.path().last(), op.value());
            json[i] = op.value() == null ? null : QueryForm.valueToJson(op.value());
        }
    }

    private record Op(int kind, FieldPath path, BsonValue value) {}

    /** The patch for these parsed updates, if every one of them is a $set, $unset or integer $inc outside _id. */
    static Optional<FieldPatch> of(List<FieldUpdate> updates) {
        List<Op> ops = new ArrayList<>();
        for (FieldUpdate u : updates) {
            if (u.path().get(0).equals("_id")) {
                return Optional.empty();
            }
            FieldPath name = u.path();
            switch (u) {
                case FieldOperators.SetField set -> {
                    if (!set.onInsertOnly()) {
                        ops.add(new Op(SET, name, set.value()));
                    }
                }
                case FieldOperators.UnsetField unset -> ops.add(new Op(UNSET, name, null));
                case ArithmeticOperators.Arithmetic inc when !inc.multiply()
                        && (inc.operand().isInt32() || inc.operand().isInt64()) -> ops.add(new Op(INC, name, inc.operand()));
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new FieldPatch(ops));
    }

    /** Each component's UTF-8 bytes followed by 0x00 (update paths never hold a `$`-prefixed name, so q spells them alike). */
    private static byte[] terminated(FieldPath path) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String part : path.parts()) {
            out.writeBytes(part.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** The element {@code name: value} as BSON: type byte, name, terminator, value. */
    private static byte[] element(String name, BsonValue value) {
        ByteBuffer doc = new RawBsonDocument(new BsonDocument(name, value), new BsonDocumentCodec()).getByteBuffer().asNIO();
        byte[] out = new byte[doc.remaining() - 5];
        doc.position(doc.position() + 4);
        doc.get(out);
        return out;
    }

    /** The top-level fields it writes (or writes inside). */
    public Set<String> fields() {
        return fields;
    }

    /** Each operation's path: every component's UTF-8 bytes and a 0x00 terminator. */
    public byte[][] paths() {
        return paths;
    }

    /** Each operation: 1 $set, 2 $unset, 3 $inc. */
    public Integer[] kinds() {
        return kinds;
    }

    /** Each operation's element ($set: the new one; $inc: the operand under the field's name); null for $unset. */
    public byte[][] elements() {
        return elements;
    }

    /** Each element's value in the query form (JSON); null for $unset. */
    public String[] json() {
        return json;
    }
}
