package dev.tusk.pipeline;

import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.Variables;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** The documents of one $setWindowFields partition, in sortBy order, with each expression evaluated once per document. */
final class WindowPartition {
    private final List<BsonDocument> documents;
    private final Variables variables;
    private final Map<Expr, BsonValue[]> evaluated = new IdentityHashMap<>();

    WindowPartition(List<BsonDocument> documents, Variables variables) {
        this.documents = documents;
        this.variables = variables;
    }

    int size() {
        return documents.size();
    }

    Variables variables() {
        return variables;
    }

    /** e over every document (Java null for missing), computed on first use. */
    BsonValue[] values(Expr e) {
        return evaluated.computeIfAbsent(e, expr -> {
            BsonValue[] out = new BsonValue[documents.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = expr.evaluate(EvalContext.of(documents.get(i), variables));
            }
            return out;
        });
    }
}
