package dev.tusk.pipeline;

import dev.tusk.error.ErrorCode;
import dev.tusk.expr.ParseContext;
import dev.tusk.expr.Variables;
import dev.tusk.query.AlphabeticalTable;
import dev.tusk.query.CollatedFilter;
import dev.tusk.query.FilterParser;
import dev.tusk.query.SortSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A parsed aggregation pipeline: stages from one alphabetical table; known-but-missing stages answer 238. */
public record Pipeline(List<Stage> stages) {
    /** Parses one stage's argument with the command's parse context. */
    @FunctionalInterface
    private interface StageParser {
        Stage parse(BsonValue spec, ParseContext cx);
    }

    private static final Map<String, StageParser> STAGES = AlphabeticalTable.of("stage",
            Map.entry("$addFields", (v, cx) -> AddFieldsStage.parse("$addFields", v, cx)),
            Map.entry("$bucket", BucketStage::parse),
            Map.entry("$bucketAuto", BucketAutoStage::parse),
            Map.entry("$count", (v, cx) -> count(v)),
            Map.entry("$densify", DensifyStage::parse),
            Map.entry("$facet", FacetStage::parse),
            Map.entry("$fill", FillStage::parse),
            Map.entry("$geoNear", GeoNearStage::parse),
            Map.entry("$graphLookup", GraphLookupStage::parse),
            Map.entry("$group", GroupStage::parse),
            Map.entry("$limit", (v, cx) -> new LimitStage(positive("$limit", v, false))),
            Map.entry("$lookup", LookupStage::parse),
            Map.entry("$match", (v, cx) -> new MatchStage(CollatedFilter.of(FilterParser.parse(document("$match", v),
                    cx.variables()), cx.collation()))),
            Map.entry("$project", ProjectStage::parse),
            Map.entry("$redact", RedactStage::parse),
            Map.entry("$replaceRoot", ReplaceRootStage::replaceRoot),
            Map.entry("$replaceWith", ReplaceRootStage::replaceWith),
            Map.entry("$sample", (v, cx) -> SampleStage.parse(v, cx.allowDiskUse())),
            Map.entry("$set", (v, cx) -> AddFieldsStage.parse("$set", v, cx)),
            Map.entry("$setWindowFields", SetWindowFieldsStage::parse),
            Map.entry("$skip", (v, cx) -> new SkipStage(positive("$skip", v, true))),
            Map.entry("$sort", (v, cx) -> new SortStage(SortSpec.parse(document("$sort", v)).collated(cx.collation()),
                    cx.allowDiskUse())),
            Map.entry("$sortByCount", SortByCountStage::parse),
            Map.entry("$unionWith", UnionWithStage::parse),
            Map.entry("$unset", UnsetStage::parse),
            Map.entry("$unwind", (v, cx) -> unwind(v)));

    private static final Set<String> NOT_YET = Set.of("$changeStream",
            "$collStats", "$currentOp", "$documents",
            "$indexStats", "$listLocalSessions", "$listSessions", "$merge", "$out",
            "$planCacheStats");

    /** Atlas Search stages: a MongoDB server without a search process (mongot) refuses them so, and so does Tusk. */
    private static final Set<String> SEARCH = Set.of("$listSearchIndexes", "$search", "$searchMeta", "$vectorSearch");

    /** MongoDB's answer to search commands and stages on a server without Atlas Search. */
    public static RuntimeException searchNotEnabled() {
        return ErrorCode.SEARCH_NOT_ENABLED.error("Using Atlas Search Database Commands and the $listSearchIndexes aggregation "
                + "stage requires additional configuration. Please connect to Atlas or an AtlasCLI local deployment to enable. "
                + "For more information on how to connect, see https://dochub.mongodb.org/core/atlas-cli-deploy-local-reqs");
    }

    /** The stage names Tusk runs, for coverage tests. */
    public static Set<String> stageNames() {
        return STAGES.keySet();
    }

    public static Pipeline parse(BsonArray pipeline) {
        return parse(pipeline, Variables.defaults());
    }

    /** Parses a pipeline whose expressions may use the command's variables ($$NOW, let). */
    public static Pipeline parse(BsonArray pipeline, Variables variables) {
        return parse(pipeline, ParseContext.of(variables));
    }

    /**
     * Parses a command's pipeline with its context: variables, allowDiskUse (without it a blocking
     * $sort past 100 MiB is 292 instead of spilling) and collation.
     */
    /** Stages the command itself runs as the pipeline's input (the caller removes them when they come first). */
    private static final Set<String> FIRST_ONLY = Set.of("$collStats", "$indexStats", "$currentOp", "$listLocalSessions",
            "$documents");

    public static Pipeline parse(BsonArray pipeline, ParseContext cx) {
        List<Stage> stages = new ArrayList<>();
        for (BsonValue v : pipeline) {
            if (!v.isDocument() || v.asDocument().size() != 1) {
                throw ErrorCode.LOCATION_40323.error("A pipeline stage specification object must contain exactly one field.");
            }
            String name = v.asDocument().getFirstKey();
            StageParser parser = STAGES.get(name);
            if (FIRST_ONLY.contains(name) && !stages.isEmpty()) {
                throw ErrorCode.LOCATION_40602.error("%s is only valid as the first stage in a pipeline", name);
            }
            if (parser == null) {
                if (SEARCH.contains(name)) {
                    throw searchNotEnabled();
                }
                if (NOT_YET.contains(name)) {
                    throw ErrorCode.NOT_IMPLEMENTED.error("%s is not supported by Tusk yet", name);
                }
                throw ErrorCode.LOCATION_40324.error("Unrecognized pipeline stage name: '%s'", name);
            }
            Stage stage = parser.parse(v.asDocument().get(name), cx);
            if (!stages.isEmpty() && stage instanceof GeoNearStage) {
                throw ErrorCode.LOCATION_40602.error("$geoNear is only valid as the first stage in a pipeline.");
            }
            if (stage instanceof MatchStage m && dev.tusk.query.GeoFilters.near(m.filter()).isPresent()) {
                throw ErrorCode.LOCATION_5626500.error("$geoNear, $near, and $nearSphere are not allowed in this context, as these "
                        + "operators require sorting geospatial data. If you do not need sort, consider using $geoWithin instead.");
            }
            if (!stages.isEmpty() && stage instanceof MatchStage m && dev.tusk.query.TextFilters.find(m.filter()).isPresent()) {
                throw ErrorCode.LOCATION_17313.error("$match with $text is only allowed as the first pipeline stage");
            }
            stages.add(stage);
        }
        return new Pipeline(List.copyOf(stages));
    }

