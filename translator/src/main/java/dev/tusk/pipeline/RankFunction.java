package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.expr.Expr;
import dev.tusk.query.SortSpec;
import java.util.Comparator;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonValue;

/**
 * $rank (ties share a rank, the next rank skips), $denseRank (no gaps) and $documentNumber (the
 * position) of each document in its partition, by the single sortBy field. Null and missing tie;
 * arrays tie when their sort keys do.
 */
record RankFunction(Kind kind, Expr sortField, boolean ascending) implements WindowFunction {
    enum Kind { RANK, DENSE_RANK, DOCUMENT_NUMBER }

    @Override
    public Cursor open(WindowPartition partition) {
        BsonValue[] values = partition.values(sortField);
        Comparator<BsonDocument> sortKeys = SortSpec.parse(new BsonDocument("k", new BsonInt32(ascending ? 1 : -1))).comparator();
        return new Cursor() {
            private long rank;
            private long sameRank = 1;

            @Override
            public BsonValue valueAt(int i) {
                boolean tie = i > 0 && same(values[i - 1], values[i], sortKeys);
                switch (kind) {
                    case RANK -> {
                        if (tie) {
                            sameRank++;
                        } else {
                            rank += sameRank;
                            sameRank = 1;
                        }
                    }
                    case DENSE_RANK -> rank += tie ? 0 : 1;
                    case DOCUMENT_NUMBER -> rank = i + 1;
                }
                return rank == (int) rank ? new BsonInt32((int) rank) : new BsonInt64(rank);
            }
        };
    }

    private static boolean same(BsonValue a, BsonValue b, Comparator<BsonDocument> sortKeys) {
        if (OrderStates.nullish(a) && OrderStates.nullish(b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a.isArray() || b.isArray()) {
            return sortKeys.compare(new BsonDocument("k", a), new BsonDocument("k", b)) == 0;
        }
        return BsonOrder.compare(a, b) == 0;
    }
}
