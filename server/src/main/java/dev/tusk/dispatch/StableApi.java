package dev.tusk.dispatch;

import dev.tusk.bson.BsonText;
import dev.tusk.error.ErrorCode;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * The Stable API parameters (apiVersion, apiStrict, apiDeprecationErrors) a command may declare:
 * version "1" is the only one; with apiStrict only the commands of API Version 1 run.
 */
final class StableApi {
    /** MongoDB 7.0's API Version 1 (plus the test command testVersion1). */
    private static final Set<String> VERSION_1 = Set.of(
            "abortTransaction", "aggregate", "authenticate", "collMod", "commitTransaction", "count", "create",
            "createIndexes", "delete", "drop", "dropDatabase", "dropIndexes", "endSessions", "explain", "find",
            "findAndModify", "getMore", "hello", "insert", "killCursors", "listCollections", "listDatabases",
            "listIndexes", "ping", "refreshSessions", "saslContinue", "saslStart", "update", "testVersion1");

    private StableApi() {}

    static void check(String command, BsonDocument body) {
        BsonValue version = body.get("apiVersion");
        if (version == null) {
            if (body.containsKey("apiStrict") || body.containsKey("apiDeprecationErrors")) {
                throw ErrorCode.LOCATION_4886600.error(
                        "Provided apiStrict and/or apiDeprecationErrors without passing apiVersion");
            }
            return;
        }
        if (!version.isString()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field 'apiVersion' is the wrong type '%s', expected type 'string'",
                    BsonText.typeName(version));
        }
        if (!version.asString().getValue().equals("1")) {
            throw ErrorCode.API_VERSION_ERROR.error("API version must be \"1\"");
        }
        boolean strict = flag(body, "apiStrict");
        flag(body, "apiDeprecationErrors");
        if (strict && !VERSION_1.contains(command)) {
            throw ErrorCode.API_STRICT_ERROR.error("Provided apiStrict:true, but the command %s is not in API Version 1",
                    command);
        }
        if (strict && (command.equals("aggregate") || command.equals("create"))) {
            StrictStages.check(body);
        }
    }

    private static boolean flag(BsonDocument body, String field) {
        BsonValue v = body.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw ErrorCode.TYPE_MISMATCH.error("BSON field '%s' is the wrong type '%s', expected type 'bool'",
                    field, BsonText.typeName(v));
        }
        return v.asBoolean().getValue();
    }
}
