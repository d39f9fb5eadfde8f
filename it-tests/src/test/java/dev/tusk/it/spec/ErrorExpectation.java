package dev.tusk.it.spec;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteConcernException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.WriteConcernError;
import java.util.Locale;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/** expectError: asserts an operation's error against the expected properties. */
final class ErrorExpectation {
    private ErrorExpectation() {}

    static void check(BsonDocument expected, Exception error, Matcher matcher) {
        if (error == null) {
            throw new AssertionError("expected an error, the operation succeeded");
        }
        for (String key : expected.keySet()) {
            BsonValue v = expected.get(key);
            switch (key) {
                case "isError" -> { }
                case "isClientError" -> require(v.asBoolean().getValue() == !(error instanceof MongoServerException),
                        v.asBoolean().getValue() ? "expected a client error" : "expected a server error", error);
                case "isTimeoutError" -> require(v.asBoolean().getValue() == error.getClass().getSimpleName().contains("Timeout"),
                        "timeout error: expected " + v.asBoolean().getValue(), error);
                case "errorContains" -> require(String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT)
                        .contains(v.asString().getValue().toLowerCase(Locale.ROOT)), "message should contain '"
                        + v.asString().getValue() + "'", error);
                case "errorCode" -> require(code(error) == v.asNumber().intValue(), "expected code " + v.asNumber().intValue(), error);
                case "errorCodeName" -> require(v.asString().getValue().equals(codeName(error)),
                        "expected codeName " + v.asString().getValue(), error);
                case "errorLabelsContain" -> v.asArray().forEach(l -> require(error instanceof MongoException m
                        && m.hasErrorLabel(l.asString().getValue()), "expected label " + l.asString().getValue(), error));
                case "errorLabelsOmit" -> v.asArray().forEach(l -> require(!(error instanceof MongoException m
                        && m.hasErrorLabel(l.asString().getValue())), "unexpected label " + l.asString().getValue(), error));
                case "expectResult" -> {
                    require(error instanceof MongoBulkWriteException, "expected a partial result (bulk write error)", error);
                    matcher.assertResult(v, Results.of(((MongoBulkWriteException) error).getWriteResult()), false);
                }
                case "errorResponse" -> {
                    require(error instanceof MongoCommandException, "expected a command error with a response", error);
                    matcher.assertMatches(v, ((MongoCommandException) error).getResponse(), true);
                }
                case "writeErrors" -> {
                    require(error instanceof MongoBulkWriteException, "expected write errors", error);
                    BsonDocument actual = new BsonDocument();
                    ((MongoBulkWriteException) error).getWriteErrors().forEach(w -> actual.append(String.valueOf(w.getIndex()),
                            new BsonDocument("code", new BsonInt32(w.getCode())).append("message", new BsonString(w.getMessage()))
                                    .append("details", w.getDetails())));
                    matcher.assertMatches(v, actual, false);
                }
                case "writeConcernErrors" -> {
                    WriteConcernError wce = error instanceof MongoBulkWriteException b ? b.getWriteConcernError()
                            : error instanceof MongoWriteConcernException w ? w.getWriteConcernError() : null;
                    require(wce != null, "expected a write concern error", error);
                    BsonArray actual = new BsonArray();
                    actual.add(new BsonDocument("code", new BsonInt32(wce.getCode())).append("message", new BsonString(wce.getMessage())));
                    matcher.assertResult(v, actual, true);
                }
                default -> throw new RunnerException("unsupported expectError field " + key);
            }
        }
    }

    static int code(Exception e) {
        if (e instanceof MongoBulkWriteException b) {
            return b.getWriteErrors().isEmpty() && b.getWriteConcernError() != null ? b.getWriteConcernError().getCode()
                    : b.getWriteErrors().isEmpty() ? b.getCode() : b.getWriteErrors().get(0).getCode();
        } else if (e instanceof MongoWriteConcernException w) {
            return w.getWriteConcernError().getCode();
        } else if (e instanceof MongoWriteException w) {
            return w.getError().getCode();
        } else if (e instanceof MongoException m) {
            return m.getCode();
        }
        return -1;
    }

    static String codeName(Exception e) {
        if (e instanceof MongoBulkWriteException b && b.getWriteConcernError() != null) {
            return b.getWriteConcernError().getCodeName();
        } else if (e instanceof MongoWriteConcernException w) {
            return w.getWriteConcernError().getCodeName();
        } else if (e instanceof MongoServerException s) {
            return s.getErrorCodeName();
        }
        return null;
    }

    private static void require(boolean ok, String what, Exception error) {
        if (!ok) {
            throw new AssertionError(what + "; got " + error.getClass().getSimpleName() + ": " + error.getMessage(), error);
        }
    }
}
