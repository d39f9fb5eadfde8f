package dev.tusk.expr;

import dev.tusk.error.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * The variables of one command: {@code $$NOW} (one instant for the whole command, as in MongoDB),
 * {@code $$CLUSTER_TIME} and the constants of the command's {@code let} document.
 */
public record Variables(BsonDateTime now, Map<String, BsonValue> user) {
    public Variables {
        user = Collections.unmodifiableMap(new LinkedHashMap<>(user));
    }

    /** No user variables; $$NOW is the current time. */
    public static Variables defaults() {
        return new Variables(new BsonDateTime(System.currentTimeMillis()), Map.of());
    }

    /**
     * The command's {@code let}: each value is an expression evaluated once, against an empty
     * document, in order (a later variable may use an earlier one).
     */
    public static Variables withLet(BsonDocument let) {
        Variables vars = defaults();
        Map<String, BsonValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> e : let.entrySet()) {
            ExprParser.validateVariableName(e.getKey());
            Variables sofar = new Variables(vars.now, values);
            Expr expr = ExprParser.parse(e.getValue(), ParseContext.of(sofar));
            BsonValue v = expr.evaluate(EvalContext.of(new BsonDocument(), sofar));
            if (v == null) {
                throw ErrorCode.BAD_VALUE.error("variable '%s' evaluated to missing", e.getKey());
            }
            values.put(e.getKey(), v);
        }
        return new Variables(vars.now, values);
    }

    BsonTimestamp clusterTime() {
        return new BsonTimestamp((int) (now.getValue() / 1000), 1);
    }
}
