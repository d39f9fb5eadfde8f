package dev.tusk.pipeline;

import dev.tusk.bson.BsonOrder;
import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.SortSpec;
import java.util.Iterator;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;

/**
 * $bucket: documents grouped by which [boundary, next boundary) range groupBy falls in (or the
 * default bucket), with output accumulators (default {count: {$sum: 1}}), buckets in order. Built as
 * a $group on a $switch over the ranges, then a $sort on _id.
 */
public record BucketStage(GroupStage group, SortStage sort) implements Stage {

    static BucketStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument()) {
            throw ErrorCode.LOCATION_40201.error("Argument to $bucket stage must be an object");
        }
        BsonDocument d = spec.asDocument();
        for (java.util.Map.Entry<String, BsonValue> option : d.entrySet()) { // MongoDB's checks, field by field
            BsonValue v = option.getValue();
            switch (option.getKey()) {
                case "groupBy" -> {
                    if (!v.isDocument() && !(v.isString() && v.asString().getValue().startsWith("$"))) {
                        throw ErrorCode.LOCATION_40202.error(
                                "The $bucket 'groupBy' field must be defined as a $-prefixed path or an expression, but found: %s.",
                                dev.tusk.bson.BsonText.value(v));
                    }
                }
                case "boundaries" -> {
                    if (!v.isArray()) {
                        throw ErrorCode.LOCATION_40200.error("The $bucket 'boundaries' field must be an array, but found type: %s.",
                                dev.tusk.bson.BsonText.typeName(v));
                    }
                }
                case "default" -> {
                    if (v.isDocument() && !v.asDocument().isEmpty() && v.asDocument().getFirstKey().startsWith("$")
                            || v.isString() && v.asString().getValue().startsWith("$")) {
                        throw ErrorCode.LOCATION_40195.error("The $bucket 'default' field must be a constant, but found: %s.",
                                dev.tusk.bson.BsonText.value(v));
                    }
                }
                case "output" -> {
                    if (!v.isDocument()) {
                        throw ErrorCode.LOCATION_40196.error("The $bucket 'output' field must be an object, but found type: %s.",
                                dev.tusk.bson.BsonText.typeName(v));
                    }
                }
                default -> throw ErrorCode.LOCATION_40197.error("Unrecognized option to $bucket: %s.", option.getKey());
            }
        }
        BsonValue groupBy = d.get("groupBy");
        BsonValue boundaries = d.get("boundaries");
        if (groupBy == null || boundaries == null) {
            throw ErrorCode.LOCATION_40198.error("$bucket requires 'groupBy' and 'boundaries' to be specified.");
        }
        if (boundaries.asArray().size() < 2) {
            throw ErrorCode.LOCATION_40192.error("The $bucket 'boundaries' field must have at least 2 values, but found %d value(s).",
                    boundaries.asArray().size());
        }
        BsonArray b = boundaries.asArray();
        for (int i = 1; i < b.size(); i++) {
            if (BsonOrder.canonicalType(b.get(i)) != BsonOrder.canonicalType(b.get(0))) {
                throw ErrorCode.LOCATION_40193.error("All values in the 'boundaries' option to $bucket must have the same type");
            }
            if (BsonOrder.compare(b.get(i - 1), b.get(i)) >= 0) {
                throw ErrorCode.LOCATION_40194.error("The 'boundaries' option to $bucket must be sorted in ascending order");
            }
        }
        BsonArray branches = new BsonArray();
        for (int i = 0; i + 1 < b.size(); i++) {
            BsonDocument inRange = new BsonDocument("$and", new BsonArray(java.util.List.of(
                    new BsonDocument("$gte", new BsonArray(java.util.List.of(groupBy, literal(b.get(i))))),
                    new BsonDocument("$lt", new BsonArray(java.util.List.of(groupBy, literal(b.get(i + 1))))))));
            branches.add(new BsonDocument("case", inRange).append("then", literal(b.get(i))));
        }
        BsonDocument sw = new BsonDocument("branches", branches);
        if (d.containsKey("default")) {
            sw.append("default", literal(d.get("default")));
        }
        BsonDocument groupSpec = new BsonDocument("_id", new BsonDocument("$switch", sw));
        BsonDocument output = d.containsKey("output") ? d.getDocument("output")
                : new BsonDocument("count", new BsonDocument("$sum", new BsonInt32(1)));
        output.forEach(groupSpec::append);
        return new BucketStage(GroupStage.parse(groupSpec, cx), new SortStage(SortSpec.parse(new BsonDocument("_id", new BsonInt32(1))), cx.allowDiskUse()));
    }

    private static BsonValue literal(BsonValue v) {
        return new BsonDocument("$literal", v);
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return sort.apply(group.apply(input));
    }
}
