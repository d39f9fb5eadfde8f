package dev.tusk.exec;

import dev.tusk.catalog.CollectionInfo;
import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import dev.tusk.query.FilterEvaluator;
import dev.tusk.query.FilterNode;
import dev.tusk.query.FilterParser;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collection's validator (query operators and $jsonSchema), with validationLevel (strict: every
 * insert and update; moderate: updates only of documents that were valid; off) and validationAction
 * (error: 121 DocumentValidationFailure; warn: logged, written anyway).
 */
public record DocumentValidator(BsonDocument validator, FilterNode filter, String level, String action) {
    private static final Logger log = LoggerFactory.getLogger(DocumentValidator.class);
    public static final Set<String> LEVELS = Set.of("off", "strict", "moderate");
    public static final Set<String> ACTIONS = Set.of("error", "warn");

    public static Optional<DocumentValidator> of(CollectionInfo c) {
        BsonDocument options = c.options();
        BsonValue v = options.get("validator");
        if (v == null || !v.isDocument() || v.asDocument().isEmpty()) {
            return Optional.empty();
        }
        String level = options.getString("validationLevel", new BsonString("strict")).getValue();
        String action = options.getString("validationAction", new BsonString("error")).getValue();
        return level.equals("off") ? Optional.empty()
                : Optional.of(new DocumentValidator(v.asDocument(), FilterParser.parse(v.asDocument()), level, action));
    }

    /** A new document (insert, upsert). */
    public void checkNew(BsonDocument doc) {
        if (!FilterEvaluator.matches(filter, doc)) {
            fail(doc);
        }
    }

    /** An updated document; under "moderate" only if its previous version was valid. */
    public void checkUpdate(BsonDocument before, BsonDocument after) {
        if (level.equals("moderate") && !FilterEvaluator.matches(filter, before)) {
            return;
        }
        checkNew(after);
    }

    private void fail(BsonDocument doc) {
        if (action.equals("warn")) {
            log.warn("Document would fail validation (validationAction warn): _id {}", doc.get("_id"));
            return;
        }
        throw failure(doc);
    }

    private MongoServerException failure(BsonDocument doc) {
        BsonDocument details = new BsonDocument("operatorName", new BsonString(validator.size() == 1 ? validator.getFirstKey() : "$and"))
                .append("specifiedAs", validator)
                .append("reason", new BsonString("the document does not match the collection's validator"));
        BsonDocument errInfo = new BsonDocument();
        if (doc.containsKey("_id")) {
            errInfo.append("failingDocumentId", doc.get("_id"));
        }
        errInfo.append("details", details);
        return ErrorCode.DOCUMENT_VALIDATION_FAILURE.error("Document failed validation").withExtra("errInfo", errInfo);
    }
}
