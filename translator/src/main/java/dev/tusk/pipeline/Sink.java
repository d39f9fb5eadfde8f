package dev.tusk.pipeline;

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
        if (v.isDocument() && v.asDocument().isString("coll")) {
            return new Out(v.asDocument().getString("db", new org.bson.BsonString(db)).getValue(),
                    v.asDocument().getString("coll").getValue());
        }
        throw ErrorCode.LOCATION_16990.error("$out only supports a string or object argument, not %s", dev.tusk.bson.BsonText.typeName(v));
    }

    private static Merge merge(BsonValue v, String db) {
        BsonDocument spec = v.isString() ? new BsonDocument("into", v) : v.isDocument() ? v.asDocument() : null;
        if (spec == null || !spec.containsKey("into")) {
            throw ErrorCode.FAILED_TO_PARSE.error("$merge requires an 'into' field");
        }
        BsonValue into = spec.get("into");
        String targetDb = into.isDocument() ? into.asDocument().getString("db", new org.bson.BsonString(db)).getValue() : db;
        String coll = into.isDocument() ? into.asDocument().getString("coll").getValue() : into.asString().getValue();
        List<String> on = List.of("_id");
        if (spec.containsKey("on")) {
            BsonValue o = spec.get("on");
            on = o.isString() ? List.of(o.asString().getValue()) : o.asArray().stream().map(x -> x.asString().getValue()).toList();
        }
        String whenMatched = "merge";
        Optional<BsonArray> pipeline = Optional.empty();
        if (spec.containsKey("whenMatched")) {
            BsonValue w = spec.get("whenMatched");
            if (w.isArray()) {
                whenMatched = "pipeline";
                pipeline = Optional.of(w.asArray());
            } else {
                whenMatched = w.asString().getValue();
            }
        }
        String whenNotMatched = spec.getString("whenNotMatched", new org.bson.BsonString("insert")).getValue();
        if (!List.of("replace", "keepExisting", "merge", "fail", "pipeline").contains(whenMatched)
                || !List.of("insert", "discard", "fail").contains(whenNotMatched)) {
            throw ErrorCode.BAD_VALUE.error("Enumeration value for $merge 'whenMatched'/'whenNotMatched' is not a valid value");
        }
        return new Merge(targetDb, coll, on, whenMatched, pipeline, whenNotMatched);
    }
}
