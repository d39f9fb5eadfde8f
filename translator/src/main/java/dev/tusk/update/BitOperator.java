package dev.tusk.update;

import dev.tusk.bson.BsonText;
import dev.tusk.bson.FieldPath;
import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/** $bit: and / or / xor on an int32 or int64 field (a missing field counts as int32 0). */
final class BitOperator {
    private BitOperator() {}

    private enum Op { AND, OR, XOR }

    private record Step(Op op, BsonValue operand) {}

    record Bit(FieldPath path, List<Step> steps) implements FieldUpdate {
        @Override
        public void apply(BsonDocument doc, UpdateContext cx) {
            BsonValue current = DocumentPaths.get(doc, path).orElse(new BsonInt32(0));
            if (!current.isInt32() && !current.isInt64()) {
                throw ErrorCode.BAD_VALUE.error("Cannot apply $bit to a value of non-integral type." + cx.idText()
                        + " has the field " + path.last() + " of non-integer type " + BsonText.typeName(current));
            }
            BsonValue result = current;
            for (Step s : steps) {
                result = combine(result, s);
            }
            DocumentPaths.set(doc, path, result);
        }

        private static BsonValue combine(BsonValue a, Step s) {
            boolean wide = a.isInt64() || s.operand().isInt64();
            long x = a.asNumber().longValue();
            long y = s.operand().asNumber().longValue();
            long r = switch (s.op()) {
                case AND -> x & y;
                case OR -> x | y;
                case XOR -> x ^ y;
            };
            return wide ? new BsonInt64(r) : new BsonInt32((int) r);
        }
    }

    static FieldUpdate bit(FieldPath path, BsonValue arg) {
        if (!(arg instanceof BsonDocument d)) {
            throw ErrorCode.BAD_VALUE.error("The $bit modifier is not compatible with a " + BsonText.typeName(arg)
                    + ". You must pass in an embedded document: {$bit: {field: {and/or/xor: #}}");
        }
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            Optional<Op> op = switch (e.getKey()) {
                case "and" -> Optional.of(Op.AND);
                case "or" -> Optional.of(Op.OR);
                case "xor" -> Optional.of(Op.XOR);
                default -> Optional.empty();
            };
            if (op.isEmpty()) {
                throw ErrorCode.BAD_VALUE.error("The $bit modifier only supports 'and', 'or', and 'xor', not '" + e.getKey()
                        + "' which is an unknown operator: " + BsonText.value(d));
            }
            if (!e.getValue().isInt32() && !e.getValue().isInt64()) {
                throw ErrorCode.BAD_VALUE.error("The $bit modifier field must be an Integer(32/64 bit); a '"
                        + BsonText.typeName(e.getValue()) + "' is not supported here: " + BsonText.value(d));
            }
            steps.add(new Step(op.get(), e.getValue()));
        }
        if (steps.isEmpty()) {
            throw ErrorCode.BAD_VALUE.error("You must pass in at least one bitwise operation. The format is: "
                    + "{$bit: {field: {and/or/xor: #}}");
        }
        return new Bit(path, steps);
    }
}
