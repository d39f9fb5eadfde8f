package dev.tusk.error;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * The one exception type for a MongoDB error: a code, MongoDB's message, optional error labels and
 * extra reply fields (e.g. keyPattern/keyValue of a DuplicateKey, errInfo of a validation failure).
 */
public final class MongoServerException extends RuntimeException {
    private final ErrorCode code;
    private final List<String> labels;
    private final BsonDocument extra;

    public MongoServerException(ErrorCode code, String message) {
        this(code, message, List.of(), new BsonDocument(), null);
    }

    private MongoServerException(ErrorCode code, String message, List<String> labels, BsonDocument extra, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.labels = List.copyOf(labels);
        this.extra = extra;
    }

    public ErrorCode code() {
        return code;
    }

    public List<String> labels() {
        return labels;
    }

    /** Extra fields that go next to code/errmsg in the reply or write error. */
    public BsonDocument extra() {
        return extra.clone();
    }

    public MongoServerException withLabel(String label) {
        var all = new java.util.ArrayList<>(labels);
        all.add(label);
        return new MongoServerException(code, getMessage(), all, extra, getCause());
    }

    public MongoServerException withExtra(String field, org.bson.BsonValue value) {
        BsonDocument copy = extra.clone();
        copy.put(field, value);
        return new MongoServerException(code, getMessage(), labels, copy, getCause());
    }

    public MongoServerException withCause(Throwable cause) {
        return new MongoServerException(code, getMessage(), labels, extra, cause);
    }

    /** The command reply for this error: {ok: 0, errmsg, code, codeName, ...extra, errorLabels?}. */
    public BsonDocument toReply() {
        BsonDocument reply = new BsonDocument("ok", new org.bson.BsonDouble(0))
                .append("errmsg", new BsonString(getMessage() == null ? "" : getMessage()))
                .append("code", new BsonInt32(code.code()))
                .append("codeName", new BsonString(code.codeName()));
        extra.forEach(reply::append);
        if (!labels.isEmpty()) {
            BsonArray array = new BsonArray();
            labels.forEach(l -> array.add(new BsonString(l)));
            reply.append("errorLabels", array);
        }
        return reply;
    }
}
