package dev.tusk.exec;

import dev.tusk.error.ErrorCode;
import dev.tusk.error.MongoServerException;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one table from PostgreSQL SQLSTATE to MongoDB error; anything unmapped is InternalError, logged. */
public final class SqlErrors {
    private static final Logger log = LoggerFactory.getLogger(SqlErrors.class);

    private record Mapping(ErrorCode code, String message) {}

    private static final Map<String, Mapping> BY_SQLSTATE = Map.of(
            "57014", new Mapping(ErrorCode.MAX_TIME_MS_EXPIRED, "operation exceeded time limit"),
            "42P01", new Mapping(ErrorCode.NAMESPACE_NOT_FOUND, "collection was dropped during the operation"),
            "40001", new Mapping(ErrorCode.WRITE_CONFLICT, "Write conflict during plan execution and yielding is disabled."),
            "40P01", new Mapping(ErrorCode.WRITE_CONFLICT, "Write conflict during plan execution and yielding is disabled."),
            "54000", new Mapping(ErrorCode.BSON_OBJECT_TOO_LARGE, "document is too large to be stored"));

    private SqlErrors() {}

    public static MongoServerException translate(SQLException e, String sql) {
        if ("57014".equals(e.getSQLState()) && Backends.killed()) {
            return ErrorCode.INTERRUPTED.error("operation was interrupted").withCause(e);
        }
        Mapping m = BY_SQLSTATE.get(e.getSQLState());
        if (m != null) {
            return m.code().error(m.message()).withCause(e);
        }
        log.error("unexpected PostgreSQL error {} running: {}", e.getSQLState(), sql, e);
        return ErrorCode.INTERNAL_ERROR.error("PostgreSQL error %s: %s", e.getSQLState(), e.getMessage()).withCause(e);
    }
}