    public Iterator<BsonDocument> run(Iterator<BsonDocument> input) {
        return run(input, CollectionReader.NONE);
    }

    /** Runs the stages; those that read other collections ($lookup) read through reader. */
    public Iterator<BsonDocument> run(Iterator<BsonDocument> input, CollectionReader reader) {
        Iterator<BsonDocument> it = input;
        for (Stage s : stages) {
            it = s.bind(reader).apply(it);
        }
        return it;
    }

    /** A leading $match, which the caller can push down as the collection scan's filter. */
    private Optional<MatchStage> leadingMatch() {
        return stages.isEmpty() || !(stages.get(0) instanceof MatchStage m) ? Optional.empty() : Optional.of(m);
    }

    /**
     * The leading stages a collection read does itself: {@code [$match] [$sort [$skip] $limit]} (a
     * top-k sort). {@code stages} says how many were taken; {@code limit} 0 = none.
     */
    public record LeadingRead(Optional<MatchStage> match, Optional<SortSpec> sort, long skip, long limit, int stages) {}

    public LeadingRead leadingRead() {
        Optional<MatchStage> match = leadingMatch();
        int i = match.isPresent() ? 1 : 0;
        if (i < stages.size() && stages.get(i) instanceof SortStage sort) {
            int j = i + 1;
            long skip = 0;
            if (j < stages.size() && stages.get(j) instanceof SkipStage s) {
                skip = s.n();
                j++;
            }
            if (j < stages.size() && stages.get(j) instanceof LimitStage l && !sort.sort().isNatural()) {
                return new LeadingRead(match, Optional.of(sort.sort()), skip, l.n(), j + 1);
            }
        }
        return new LeadingRead(match, Optional.empty(), 0, 0, i);
    }

    /** Whether everything after the leading $match only counts its matches (countDocuments' pipeline). */
    public Optional<CountingTail> countingTail() {
        return CountingTail.of(stages.subList(leadingMatch().isPresent() ? 1 : 0, stages.size()));
    }

    /** Whether the stages after the leading $match start with a $group that PostgreSQL can compute ({@link SqlGroup}). */
    public Optional<SqlGroup> sqlGroup() {
        return SqlGroup.of(stages.subList(leadingMatch().isPresent() ? 1 : 0, stages.size()));
    }

    /** The pipeline without its first {@code n} stages. */
    /** The same pipeline with its first stage replaced (a $geoNear bound to the collection's geo index). */
    public Pipeline withFirst(Stage first) {
        List<Stage> out = new ArrayList<>(stages);
        out.set(0, first);
        return new Pipeline(List.copyOf(out));
    }

    public Pipeline after(int n) {
        return new Pipeline(stages.subList(n, stages.size()));
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
        String path = null;
        Optional<String> index = Optional.empty();
        boolean preserve = false;
        if (v.isString()) {
            path = v.asString().getValue();
        } else if (v.isDocument()) {
            for (Map.Entry<String, BsonValue> option : v.asDocument().entrySet()) {
                BsonValue o = option.getValue();
                String type = dev.tusk.bson.BsonText.typeName(o);
                switch (option.getKey()) {
                    case "path" -> {
                        if (!o.isString()) {
                            throw ErrorCode.LOCATION_28808.error("expected a string as the path for $unwind stage, got %s", type);
                        }
                        path = o.asString().getValue();
                    }
                    case "preserveNullAndEmptyArrays" -> {
                        if (!o.isBoolean()) {
                            throw ErrorCode.LOCATION_28809.error(
                                    "expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got %s", type);
                        }
                        preserve = o.asBoolean().getValue();
                    }
                    case "includeArrayIndex" -> {
                        if (!o.isString() || o.asString().getValue().isEmpty()) {
                            throw ErrorCode.LOCATION_28810.error(
                                    "expected a non-empty string for the includeArrayIndex option to $unwind stage, got %s", type);
                        }
                        if (o.asString().getValue().startsWith("$")) {
                            throw ErrorCode.LOCATION_28822.error(
                                    "includeArrayIndex option to $unwind stage should not be prefixed with a '$': %s", o.asString().getValue());
                        }
                        index = Optional.of(o.asString().getValue());
                    }
                    default -> throw ErrorCode.LOCATION_28811.error("unrecognized option to $unwind stage: %s", option.getKey());
                }
            }
            if (path == null || path.isEmpty()) {
                throw ErrorCode.LOCATION_28812.error("no path specified to $unwind stage");
            }
        } else {
            throw ErrorCode.LOCATION_15981.error("expected either a string or an object as specification for $unwind stage, got %s",
                    dev.tusk.bson.BsonText.typeName(v));
        }
        if (!path.startsWith("$") || path.length() < 2) {
            throw ErrorCode.LOCATION_28818.error("path option to $unwind stage should be prefixed with a '$': %s", path);
        }
        return new UnwindStage(path.substring(1), index, preserve);
    }
}
