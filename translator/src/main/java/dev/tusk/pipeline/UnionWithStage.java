package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.FilterParser;
import java.util.Iterator;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** $unionWith: the input, then the documents of another collection (through an optional pipeline). */
public record UnionWithStage(String collection, Optional<Pipeline> pipeline, CollectionReader reader) implements Stage {

    static UnionWithStage parse(BsonValue spec, ParseContext cx) {
        if (spec.isString()) {
            return new UnionWithStage(spec.asString().getValue(), Optional.empty(), CollectionReader.NONE);
        }
        if (!spec.isDocument() || !spec.asDocument().isString("coll")) {
            throw ErrorCode.FAILED_TO_PARSE.error("the $unionWith stage requires a collection name ('coll') as a string");
        }
        BsonDocument d = spec.asDocument();
        Optional<Pipeline> pipeline = Optional.ofNullable(d.get("pipeline")).map(p -> {
            if (!p.isArray()) {
                throw ErrorCode.FAILED_TO_PARSE.error("$unionWith 'pipeline' must be an array");
            }
            return Pipeline.parse(p.asArray(), cx);
        });
        return new UnionWithStage(d.getString("coll").getValue(), pipeline, CollectionReader.NONE);
    }

    @Override
    public Stage bind(CollectionReader reader) {
        return new UnionWithStage(collection, pipeline, reader);
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        return Iterators.concat(input, () -> {
            Iterator<BsonDocument> other = reader.read(collection, FilterParser.parse(new BsonDocument()));
            return pipeline.map(p -> p.run(other, reader)).orElse(other);
        });
    }

}
