package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.error.ErrorCode;
import dev.tusk.pipeline.Pipeline;
import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * viewOn and pipeline of create and collMod, checked: the pipeline must parse as an aggregation
 * pipeline and may not write ($out, $merge: 167 OptionNotSupportedOnView).
 */
final class ViewOptions {
    private ViewOptions() {}

    /** Whether the command names a view option at all. */
    static boolean present(CommandArgs args) {
        return args.value(CollectionInfo.VIEW_ON).isPresent() || args.value(CollectionInfo.PIPELINE).isPresent();
    }

    /**
     * The options {viewOn, pipeline} of {@code db.name}: the command's, or the current view's where the
     * command leaves one out (collMod). 2 BadValue for a pipeline without a viewOn.
     */
    static BsonDocument from(CommandArgs args, String db, String name, Optional<CollectionInfo> current) {
        Optional<String> viewOn = args.string(CollectionInfo.VIEW_ON).or(() -> current.map(CollectionInfo::viewOn));
        if (viewOn.isEmpty()) {
            throw ErrorCode.BAD_VALUE.error("'pipeline' requires 'viewOn' to also be specified");
        }
        if (viewOn.get().isEmpty()) {
            throw ErrorCode.BAD_VALUE.error("invalid name for 'viewOn'");
        }
        BsonArray pipeline = args.array(CollectionInfo.PIPELINE)
                .or(() -> current.map(CollectionInfo::viewPipeline)).orElse(new BsonArray());
        for (int i = 0; i < pipeline.size(); i++) {
            BsonValue stage = pipeline.get(i);
            if (stage.isDocument() && stage.asDocument().size() == 1
                    && List.of("$out", "$merge").contains(stage.asDocument().getFirstKey())) {
                throw ErrorCode.OPTION_NOT_SUPPORTED_ON_VIEW.error("The aggregation stage %s in location %d of the pipeline cannot "
                        + "be used in the view definition of %s.%s because it writes to disk",
                        stage.asDocument().getFirstKey(), i, db, name);
            }
        }
        Pipeline.parse(pipeline);
        return new BsonDocument(CollectionInfo.VIEW_ON, new BsonString(viewOn.get())).append(CollectionInfo.PIPELINE, pipeline);
    }

    /**
     * A new view's default collation (its full specification; empty: simple). A view on a view must
     * have the collation of the view it reads (167 OptionNotSupportedOnView otherwise, as MongoDB).
     */
    static Optional<BsonDocument> defaultCollation(CommandArgs args, dev.tusk.catalog.Catalog catalog, String db, BsonDocument options) {
        dev.tusk.query.Collation collation = dev.tusk.query.Collation.parse(args.value("collation"), "collation");
        Optional<CollectionInfo> source = catalog.collection(db, options.getString(CollectionInfo.VIEW_ON).getValue());
        if (source.isPresent() && source.get().isView() && !collation.sameAs(of(source.get()))) {
            throw ErrorCode.OPTION_NOT_SUPPORTED_ON_VIEW.error("View %s.%s has conflicting collation with view %s",
                    db, args.collection(), source.get().name());
        }
        return collation.fullSpec();
    }

    /** A view's default collation (simple unless it was created with one). */
    static dev.tusk.query.Collation of(CollectionInfo view) {
        return dev.tusk.query.Collation.parse(Optional.ofNullable(view.options().get("collation")), "collation");
    }
}
