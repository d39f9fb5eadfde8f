package dev.tusk.pipeline;

import java.util.Iterator;
import org.bson.BsonDocument;

/** One aggregation stage: a transformation of the document stream, evaluated lazily where it can be. */
public sealed interface Stage permits MatchStage, SkipStage, LimitStage, SortStage, ProjectStage, GroupStage,
        CountStage, UnwindStage, AddFieldsStage, UnsetStage, ReplaceRootStage, SortByCountStage, LookupStage,
        FacetStage, UnionWithStage, SampleStage, BucketStage, SetWindowFieldsStage,
        BucketAutoStage, GraphLookupStage, RedactStage, DensifyStage, FillStage, GeoNearStage {
    Iterator<BsonDocument> apply(Iterator<BsonDocument> input);

    /** The stage ready to read other collections through reader ($lookup, $graphLookup). */
    default Stage bind(CollectionReader reader) {
        return this;
    }
}
