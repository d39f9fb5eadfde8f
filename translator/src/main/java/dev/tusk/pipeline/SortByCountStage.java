package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.EvalContext;
import dev.tusk.expr.Expr;
import dev.tusk.expr.ExprEvaluator;
import dev.tusk.expr.ExprParser;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** $sortByCount expr: {$group: {_id: expr, count: {$sum: 1}}} then {$sort: {count: -1}}. */
public record SortByCountStage(Expr key, Variables variables) implements Stage {
    static SortByCountStage parse(BsonValue spec, ParseContext cx) {
        if (spec.isString()) {
            if (!spec.asString().getValue().startsWith("$")) {
                throw ErrorCode.LOCATION_40148.error("the sortByCount field must be defined as a $-prefixed path or an expression");
            }
        } else if (spec.isDocument()) {
            BsonDocument d = spec.asDocument();
            if (d.size() != 1 || !d.getFirstKey().startsWith("$")) {
                throw ErrorCode.LOCATION_40147.error("the sortByCount field must be defined as a $-prefixed path or an expression");
            }
        } else {
            throw ErrorCode.LOCATION_40149.error("the sortByCount field must be specified as a string or as an object");
        }
        return new SortByCountStage(ExprParser.parse(spec, cx), cx.variables());
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        TreeMap<BsonValue, long[]> counts = new TreeMap<>(BsonOrder.COMPARATOR);
        MemoryLimit limit = new MemoryLimit("$sortByCount");
        while (input.hasNext()) {
            BsonDocument doc = input.next();
            BsonValue k = ExprEvaluator.evaluate(key, EvalContext.of(doc, variables)).orElse(BsonNull.VALUE);
            long[] n = counts.get(k);
            if (n == null) {
                n = new long[1];
                counts.put(k, n);
                limit.add(new BsonDocument("_id", k));
            }
            n[0]++;
        }
        List<Map.Entry<BsonValue, long[]>> groups = new ArrayList<>(counts.entrySet());
        groups.sort(Comparator.comparingLong((Map.Entry<BsonValue, long[]> e) -> e.getValue()[0]).reversed());
        List<BsonDocument> out = new ArrayList<>(groups.size());
        for (Map.Entry<BsonValue, long[]> e : groups) {
            long n = e.getValue()[0];
            out.add(new BsonDocument("_id", e.getKey()).append("count", n <= Integer.MAX_VALUE ? new BsonInt32((int) n) : new BsonInt64(n)));
        }
        return out.iterator();
    }
}
