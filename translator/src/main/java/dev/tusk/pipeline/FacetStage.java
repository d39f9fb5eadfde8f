package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.query.DocumentSpool;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * $facet: several sub-pipelines over the same input, in one output document {name: [results]}. The
 * input is held once for all of them; past 100 MiB it goes to a temporary file (with allowDiskUse)
 * and each sub-pipeline reads it from there, or without disk they take it in batches side by side
 * ({@link FacetTee}).
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
        if (allowDiskUse) {
            try (DocumentSpool all = new DocumentSpool(MemoryLimit.BYTES, true, MemoryLimit::sizeOf,
                    () -> MemoryLimit.exceeded("$facet"))) {
                input.forEachRemaining(all::add);
                return output(facets.values().stream().map(p -> p.run(all.asList().iterator(), reader)).map(FacetStage::collect).toList());
            }
        }
        // without disk MongoDB passes a larger input to the sub-pipelines in batches of 100 MiB (no 292 of $facet's own)
        List<BsonDocument> first = FacetTee.batch(input);
        if (!input.hasNext()) {
            return output(facets.values().stream().map(p -> p.run(first.iterator(), reader)).map(FacetStage::collect).toList());
        }
        List<Function<Iterator<BsonDocument>, Iterator<BsonDocument>>> runs = new ArrayList<>();
        facets.values().forEach(p -> runs.add(in -> p.run(in, reader)));
        return output(FacetTee.run(runs, first, input));
    }

    private static BsonArray collect(Iterator<BsonDocument> results) {
        BsonArray out = new BsonArray();
        results.forEachRemaining(out::add);
        return out;
    }

    /** {name: results} in the facets' order. */
    private Iterator<BsonDocument> output(List<BsonArray> results) {
        BsonDocument out = new BsonDocument();
        int i = 0;
        for (String name : facets.keySet()) {
            out.append(name, results.get(i++));
        }
        return List.of(out).iterator();
    }
}
