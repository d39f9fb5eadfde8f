package dev.tusk.query;

import dev.tusk.bson.FieldPath;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.BsonValue;

/**
 * A parsed query filter. Leaf nodes carry the path they test; an empty path (inside
 * {@code $elemMatch} on values) means "the array element itself". {@code $ne}, {@code $nin},
 * {@code $exists: false} and {@code $not} are {@link Not} over the positive node, as in MongoDB.
 */
public sealed interface FilterNode {

    record And(List<FilterNode> children) implements FilterNode {
        public And {
            children = List.copyOf(children);
        }
    }

    record Or(List<FilterNode> children) implements FilterNode {
        public Or {
            children = List.copyOf(children);
        }
    }

    /** Matches when no child matches. */
    record Nor(List<FilterNode> children) implements FilterNode {
        public Nor {
            children = List.copyOf(children);
        }
    }

    record Not(FilterNode child) implements FilterNode {}

    enum Op { EQ, GT, GTE, LT, LTE }

    /** {@code path op value} with MongoDB's array traversal, type bracketing and null-means-missing. */
    record Compare(FieldPath path, Op op, BsonValue value) implements FilterNode {}

    /** {@code $in}: equal to one of the values or matched by one of the regexes. */
    record In(FieldPath path, List<BsonValue> values, List<RegexMatch> regexes) implements FilterNode {
        public In {
            values = List.copyOf(values);
            regexes = List.copyOf(regexes);
        }
    }

    record Exists(FieldPath path) implements FilterNode {}

    /** {@code $type}: BSON type numbers; "number" expands to the four numeric types. */
    record TypeIs(FieldPath path, Set<Integer> types) implements FilterNode {
        public TypeIs {
            types = Set.copyOf(types);
        }
    }

    record Size(FieldPath path, int size) implements FilterNode {}

    /** {@code $elemMatch} with a query over each element (document elements, fields addressed by name). */
    record ElemMatchObject(FieldPath path, FilterNode query) implements FilterNode {}

    /** {@code $elemMatch} with operators applied to each element itself (children have empty paths). */
    record ElemMatchValue(FieldPath path, List<FilterNode> conditions) implements FilterNode {
        public ElemMatchValue {
            conditions = List.copyOf(conditions);
        }
    }

    /** {@code $regex}; pattern and options as given, {@code compiled} their Java translation. */
    record RegexMatch(FieldPath path, String pattern, String options, Pattern compiled) implements FilterNode {}

    record Mod(FieldPath path, long divisor, long remainder) implements FilterNode {}

    /** {@code $jsonSchema}: the document satisfies the schema (MongoDB's dialect). */
    record SchemaMatch(JsonSchema schema) implements FilterNode {}

    /** Which bits a $bits* operator asks about, and how. */
    enum BitTest { ALL_SET, ALL_CLEAR, ANY_SET, ANY_CLEAR }

    /** {@code $bitsAllSet} and friends: bit positions (0 = least significant) tested on integers or BinData. */
    record Bits(FieldPath path, BitTest test, List<Integer> positions) implements FilterNode {
        public Bits {
            positions = List.copyOf(positions);
        }
    }

    /**
     * {@code $expr}: an aggregation expression evaluated against the document, matching when its
     * value is truthy (false, null, missing and zeros are not). Carries the command's variables
     * ($$NOW, let) it was parsed with.
     */
    record ExprMatch(dev.tusk.expr.Expr expr, dev.tusk.expr.Variables variables) implements FilterNode {}

    /**
     * A {@link Compare} or {@link In} whose values hold strings, under a non-simple collation: strings
     * compare by the collation, so SQL (binary order) can only give a superset and indexes do not apply.
     */
    record Collated(FilterNode comparison, Collation collation) implements FilterNode {
        public Collated {
            if (!(comparison instanceof Compare || comparison instanceof In)) {
                throw new IllegalArgumentException("only comparisons are collated: " + comparison);
            }
        }
    }

    /**
     * {@code $text}: as parsed, then bound to the collection's text index (which decides its terms,
     * languages and the side table SQL looks terms up in) before it runs.
     */
    record Text(dev.tusk.text.TextSearch search, java.util.Optional<dev.tusk.text.BoundText> bound) implements FilterNode {}

    /**
     * A geospatial operator ($geoWithin, $geoIntersects, $near, $nearSphere) on a path; {@code bound}
     * once bound to a geospatial index, whose side table then narrows the documents read.
     */
    record Geo(FieldPath path, dev.tusk.geo.GeoPredicate predicate, java.util.Optional<dev.tusk.geo.BoundGeo> bound)
            implements FilterNode {}

    record AlwaysTrue() implements FilterNode {}

    record AlwaysFalse() implements FilterNode {}
}
