package dev.tusk.dispatch;

import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * The RetryableWriteError label MongoDB puts on a retryable write's error (or writeConcernError)
 * when the code is one a retry may fix, unless the reply already carries labels of its own.
 */
final class RetryableErrors {
    private static final Set<Integer> RETRYABLE = Set.of(6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436);

    private RetryableErrors() {}

    static BsonDocument label(BsonDocument reply) {
        if (reply.containsKey("errorLabels")) {
            return reply;
        }
        if (retryable(reply.get("ok")) && retryableCode(reply) || reply.isDocument("writeConcernError")
                && retryableCode(reply.getDocument("writeConcernError"))) {
            reply.append("errorLabels", new BsonArray(java.util.List.of(new BsonString("RetryableWriteError"))));
        }
        return reply;
    }

    private static boolean retryable(BsonValue ok) {
        return ok != null && ok.isNumber() && ok.asNumber().doubleValue() == 0;
    }

    private static boolean retryableCode(BsonDocument d) {
        return d.isNumber("code") && RETRYABLE.contains(d.getNumber("code").intValue());
    }
}
