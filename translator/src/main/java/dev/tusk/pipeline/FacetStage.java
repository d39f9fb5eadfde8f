package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.DocumentSpool;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * $facet: several sub-pipelines over the same input, in one output document {name: [results]}. The
 * input is held once for all of them; past 100 MiB it goes to a temporary file (with allowDiskUse)
 * and each sub-pipeline reads it from there.
 */
public record FacetStage(Map<String, Pipeline> facets, boolean allowDiskUse, CollectionReader reader) implements Stage {
    private static final Set<String> NOT_INSIDE = Set.of("$facet", "$out", "$merge", "$collStats", "$indexStats",
            "$geoNear", "$changeStream");

    static FacetStage parse(BsonValue spec, ParseContext cx) {
        if (!spec.isDocument() || spec.asDocument().isEmpty()) {
            throw ErrorCode.LOCATION_40169.error("the $facet specification must be a non-empty object");
        }
        Map<String, Pipeline> facets = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
            if (!e.getValue().isArray()) {
                throw ErrorCode.LOCATION_40170.error("arguments to $facet must be arrays, %s is type %s", e.getKey(),
                        dev.tusk.bson.BsonText.typeName(e.getValue()));
            }
            for (BsonValue stage : e.getValue().asArray()) {
                if (stage.isDocument() && !stage.asDocument().isEmpty() && NOT_INSIDE.contains(stage.asDocument().getFirstKey())) {
                    throw ErrorCode.LOCATION_40600.error("%s is not allowed to be used within a $facet stage",
                            stage.asDocument().getFirstKey());
                }
            }
            facets.put(e.getKey(), Pipeline.parse(e.getValue().asArray(), cx));
        }
        return new FacetStage(facets, cx.allowDiskUse(), CollectionReader.NONE);
    }

    @Override
    public Stage bind(CollectionReader reader) {
        return new FacetStage(facets, allowDiskUse, reader);
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input) {
        try (DocumentSpool all = new DocumentSpool(MemoryLimit.BYTES, allowDiskUse, MemoryLimit::sizeOf,
                () -> MemoryLimit.exceeded("$facet"))) {
            input.forEachRemaining(all::add);
            BsonDocument out = new BsonDocument();
            facets.forEach((name, pipeline) -> {
                BsonArray results = new BsonArray();
                pipeline.run(all.asList().iterator(), reader).forEachRemaining(results::add);
                out.append(name, results);
            });
            return List.of(out).iterator();
        }
    }
}
