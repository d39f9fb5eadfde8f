package dev.tusk.pipeline;

import java.util.Iterator;
import org.bson.BsonDocument;

/** One aggregation stage: a transformation of the document stream, evaluated lazily where it can be. */
public sealed interface Stage permits MatchStage, SkipStage, LimitStage, SortStage, ProjectStage, GroupStage,
        CountStage, UnwindStage, AddFieldsStage, UnsetStage, ReplaceRootStage, SortByCountStage {
    Iterator<BsonDocument> apply(Iterator<BsonDocument> input);
}
