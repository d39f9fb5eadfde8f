package dev.tusk.pipeline;

import dev.tusk.expr.Expr;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * A pipeline whose stages after its leading $match only count the matches: {@code [$skip] [$limit]}
 * then {@code $count} or a {@code $group} on a constant key whose one output is {@code {$sum: 1}} — what
 * drivers send for countDocuments. Such a pipeline is one {@code SELECT count(*)}; this says how the
 * count becomes the pipeline's one document (none when nothing matched, as the stages would give).
 */
public record CountingTail(long skip, long limit, String field, Optional<BsonValue> groupKey) {

    /** The pipeline's result for {@code matched} documents that meet its $match. */
    public List<BsonDocument> result(long matched) {
        long n = Math.max(0, matched - skip);
        if (limit > 0) {
            n = Math.min(n, limit);
        }
        if (n == 0) {
            return List.of();
        }
        BsonValue count = n <= Integer.MAX_VALUE ? new BsonInt32((int) n) : new BsonInt64(n);
        BsonDocument out = new BsonDocument();
        groupKey.ifPresent(k -> out.append("_id", k));
        return List.of(out.append(field, count));
    }

    /** The counting tail of these stages (the pipeline after its $match), if that is all they do. */
    static Optional<CountingTail> of(List<Stage> stages) {
        int i = 0;
        long skip = 0;
        long limit = 0;
        if (i < stages.size() && stages.get(i) instanceof SkipStage s) {
            skip = s.n();
            i++;
        }
        if (i < stages.size() && stages.get(i) instanceof LimitStage l) {
            limit = l.n();
            i++;
        }
        if (i != stages.size() - 1) {
            return Optional.empty();
        }
        final long skipped = skip;
        final long limited = limit;
        return switch (stages.get(i)) {
            case CountStage c -> Optional.of(new CountingTail(skipped, limited, c.field(), Optional.empty()));
            case GroupStage g when g.id() instanceof Expr.Constant key && g.accumulators().size() == 1 -> {
                Map.Entry<String, Accumulator> only = g.accumulators().entrySet().iterator().next();
                Accumulator a = only.getValue();
                boolean sumOfOnes = a.operator().equals("$sum") && a.argument() instanceof Expr.Constant one
                        && one.value().isInt32() && one.value().asInt32().getValue() == 1;
                yield sumOfOnes ? Optional.of(new CountingTail(skipped, limited, only.getKey(), Optional.of(key.value())))
                        : Optional.empty();
            }
            default -> Optional.empty();
        };
    }
}
