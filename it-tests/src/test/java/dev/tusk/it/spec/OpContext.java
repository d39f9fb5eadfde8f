package dev.tusk.it.spec;

import com.mongodb.client.MongoClient;
import java.util.List;
import org.bson.BsonDocument;

/** What an operation may use besides its target and arguments. */
interface OpContext {
    EntityMap entities();

    /** The runner's own client (initial data, outcome, fail points). */
    MongoClient internal();

    /** Runs nested operations (withTransaction's callback) with the usual expectations. */
    void runOperations(List<BsonDocument> operations);

    /** Remembers a fail point so it is switched off after the test. */
    void failPointSet(MongoClient client, String name);

    /** The runner's createEntities operation. */
    void createEntities(List<BsonDocument> entities);

    /** Notes that the test used transactions, so open ones are killed afterwards. */
    void transactionsUsed();
}
