package dev.tusk.query;

import dev.tusk.query.FilterNode.And;
import dev.tusk.query.FilterNode.Collated;
import dev.tusk.query.FilterNode.Compare;
import dev.tusk.query.FilterNode.ElemMatchObject;
import dev.tusk.query.FilterNode.ElemMatchValue;
import dev.tusk.query.FilterNode.In;
import dev.tusk.query.FilterNode.Nor;
import dev.tusk.query.FilterNode.Not;
import dev.tusk.query.FilterNode.Or;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonValue;

/**
 * A parsed filter under a collation: every $eq/$gt/.../$in whose value holds a string becomes
 * {@link Collated}; comparisons of other values are unaffected by collation and stay as they are
 * (exact in SQL, served by indexes). $regex ignores collation, as in MongoDB.
 */
public final class CollatedFilter {
    private CollatedFilter() {}

    public static FilterNode of(FilterNode filter, Collation collation) {
        return collation.isSimple() ? filter : collate(filter, collation);
    }

    private static FilterNode collate(FilterNode node, Collation collation) {
        return switch (node) {
            case And a -> new And(all(a.children(), collation));
            case Or o -> new Or(all(o.children(), collation));
            case Nor n -> new Nor(all(n.children(), collation));
            case Not n -> new Not(collate(n.child(), collation));
            case ElemMatchObject m -> new ElemMatchObject(m.path(), collate(m.query(), collation));
            case ElemMatchValue m -> new ElemMatchValue(m.path(), all(m.conditions(), collation));
            case Compare c -> holdsString(c.value()) ? new Collated(c, collation) : c;
            case In in -> in.values().stream().anyMatch(CollatedFilter::holdsString) ? new Collated(in, collation) : in;
            default -> node;
        };
    }

    private static List<FilterNode> all(List<FilterNode> nodes, Collation collation) {
        return nodes.stream().map(n -> collate(n, collation)).toList();
    }

    private static boolean holdsString(BsonValue v) {
        return switch (v) {
            case BsonString s -> true;
            case BsonSymbol s -> true;
            case BsonDocument d -> d.values().stream().anyMatch(CollatedFilter::holdsString);
            case BsonArray a -> a.stream().anyMatch(CollatedFilter::holdsString);
            case BsonJavaScriptWithScope c -> holdsString(c.getScope());
            default -> false;
        };
    }
}
