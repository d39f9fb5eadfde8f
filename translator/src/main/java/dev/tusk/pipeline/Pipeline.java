package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.query.FilterParser;
import dev.tusk.query.Projection;
import dev.tusk.query.SortSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A parsed aggregation pipeline: stages from one alphabetical table; known-but-missing stages answer 238. */
public record Pipeline(List<Stage> stages) {
    private static final Map<String, Function<BsonValue, Stage>> STAGES = new TreeMap<>(Map.of(
            "$count", Pipeline::count,
            "$group", GroupStage::parse,
            "$limit", v -> new LimitStage(positive("$limit", v, false)),
            "$match", v -> new MatchStage(FilterParser.parse(document("$match", v))),
            "$project", v -> new ProjectStage(Projection.parse(document("$project", v))),
            "$skip", v -> new SkipStage(positive("$skip", v, true)),
            "$sort", v -> new SortStage(SortSpec.parse(document("$sort", v))),
            "$unwind", Pipeline::unwind));

    private static final Set<String> NOT_YET = Set.of("$addFields", "$bucket", "$bucketAuto", "$changeStream",
            "$collStats", "$currentOp", "$densify", "$documents", "$facet", "$fill", "$geoNear", "$graphLookup",
            "$indexStats", "$listLocalSessions", "$listSessions", "$listSearchIndexes", "$lookup", "$merge", "$out",
            "$planCacheStats", "$redact", "$replaceRoot", "$replaceWith", "$sample", "$search", "$searchMeta", "$set",
            "$setWindowFields", "$sortByCount", "$unionWith", "$unset", "$vectorSearch");

    public static Pipeline parse(BsonArray pipeline) {
        List<Stage> stages = new ArrayList<>();
        for (BsonValue v : pipeline) {
            if (!v.isDocument() || v.asDocument().size() != 1) {
                throw ErrorCode.LOCATION_40323.error("A pipeline stage specification object must contain exactly one field.");
            }
            String name = v.asDocument().getFirstKey();
            Function<BsonValue, Stage> parser = STAGES.get(name);
            if (parser == null) {
                if (NOT_YET.contains(name)) {
                    throw ErrorCode.NOT_IMPLEMENTED.error("%s is not supported by Tusk yet", name);
                }
                throw ErrorCode.LOCATION_40324.error("Unrecognized pipeline stage name: '%s'", name);
            }
            stages.add(parser.apply(v.asDocument().get(name)));
        }
        return new Pipeline(List.copyOf(stages));
    }

    public Iterator<BsonDocument> run(Iterator<BsonDocument> input) {
        Iterator<BsonDocument> it = input;
        for (Stage s : stages) {
            it = s.apply(it);
        }
        return it;
    }

    /** A leading $match, which the caller can push down as the collection scan's filter. */
    public Optional<MatchStage> leadingMatch() {
        return stages.isEmpty() || !(stages.get(0) instanceof MatchStage m) ? Optional.empty() : Optional.of(m);
    }

    /** The pipeline without its first stage. */
    public Pipeline tail() {
        return new Pipeline(stages.subList(1, stages.size()));
    }

    private static BsonDocument document(String stage, BsonValue v) {
        if (!v.isDocument()) {
            throw ErrorCode.LOCATION_15959.error("the %s specification must be an object", stage.substring(1));
        }
        return v.asDocument();
    }

    private static long positive(String stage, BsonValue v, boolean zeroAllowed) {
        if (!v.isNumber() || v.asNumber().doubleValue() != Math.rint(v.asNumber().doubleValue())) {
            throw ErrorCode.LOCATION_15957.error("the %s must be specified as a number", stage.substring(1));
        }
        long n = v.asNumber().longValue();
        if (n < 0 || (!zeroAllowed && n == 0)) {
            throw ErrorCode.LOCATION_15958.error("the %s must be %s", stage.substring(1), zeroAllowed ? "non-negative" : "positive");
        }
        return n;
    }

    private static Stage count(BsonValue v) {
        if (!v.isString() || v.asString().getValue().isEmpty()) {
            throw ErrorCode.LOCATION_40156.error("the count field must be a non-empty string");
        }
        String field = v.asString().getValue();
        if (field.startsWith("$")) {
            throw ErrorCode.LOCATION_40158.error("the count field cannot be a $-prefixed path");
        }
        if (field.contains(".")) {
            throw ErrorCode.LOCATION_40160.error("the count field cannot contain '.'");
        }
        return new CountStage(field);
    }

    private static Stage unwind(BsonValue v) {
        String path;
        Optional<String> index = Optional.empty();
        boolean preserve = false;
        if (v.isString()) {
            path = v.asString().getValue();
        } else if (v.isDocument()) {
            BsonDocument d = v.asDocument();
            BsonValue p = d.get("path");
            if (p == null || !p.isString()) {
                throw ErrorCode.LOCATION_28812.error("no path specified to $unwind stage");
            }
            path = p.asString().getValue();
            if (d.containsKey("includeArrayIndex")) {
                index = Optional.of(d.getString("includeArrayIndex").getValue());
            }
            preserve = d.containsKey("preserveNullAndEmptyArrays") && d.getBoolean("preserveNullAndEmptyArrays").getValue();
        } else {
            throw ErrorCode.LOCATION_15981.error("expected either a string or an object as specification for $unwind stage, got %s",
                    v.getBsonType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!path.startsWith("$") || path.length() < 2) {
            throw ErrorCode.LOCATION_28818.error("path option to $unwind stage should be prefixed with a '$': %s", path);
        }
        return new UnwindStage(path.substring(1), index, preserve);
    }
}
