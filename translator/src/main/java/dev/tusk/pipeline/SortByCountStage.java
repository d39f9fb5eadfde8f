package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.SortSpec;
import java.util.Iterator;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * $sortByCount expr: as MongoDB defines it, {$group: {_id: expr, count: {$sum: 1}}} then
 * {$sort: {count: -1}} (both spill past 100 MiB unless allowDiskUse is false); ties stay in key order.
 */
public record SortByCountStage(GroupStage group, SortStage sort) implements Stage {
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
        BsonDocument groupSpec = new BsonDocument("_id", spec).append("count", new BsonDocument("$sum", new BsonInt32(1)));
        return new SortByCountStage(GroupStage.parse(groupSpec, cx),
                new SortStage(SortSpec.parse(new BsonDocument("count", new BsonInt32(-1))), cx.allowDiskUse()));
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return sort.apply(group.apply(input));
    }
}
