package dev.tusk.exec;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * showRecordId's {@code $recordId}: Tusk has no MongoDB record ids, so it is the row's physical
 * position in PostgreSQL (its ctid {@code (block, offset)} as {@code block << 16 | offset}). Unique
 * among the rows of a collection at one moment; an update moves the row and so changes it.
 */
final class RecordIds {
    static final String FIELD = "$recordId";

    private RecordIds() {}

    /** A ctid as PostgreSQL prints it, {@code (block,offset)}, as one int64. */
    static long ofCtid(String ctid) {
        int comma = ctid.indexOf(',');
        long block = Long.parseLong(ctid.substring(1, comma));
        long offset = Long.parseLong(ctid.substring(comma + 1, ctid.length() - 1));
        return block << 16 | offset;
    }

    /** The result document with the row's record id as its last field, if the read asked for record ids. */
    static BsonDocument appendTo(BsonDocument result, Row row) {
        if (row.recordId().isEmpty()) {
            return result;
        }
        BsonDocument out = copy(result);
        out.append(FIELD, new BsonInt64(row.recordId().getAsLong()));
        return out;
    }

    /**
     * For documents that already carry their record id (read with it, then sorted in memory): the
     * projection applies to the document without it, and the record id stays the last field.
     */
    static UnaryOperator<BsonDocument> keptLast(UnaryOperator<BsonDocument> projection) {
        return d -> {
            BsonValue id = d.get(FIELD);
            if (id == null) {
                return projection.apply(d);
            }
            BsonDocument without = copy(d);
            without.remove(FIELD);
            BsonDocument out = copy(projection.apply(without));
            out.append(FIELD, id);
            return out;
        };
    }

    private static BsonDocument copy(BsonDocument d) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            out.append(e.getKey(), e.getValue());
        }
        return out;
    }
}
