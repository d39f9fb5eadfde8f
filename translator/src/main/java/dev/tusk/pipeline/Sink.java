package dev.tusk.pipeline;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Where a pipeline's last stage ($out, $merge) writes its results. */
public sealed interface Sink {
    String db();

    String collection();

    /** $out: the results replace the target collection's documents (its indexes are kept). */
    record Out(String db, String collection) implements Sink {}

    /** $merge: each result is matched on the `on` fields and merged, inserted, kept or rejected. */
    record Merge(String db, String collection, List<String> on, String whenMatched, Optional<BsonArray> whenMatchedPipeline,
            String whenNotMatched) implements Sink {}

    /** The sink named by the pipeline's last stage, if it is $out or $merge; db defaults to the command's. */
    static Optional<Sink> of(BsonArray pipeline, String db) {
        for (int i = 0; i < pipeline.size() - 1; i++) {
            BsonValue stage = pipeline.get(i);
            if (stage.isDocument() && !stage.asDocument().isEmpty()
                    && List.of("$out", "$merge").contains(stage.asDocument().getFirstKey())) {
                throw ErrorCode.LOCATION_40601.error("%s can only be the final stage in the pipeline", stage.asDocument().getFirstKey());
            }
        }
        if (pipeline.isEmpty() || !pipeline.get(pipeline.size() - 1).isDocument()) {
            return Optional.empty();
        }
        BsonDocument last = pipeline.get(pipeline.size() - 1).asDocument();
        if (last.containsKey("$out")) {
            return Optional.of(out(last.get("$out"), db));
        }
        if (last.containsKey("$merge")) {
            return Optional.of(merge(last.get("$merge"), db));
        }
        return Optional.empty();
    }

    private static Out out(BsonValue v, String db) {
        if (v.isString()) {
            return new Out(db, v.asString().getValue());
        }
        if (v.isDocument()) {
            BsonDocument target = v.asDocument();
            for (String field : target.keySet()) {
                if (!List.of("db", "coll", "timeseries").contains(field)) {
                    throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$out.%s' is an unknown field.", field);
                }
            }
            String targetDb = stringField(target, "db", "$out.db").orElse(db);
            String coll = stringField(target, "coll", "$out.coll").orElseThrow(() ->
                    ErrorCode.LOCATION_40414.error("BSON field '$out.coll' is missing but a required field"));
            return new Out(targetDb, coll);
        }
        throw ErrorCode.LOCATION_16990.error("$out only supports a string or object argument, not %s", dev.tusk.bson.BsonText.typeName(v));
    }

    private static Merge merge(BsonValue v, String db) {
        if (!v.isString() && !v.isDocument()) {
            throw ErrorCode.LOCATION_51182.error("$merge only supports a string or object argument, but found %s", BsonText.typeName(v));
        }
        BsonDocument spec = v.isString() ? new BsonDocument("into", v) : v.asDocument();
        for (String field : spec.keySet()) {
            if (!List.of("into", "on", "let", "whenMatched", "whenNotMatched", "targetCollectionVersion").contains(field)) {
                throw ErrorCode.UNKNOWN_BSON_FIELD.error("BSON field '$merge.%s' is an unknown field.", field);
            }
        }
        if (!spec.containsKey("into")) {
            throw ErrorCode.LOCATION_40414.error("BSON field '$merge.into' is missing but a required field");
        }
        BsonValue into = spec.get("into");
        if (!into.isString() && !into.isDocument()) {
            throw ErrorCode.LOCATION_51178.error("$merge 'into' field  must be either a string or an object, but found %s",
                    BsonText.typeName(into));
        }
        String targetDb = db;
        String coll;
        if (into.isDocument()) {
            BsonDocument target = into.asDocument();
            targetDb = stringField(target, "db", "$merge.into.db").orElse(db);
            coll = stringField(target, "coll", "$merge.into.coll").orElseThrow(() ->
                    ErrorCode.LOCATION_40414.error("BSON field '$merge.into.coll' is missing but a required field"));
        } else {
            coll = into.asString().getValue();
        }
        List<String> on = List.of("_id");
        if (spec.containsKey("on")) {
            BsonValue o = spec.get("on");
            if (o.isString()) {
                on = List.of(o.asString().getValue());
            } else if (o.isArray()) {
                on = new java.util.ArrayList<>();
                for (BsonValue field : o.asArray()) {
                    if (!field.isString()) {
                        throw ErrorCode.LOCATION_51134.error("$merge 'on' array elements must be strings, but found %s", BsonText.typeName(field));
                    }
                    on.add(field.asString().getValue());
                }
            } else {
                throw ErrorCode.LOCATION_51186.error("$merge 'on' field  must be either a string or an array of strings, but found %s",
                        BsonText.typeName(o));
            }
        }
        String whenMatched = "merge";
        Optional<BsonArray> pipeline = Optional.empty();
        if (spec.containsKey("whenMatched")) {
            BsonValue w = spec.get("whenMatched");
            if (w.isArray()) {
                whenMatched = "pipeline";
                pipeline = Optional.of(w.asArray());
            } else if (w.isString()) {
                whenMatched = w.asString().getValue();
            } else {
                throw ErrorCode.LOCATION_51191.error("$merge 'whenMatched' field  must be either a string or an array, but found %s",
                        BsonText.typeName(w));
            }
        }
        String whenNotMatched = stringField(spec, "whenNotMatched", "$merge.whenNotMatched").orElse("insert");
        if (spec.containsKey("let") && !spec.get("let").isDocument()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '$merge.let' is the wrong type '%s', expected type 'object'",
                    BsonText.typeName(spec.get("let")));
        }
        if (!List.of("replace", "keepExisting", "merge", "fail", "pipeline").contains(whenMatched)) {
            throw ErrorCode.BAD_VALUE.error("Enumeration value '%s' for field '$merge.whenMatched' is not a valid value.", whenMatched);
        }
        if (!List.of("insert", "discard", "fail").contains(whenNotMatched)) {
            throw ErrorCode.BAD_VALUE.error("Enumeration value '%s' for field '$merge.whenNotMatched' is not a valid value.", whenNotMatched);
        }
        return new Merge(targetDb, coll, on, whenMatched, pipeline, whenNotMatched);
    }

    /** An optional string field of a stage's specification (14 for another type, as MongoDB's parser reports it). */
    private static Optional<String> stringField(BsonDocument d, String field, String qualified) {
        BsonValue v = d.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s' is the wrong type '%s', expected type 'string'", qualified, BsonText.typeName(v));
        }
        return Optional.of(v.asString().getValue());
    }
}
