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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/** $group: documents grouped by the `_id` expression (equal by BSON comparison), with accumulators. */
public record GroupStage(Expr id, Map<String, Accumulator> accumulators, Variables variables) implements Stage {

    static GroupStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.LOCATION_15947.error("a group's fields must be specified in an object");
        }
        BsonDocument d = spec.asDocument();
        if (!d.containsKey("_id")) {
            throw ErrorCode.LOCATION_15955.error("a group specification must include an _id");
        }
        Map<String, Accumulator> accumulators = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            if (e.getKey().equals("_id")) {
                continue;
            }
            if (e.getKey().contains(".")) {
                throw ErrorCode.LOCATION_40235.error("The field name '%s' cannot contain '.'", e.getKey());
            }
            accumulators.put(e.getKey(), Accumulator.parse(e.getKey(), e.getValue(), cx));
        }
        return new GroupStage(ExprParser.parse(d.get("_id"), cx), accumulators, cx.variables());
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        TreeMap<BsonValue, List<AccumulatorState>> groups = new TreeMap<>(BsonOrder.COMPARATOR);
        MemoryLimit limit = new MemoryLimit("$group");
        while (input.hasNext()) {
            BsonDocument doc = input.next();
            EvalContext cx = EvalContext.of(doc, variables);
            BsonValue key = ExprEvaluator.evaluate(id, cx).orElse(BsonNull.VALUE);
            List<AccumulatorState> states = groups.get(key);
            if (states == null) {
                // n of $firstN & co. may use the group key: it sees the _id document's fields
                BsonDocument idFields = key.isDocument() ? key.asDocument() : new BsonDocument();
                states = new ArrayList<>();
                for (Accumulator a : accumulators.values()) {
                    states.add(a.newState(idFields, variables, false));
                }
                groups.put(key, states);
                limit.add(new BsonDocument("_id", key));
            }
            int i = 0;
            for (Accumulator a : accumulators.values()) {
                AccumulatorState state = states.get(i++);
                long before = state.bytes();
                state.add(a.argument().evaluate(cx));
                limit.grow(state.bytes() - before); // $push, $addToSet and percentiles grow with their input
            }
        }
        List<BsonDocument> out = new ArrayList<>(groups.size());
        groups.forEach((key, states) -> {
            BsonDocument result = new BsonDocument("_id", key);
            int i = 0;
            for (String field : accumulators.keySet()) {
                result.append(field, states.get(i++).result());
            }
            out.add(result);
        });
        return out.iterator();
    }
}
