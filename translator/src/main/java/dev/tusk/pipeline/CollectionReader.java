package dev.tusk.pipeline;

import dev.tusk.query.FilterNode;
import java.util.Iterator;
import org.bson.BsonDocument;

/**
 * How stages that read other collections ($lookup) get their documents: the server answers with
 * the documents of a collection of the same database that match a filter (pushed down to SQL).
 */
@FunctionalInterface
public interface CollectionReader {
    Iterator<BsonDocument> read(String collection, FilterNode filter);

    /** The documents a filter document matches (a view's: its pipeline, then the filter as a $match placed as early as it can go). */
    default Iterator<BsonDocument> readMatching(String collection, BsonDocument filter) {
        return read(collection, dev.tusk.query.FilterParser.parse(filter));
    }

    /**
     * A pipeline's results over a collection ($lookup's sub-pipeline): here the whole collection read then
     * the pipeline; the server's reader runs it as an aggregate, its leading $match a read with indexes.
     */
    default Iterator<BsonDocument> aggregate(String collection, Pipeline pipeline) {
        return pipeline.run(read(collection, dev.tusk.query.FilterParser.parse(new BsonDocument())), this);
    }

    /** For pipelines run without storage (tests of other stages): reading is an error. */
    CollectionReader NONE = (collection, filter) -> {
        throw dev.tusk.error.ErrorCode.ILLEGAL_OPERATION.error("this pipeline cannot read collection %s", collection);
    };
}
