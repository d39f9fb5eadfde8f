package dev.tusk.exec;

import dev.tusk.query.SortSpec;
import java.util.List;
import java.util.Optional;

/**
 * An index whose order is a sort's order: its leading fields (or the fields after those the filter's
 * equalities fix) are the sort's fields with all the same directions (scanned forward) or all the
 * opposite ones (scanned backward). Only indexes with
 * exactly one key per document qualify (not multikey, not sparse), since then the index key is the
 * document's sort key; a partial one when the filter implies its filter (the documents it leaves out
 * do not match).
 */
public record IndexOrder(SecondaryIndex index, boolean reverse) {

    public static Optional<IndexOrder> find(SortSpec sort, dev.tusk.query.FilterNode filter, List<SecondaryIndex> indexes) {
        for (SecondaryIndex index : indexes) {
            var info = index.info();
            if (info.multikey() || info.sparse() || info.hidden() || !info.ready() || !index.keys().holdsAllMatches(filter)) {
                continue;
            }
            Optional<Boolean> reverse = match(sort, index, 0);
            int fixed = dev.tusk.index.IndexBounds.equalityPrefix(filter, index.keys());
            if (reverse.isEmpty() && fixed > 0) { // {a: 1, b: -1} orders {a: 'x'} by b
                reverse = match(sort, index, fixed);
            }
            if (reverse.isPresent()) {
                return Optional.of(new IndexOrder(index, reverse.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Empty if the index cannot give this order from its field {@code start} on (the fields before it
     * fixed by equalities); else whether to scan it backward.
     */
    private static Optional<Boolean> match(SortSpec sort, SecondaryIndex index, int start) {
        List<SortSpec.Key> keys = sort.keys();
        if (keys.isEmpty() || start + keys.size() > index.keys().paths().size()) {
            return Optional.empty();
        }
        Boolean reverse = null;
        for (int i = 0; i < keys.size(); i++) {
            int field = start + i;
            if (!keys.get(i).path().equals(index.keys().paths().get(field)) || !index.keys().ordered(field)) {
                return Optional.empty();
            }
            boolean sameDirection = keys.get(i).ascending() != index.keys().descending(field);
            if (reverse == null) {
                reverse = !sameDirection;
            } else if (reverse == sameDirection) {
                return Optional.empty();
            }
        }
        return Optional.of(reverse);
    }
}
