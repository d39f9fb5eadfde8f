package dev.tusk.command;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.dispatch.Command;
import dev.tusk.dispatch.CommandArgs;
import dev.tusk.dispatch.CommandContext;
import dev.tusk.dispatch.CommandRequest;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.exec.DocumentValidator;
import dev.tusk.exec.IndexRegistry;
import dev.tusk.exec.SecondaryIndex;
import java.nio.ByteBuffer;
import dev.tusk.exec.InsertExecutor;
import dev.tusk.exec.NewDocuments;
import dev.tusk.exec.StoredDocument;
import dev.tusk.exec.WriteError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** insert: a batch of documents, ordered or not; the collection is created on first use. */
final class InsertCommand implements Command {
    @Override
    public String name() {
        return "insert";
    }

    @Override
    public String help() {
        return "insert documents";
    }

    @Override
    public boolean isWrite() {
        return true;
    }

    @Override
    public BsonDocument execute(CommandRequest request, CommandContext cx) {
        CommandArgs args = new CommandArgs(request, Set.of("documents", "ordered", "bypassDocumentValidation"));
        String collection = args.collection();
        BsonArray documents = args.array("documents").orElseThrow(() ->
                ErrorCode.FAILED_TO_PARSE.error("BSON field 'insert.documents' is missing but a required field"));
        boolean ordered = args.bool("ordered", true);
        WriteBatches.checkSize(documents.size());
        Optional<CollectionInfo> view = cx.catalog().collection(request.database(), collection).filter(CollectionInfo::isView);
        if (view.isPresent()) {
            return WriteBatches.onView(view.get(), new BsonDocument("n", new org.bson.BsonInt32(0)), documents.size(), ordered);
        }
        CollectionInfo info = cx.catalog().createCollection(request.database(), collection, new BsonDocument(), false);
        try (var writing = cx.indexes().writing(info)) {
            return insert(args, documents, ordered, info, writing, cx);
        }
    }

    private static BsonDocument insert(CommandArgs args, BsonArray documents, boolean ordered, CollectionInfo info,
            IndexRegistry.Writing writing, CommandContext cx) {
        List<SecondaryIndex> indexes = writing.indexes();
        Optional<DocumentValidator> validator = args.bool("bypassDocumentValidation", false) ? Optional.empty()
                : DocumentValidator.of(info);
        List<WriteError> errors = new ArrayList<>();
        List<InsertExecutor.Item> items = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            BsonValue v = documents.get(i);
            try {
                if (!v.isDocument()) {
                    throw ErrorCode.TYPE_MISMATCH.error("BSON field 'insert.documents.%d' is the wrong type '%s', expected type 'object'",
                            i, dev.tusk.bson.BsonText.typeName(v));
                }
                BsonDocument doc = NewDocuments.prepare(v.asDocument());
                validator.ifPresent(check -> check.checkNew(doc));
                StoredDocument stored = StoredDocument.of(doc);
                NewDocuments.checkSize(stored.bson());
                writing.noteDocument(doc);
                List<Set<ByteBuffer>> keys = new ArrayList<>(indexes.size());
                for (SecondaryIndex index : indexes) {
                    keys.add(index.keysOf(doc));
                }
                items.add(new InsertExecutor.Item(i, doc, stored, keys));
            } catch (MongoServerException e) {
                errors.add(new WriteError(i, e));
                if (ordered) {
                    break;
                }
            }
        }
        List<InsertExecutor.Failure> failures = new InsertExecutor(cx.store(), indexes, args.namespace())
                .insert(info, items, ordered);
        Set<InsertExecutor.Item> failed = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (InsertExecutor.Failure f : failures) {
            errors.add(new WriteError(f.item().index(), f.error()));
            failed.add(f.item());
        }
        errors.sort(Comparator.comparingInt(WriteError::index));
        if (ordered && errors.size() > 1) {
            errors = errors.subList(0, 1);
        }
        int firstError = errors.isEmpty() ? Integer.MAX_VALUE : errors.get(0).index();
        long n = items.stream().filter(i -> !failed.contains(i) && (!ordered || i.index() < firstError)).count();
        return WriteBatches.reply(n, errors);
    }
}
