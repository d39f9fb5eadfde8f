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

/**
 * $group: documents grouped by the `_id` expression (equal by BSON comparison), with accumulators.
 * Past its memory budget (100 MiB) it writes the groups' partial states to disk and merges them at
 * the end ({@link GroupSpill}), as MongoDB 7.0 does; with allowDiskUse: false that is 292 instead.
 */
public record GroupStage(Expr id, Map<String, Accumulator> accumulators, Variables variables, boolean allowDiskUse,
        long memoryBudget) implements Stage {

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
        return new GroupStage(ExprParser.parse(d.get("_id"), cx), accumulators, cx.variables(), cx.allowDiskUse(),
                MemoryLimit.BYTES);
    }

    /** The same stage within another budget (tests force spills with a small one). */
    GroupStage withMemoryBudget(long bytes) {
        return new GroupStage(id, accumulators, variables, allowDiskUse, bytes);
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        TreeMap<BsonValue, List<AccumulatorState.Mergeable>> groups = new TreeMap<>(BsonOrder.COMPARATOR);
        GroupSpill spill = new GroupSpill();
        try {
            long used = 0;
            while (input.hasNext()) {
                BsonDocument doc = input.next();
                EvalContext cx = EvalContext.of(doc, variables);
                BsonValue key = ExprEvaluator.evaluate(id, cx).orElse(BsonNull.VALUE);
                List<AccumulatorState.Mergeable> states = groups.get(key);
                if (states == null) {
                    states = newStates(key);
                    groups.put(key, states);
                    used += MemoryLimit.sizeOf(new BsonDocument("_id", key));
                }
                int i = 0;
                for (Accumulator a : accumulators.values()) {
                    AccumulatorState state = states.get(i++);
                    long before = state.bytes();
                    state.add(a.argument().evaluate(cx));
                    used += state.bytes() - before; // $push, $addToSet and percentiles grow with their input
                }
                if (used > memoryBudget) {
                    if (!allowDiskUse) {
                        throw MemoryLimit.exceeded("$group");
                    }
                    spill.write(groups);
                    groups.clear();
                    used = 0;
                }
            }
            if (spill.isEmpty()) {
                List<BsonDocument> out = new ArrayList<>(groups.size());
                groups.forEach((key, states) -> out.add(result(key, states)));
                return out.iterator();
            }
            spill.write(groups);
            groups.clear();
            return spill.merged(this::newStates, this::result);
        } catch (RuntimeException e) {
            spill.close();
            throw e;
        }
    }

    /** A group's fresh states; n of $firstN & co. may use the group key: it sees the _id document's fields. */
    private List<AccumulatorState.Mergeable> newStates(BsonValue key) {
        BsonDocument idFields = key.isDocument() ? key.asDocument() : new BsonDocument();
        List<AccumulatorState.Mergeable> states = new ArrayList<>(accumulators.size());
        for (Accumulator a : accumulators.values()) {
            // every accumulator's $group state (removable: false) is mergeable; only window states are not
            states.add((AccumulatorState.Mergeable) a.newState(idFields, variables, false));
        }
        return states;
    }

    private BsonDocument result(BsonValue key, List<AccumulatorState.Mergeable> states) {
        BsonDocument result = new BsonDocument("_id", key);
        int i = 0;
        for (String field : accumulators.keySet()) {
            result.append(field, states.get(i++).result());
        }
        return result;
    }
}
