package dev.tusk.command;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** The arrayFilters field of update statements and findAndModify: an array of documents. */
final class ArrayFilterArgs {
    private ArrayFilterArgs() {}

    static List<BsonDocument> parse(BsonValue v, String context) {
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s.arrayFilters' is the wrong type '%s', expected type 'array'",
                    context, BsonText.typeName(v));
        }
        List<BsonDocument> out = new ArrayList<>();
        for (BsonValue f : v.asArray()) {
            if (!f.isDocument()) {
                throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s.arrayFilters' is the wrong type '%s', expected type 'object'",
                        context, BsonText.typeName(f));
            }
            out.add(f.asDocument());
        }
        return out;
    }
}
