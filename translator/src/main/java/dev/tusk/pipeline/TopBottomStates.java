package dev.tusk.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * $top, $bottom, $topN and $bottomN. Each value is the evaluated {output, sortFields0, ...}
 * document; entries are kept in sortBy order, ties in arrival order. $top takes the first n,
 * $bottom the last n. In $group only n entries are kept (on a tie the one seen first stays).
 */
final class TopBottomStates {
    private TopBottomStates() {}

    private record Entry(BsonDocument keys, long seq) {}

    static final class TopBottomN implements AccumulatorState.Removable, AccumulatorState.MergedAsValues {
        private final long n;
        private final boolean bottom;
        private final boolean single;
        private final boolean window;
        private final Comparator<BsonDocument> order;
        private final TreeSet<Entry> entries;
        private long seq;

        TopBottomN(long n, boolean bottom, boolean single, boolean window, Comparator<BsonDocument> order) {
            this.n = n;
            this.bottom = bottom;
            this.single = single;
            this.window = window;
            this.order = order;
            this.entries = new TreeSet<>((a, b) -> {
                int c = order.compare(a.keys(), b.keys());
                return c != 0 ? c : Long.compare(a.seq(), b.seq());
            });
        }

        @Override
        public void add(BsonValue v) {
            BsonDocument keys = v.asDocument();
            if (!window && entries.size() >= n) {
                Entry edge = bottom ? entries.first() : entries.last();
                int c = bottom ? order.compare(keys, edge.keys()) : order.compare(edge.keys(), keys);
                if (c <= 0) {
                    return;
                }
                entries.remove(edge);
            }
            entries.add(new Entry(keys, seq++));
        }

        /** Removes the oldest entry whose sort keys equal v's. */
        @Override
        public void remove(BsonValue v) {
            Entry oldest = entries.ceiling(new Entry(v.asDocument(), Long.MIN_VALUE));
            if (oldest != null) {
                entries.remove(oldest);
            }
        }

        /** The entries kept, in sort order with ties in arrival order. */
        @Override
        public BsonValue partial() {
            return new BsonArray(entries.stream().<BsonValue>map(Entry::keys).toList());
        }

        @Override
        public BsonValue result() {
            List<BsonValue> outputs = new ArrayList<>();
            long skip = bottom ? Math.max(0, entries.size() - n) : 0;
            for (Entry e : entries) {
                if (skip > 0) {
                    skip--;
                } else if (outputs.size() < n) {
                    outputs.add(e.keys().get("output", BsonNull.VALUE));
                }
            }
            if (single) {
                return outputs.isEmpty() ? BsonNull.VALUE : outputs.get(0);
            }
            return new BsonArray(outputs);
        }
    }
}
